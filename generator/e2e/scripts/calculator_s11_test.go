package scripts

import (
	"testing"

	"handbook/generator/e2e/harness"
)

// A link whose key is given twice, the second time empty or unreadable
// (base=3000&base=, as a hand-edited link has it), names only the repeat
// beside the field that shows the first value: it also said 请填写绩效工资
// (or 应为数字) beside a field holding 3000. Retyping the field mends it.
func TestCalculatorRepeatedKeyNamesOnlyTheRepeat(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	for _, second := range []string{"", "abc"} {
		freshLoad(t, ctx, s.URL+calcPath+"#role=sales&score=88&base=3000&dept=met&base="+second)
		harness.WaitState(t, ctx, "invalid")
		if v := harness.Eval[string](t, ctx, `document.querySelector('`+baseField+`').value`); v != "3000" {
			t.Errorf("base=%q: the field shows %q, want the first value 3000", second, v)
		}
		if msg := fieldError(t, ctx, baseField); msg != "绩效工资填写了两次，请只保留一个" {
			t.Errorf("base=3000&base=%s: message %q, want only 绩效工资填写了两次，请只保留一个", second, msg)
		}
		assertNoFigure(t, ctx)
		retype(t, ctx, baseField, "3000")
		waitTotal(t, ctx, "2640.00")
	}
}
