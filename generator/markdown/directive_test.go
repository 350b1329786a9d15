package markdown

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestDirectiveMistakes: a payout directive that is not read as written
// says so where the mistake is. A comment that looks like a directive but
// is not one (a typo of payout) warns that its example goes unchecked; an
// attribute given twice is an error at the second, and the example is
// not checked with a value the author may not mean (the last one was
// used, and each figure of the text called wrong); an attribute the
// check does not read is warned of, with the ones it does; and one
// without a score or base is an error at the directive, or at the word
// standing in its place (scroe=88), and its example is not checked.
func TestDirectiveMistakes(t *testing.T) {
	const example = "\n   举例:3000\\*88%=2640元\n"
	cases := []struct {
		name, directive string
		severity        diag.Severity
		col             int
		msg, hint       string
		examples        int
	}{
		{"payout misspelt", "<!-- payot role=sales score=88 base=3000 dept=met -->", diag.Warning, 9,
			"looks like a payout directive but is not one", "<!-- payout role=sales", 0},
		{"payout capitalised", "<!-- Payout role=sales score=88 base=3000 -->", diag.Warning, 9,
			"looks like a payout directive but is not one", "in lower case", 0},
		{"payout with a colon", "<!-- payout: role=sales score=88 base=3000 -->", diag.Warning, 9,
			"looks like a payout directive", "the word payout first", 0},
		{"payout left out", "<!-- role=sales score=88 base=3000 dept=met -->", diag.Warning, 9,
			"looks like a payout directive", "", 0},
		{"an attribute given twice", "<!-- payout role=sales score=88 score=90 base=3000 dept=met -->", diag.Error, 36,
			"gives score twice (score=88, then score=90)", "keep one score=…", 0},
		{"an unknown attribute", "<!-- payout role=sales score=88 base=3000 dept=met extra=1 -->", diag.Warning, 55,
			`attribute "extra" is not one the check reads`, "role, score, base, dept", 1},
		{"an attribute misspelt", "<!-- payout role=sales scroe=88 score=88 base=3000 -->", diag.Warning, 27,
			`attribute "scroe" is not one`, "write score=88", 1},
		// Without a score, the example cannot be checked: an error at the
		// word in its place, not at the example's figures as one to correct.
		{"the score misspelt", "<!-- payout role=sales scroe=88 base=3000 dept=met -->", diag.Error, 27,
			`attribute "scroe" is not one the check reads, and the directive has no score=…`, "write score=88", 0},
		{"the base left out", "<!-- payout role=sales score=88 dept=met -->", diag.Error, 9,
			"payout directive has no base=…, so the example after it is not checked", "base=3000", 0},
		{"nothing but payout", "<!-- payout -->", diag.Error, 9,
			"payout directive has no score=… or base=…", "score=88 base=3000", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, errs := parse(t, "## 奖惩\n\n1. "+c.directive+example)
			if len(errs) != 1 || errs[0].Severity != c.severity || errs[0].Line != 3 || errs[0].Col != c.col ||
				!strings.Contains(errs[0].Msg, c.msg) || !strings.Contains(errs[0].Hint, c.hint) {
				t.Fatalf("want one %v at 3:%d saying %q, %q; got %v", c.severity, c.col, c.msg, c.hint, errs)
			}
			if len(d.Examples) != c.examples {
				t.Fatalf("examples: %+v", d.Examples)
			}
		})
	}
	// A directive over lines: the attribute given twice is found on its line.
	_, errs := parse(t, "<!-- payout role=sales\n     score=88 base=3000\n     score=90 -->\n举例\n")
	if len(errs) != 1 || errs[0].Line != 3 || errs[0].Col != 6 {
		t.Fatalf("over lines: %v", errs)
	}
	// Its last line's attributes are the directive's too.
	d, errs := parse(t, "<!-- payout role=sales score=88\n     base=3000 dept=exceeded -->\n举例\n")
	if len(errs) != 0 || len(d.Examples) != 1 || d.Examples[0].Attrs["dept"] != "exceeded" || d.Examples[0].Attrs["base"] != "3000" {
		t.Fatalf("over lines: %v %+v", errs, d.Examples)
	}
	// Comments that are no directive, and directives as written: nothing.
	for _, src := range []string{
		"<!-- layout: wide -->\n\n正文\n", "<!-- TODO 待法务确认 -->\n\n正文\n", "<!-- score -->\n",
		"<!--payout role=sales score=88 base=3000 dept=exceeded-->\n举例\n", "<!-- payment terms=30 -->\n\n正文\n",
	} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
	d, _ = parse(t, "<!--payout role=sales score=88 base=3000 dept=exceeded-->\n举例\n")
	if len(d.Examples) != 1 || d.Examples[0].Attrs["dept"] != "exceeded" || d.Examples[0].Attrs["role"] != "sales" {
		t.Fatalf("%+v", d.Examples)
	}
}

// TestUnclosedDirective: a directive whose --> was lost ran on into its
// example and the editor's note under it, and was reported as six
// mistakes (each word of the example a field that is not key=value, one
// an attribute to remove, the directive followed by no example), none
// saying the comment was not closed. It is one error now, at the
// directive, with the line to write; another comment left open is a
// warning, as the page's text after it is hidden.
func TestUnclosedDirective(t *testing.T) {
	for _, c := range []struct{ name, src, hint string }{
		{"the sales example", "## 奖惩\n\n7. <!-- payout role=sales score=88 base=3000 dept=exceeded\n   举例:本期考核得分88分,绩效奖发放:3000\\*88%=2640元\n   > [!编者注]\n   > 原文“举例”后有两个冒号“::”。\n\n> [!编者注]\n> 上列第7项。\n",
			"end it with --> on its line: <!-- payout role=sales score=88 base=3000 dept=exceeded -->"},
		{"the assistant example", "## 奖惩\n\n7. <!-- payout role=assistant score=88 base=1000 dept=exceeded\n   举例:1000\\*88%=880元;额外奖金:880\\*5%=44元。本月应发全部奖金为:880元+44元=924元\n\n> [!编者注]\n> 上列第7项。\n",
			"<!-- payout role=assistant score=88 base=1000 dept=exceeded -->"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, errs := parse(t, c.src)
			want := "content/x.md:3:4: error: this payout directive's comment is not closed: it has no -->, so the comment runs on to the end of its list item, hiding the example after it from readers and from the check"
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) || !strings.Contains(errs[0].Hint, c.hint) {
				t.Fatalf("want one error %q, hint %q; got %v", want, c.hint, errs)
			}
			if len(d.Examples) != 0 {
				t.Fatalf("examples: %+v", d.Examples)
			}
		})
	}
	_, errs := parse(t, "正文\n\n<!-- TODO 待法务确认\n\n## 二、职责\n\n正文\n")
	if len(errs) != 1 || errs[0].Severity != diag.Warning || errs[0].Line != 3 || errs[0].Col != 1 ||
		!strings.Contains(errs[0].Msg, "this comment is not closed: it has no -->, so it runs on to the end of the page") {
		t.Fatalf("an open comment: %v", errs)
	}
	// Closed on its first line or a later one: nothing.
	for _, src := range []string{"<!-- TODO -->\n\n正文\n", "<!-- TODO\n待法务确认 -->\n\n正文\n", "<!-- payout role=sales score=88 base=3000\n-->\n举例\n"} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}
