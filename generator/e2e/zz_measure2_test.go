package e2e

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestZZBench(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip()
	}
	for i := 0; i < 3; i++ {
		for _, mode := range []string{"stream", "buf"} {
			ctx := browser(t)
			do(t, ctx, chromedp.Navigate("http://127.0.0.1:8131/#"+mode))
			v := eval[string](t, ctx, `new Promise(r => { const f = () => window.result ? r(JSON.stringify(window.result)) : setTimeout(f, 10); f(); })`)
			t.Log(v)
		}
	}
}
