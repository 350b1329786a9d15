package scripts

import (
	"testing"

	"github.com/chromedp/chromedp/kb"

	"handbook/generator/e2e/harness"
)

// A keyboard reader tabbing through the calculator without typing is not
// told to fill in what they passed: 请填写考核得分 and 请填写绩效工资 showed
// in red, and the result said 请按上面的提示更正输入, as a touch reader
// choosing buttons was never told. A field typed in and emptied is named.
func TestCalculatorTabbingThroughStaysQuiet(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	harness.FocusLike(t, ctx)
	openCalculator(t, ctx, s.URL+calcPath)
	harness.Eval[bool](t, ctx, `(document.querySelector('input[value=sales]').focus(), true)`)
	for _, want := range []string{"pc0-mode", "pc0-score", "pc0-base", "pc0-dept"} {
		harness.Press(t, ctx, kb.Tab)
		harness.WaitFor(t, ctx, `(e => e.id === '`+want+`' || e.name === '`+want+`')(document.activeElement)`, harness.ActiveElement)
	}
	shown := `[...document.querySelectorAll('.payout-calculator .pc-error:not([hidden])')].map(e => e.textContent)`
	if errs := harness.Eval[[]string](t, ctx, shown); len(errs) > 0 {
		t.Errorf("tabbed through without typing, the form says %q", errs)
	}
	if st := harness.Eval[string](t, ctx, `document.querySelector('.payout-calculator').dataset.state`); st != "incomplete" {
		t.Errorf("tabbed through without typing, the calculator is %q, want incomplete: %s", st, harness.Eval[string](t, ctx, harness.PageState))
	}

	// Typed in and emptied, the score is named; the base passed stays quiet.
	harness.Eval[bool](t, ctx, `(document.querySelector('`+scoreField+`').focus(), true)`)
	harness.Press(t, ctx, "8")
	harness.Press(t, ctx, kb.Backspace)
	harness.Press(t, ctx, kb.Tab)
	harness.WaitState(t, ctx, "invalid")
	if msg := fieldError(t, ctx, scoreField); msg != "请填写考核得分" {
		t.Errorf("typed in and emptied, the score says %q", msg)
	}
	if msg := fieldError(t, ctx, baseField); msg != "" {
		t.Errorf("passed without typing, the base says %q", msg)
	}
}
