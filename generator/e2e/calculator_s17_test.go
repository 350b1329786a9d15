package e2e

import (
	"context"
	"fmt"
	"testing"
)

// paste replaces a field's text as pasting does: select it, insert the
// text in one input event.
func paste(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(e => (e.focus(), e.select(), document.execCommand('insertText', false, %q)))(document.querySelector(%q))`, text, sel))
}

// A base pasted with a no-break space before it (as a web page, a PDF or
// a spreadsheet's cell copies a figure) is read as the number, as a space
// is: the form said 绩效工资应为数字 while its link, which the page writes
// trimmed, gave the receiver a result the sender did not see.
func TestCalculatorNoBreakSpaceBeforeANumber(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	openCalculator(t, ctx, s.URL+calcPath+"#role=sales&score=88&base=1&dept=exceeded")
	waitTotal(t, ctx, "0.92")
	for _, pasted := range []string{"\u00a03000", "3000\u00a0", "\u202f3000", "\u20033000\u205f"} {
		paste(t, ctx, baseField, pasted)
		waitTotal(t, ctx, "2772.00")
		if msg := fieldError(t, ctx, baseField); msg != "" {
			t.Errorf("%+q pasted: the base says %q", pasted, msg)
		}
		retype(t, ctx, baseField, "1")
		waitTotal(t, ctx, "0.92")
	}
}
