package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
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

// The page explains a score between the ranges the text writes in the
// words the command line prints (calculator.Result.Readings, which the
// module leaves out: the page words it itself), at the same step.
func TestCalculatorExplainsAScoreAsTheCommandLine(t *testing.T) {
	s := serveContent(t, contentDir(), false)
	ctx := browser(t)
	src, err := os.ReadFile(filepath.Join(contentDir(), "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := rulesfile.Parse("content/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	notes := `[...document.querySelectorAll('.pc-step')].flatMap((li, i) => [...li.querySelectorAll('.pc-step-note')].map(e => i + ' ' + e.textContent)).join('\n')`
	for _, frag := range []string{
		"role=sales&score=59.9&base=3000&dept=met", "role=sales&score=89.5&base=3000&dept=met", "role=sales&score=94.5&base=3000&dept=met",
		"role=assistant&score=59.99&base=1000&dept=exceeded", "role=sales&scores=40,9.5,10&base=3000&dept=missed", "role=sales&score=88&base=3000&dept=met",
	} {
		in, err := calculator.ParseQuery(rules, frag)
		if err != nil {
			t.Fatal(err)
		}
		res, err := calculator.Compute(rules, in)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, rd := range res.Readings() {
			want = append(want, fmt.Sprint(rd.Step, " ", rd.Text))
		}
		freshLoad(t, ctx, s.URL+calcPath+"#"+frag)
		waitTotal(t, ctx, calculator.FormatFen(res.TotalFen))
		if got := eval[string](t, ctx, notes); got != strings.Join(want, "\n") {
			t.Errorf("#%s: the page says\n%q\nthe command line\n%q", frag, got, want)
		}
	}
}
