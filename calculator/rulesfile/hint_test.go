package rulesfile

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// The commonest typos of a rules file written by hand get what to do, not
// the TOML parser's words alone: a payout typed without its quotes
// (payout = 100%: "expected a top-level item to end with a newline …,
// but got '%'") is told to put it in quotes, and one whose closing quote
// is missing ("strings cannot contain newlines") to close it on its line.
// A number is not told to be quoted.
func TestAValueWithoutItsQuotesIsToldToQuoteIt(t *testing.T) {
	good := handbookRules(t)
	for _, tc := range []struct{ name, src, want string }{
		{"a rate without quotes", nth(good, `payout = "100%"`, `payout = 100%`, 1),
			"TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got '%' instead — put the value in quotes: payout = \"100%\""},
		{"a rate without its closing quote", nth(good, `payout = "100%"`, `payout = "100%`, 1),
			"TOML syntax error: strings cannot contain newlines — close the quote on the same line it opens: payout = \"100%\""},
		{"a name without quotes", nth(good, `name = "销售人员"`, `name = 销售人员`, 1),
			"— put the value in quotes: name = \"销售人员\""},
		{"a number with a letter in it", nth(good, "max = 60", "max = 6O", 1),
			"— fix the syntax (see https://toml.io)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/rules.toml", []byte(tc.src))
			l := diag.FromError(err)
			if len(l) != 1 || !strings.Contains(l[0].String(), tc.want) {
				t.Errorf("want one error …%s, got:\n%v", tc.want, err)
			}
		})
	}
}

// A tier's min misspelt (mni = 90) is said as the key it most likely is,
// and alone: its range was read as 0–94, and the first error said "tier
// 0–94 comes after tier 60–89", of a range nobody wrote.
func TestAMisspeltMinIsOneError(t *testing.T) {
	good := handbookRules(t)
	_, err := Parse("content/rules.toml", []byte(nth(good, "min = 90", "mni = 90", 1)))
	l := diag.FromError(err)
	want := `unknown key "roles.tiers.mni"; did you mean min? — rename mni to min (the keys of [roles.tiers] are min, max, payout, clause)`
	if len(l) != 1 || l[0].Line != lineOf(good, "min = 90", 1) || !strings.HasSuffix(l[0].String(), want) {
		t.Errorf("want one error at line %d: …%s, got:\n%v", lineOf(good, "min = 90", 1), want, err)
	}
	// The other role's tiers are still checked.
	src := nth(nth(good, "min = 90", "mni = 90", 1), "min = 90", "min = 89", 1)
	if _, err := Parse("content/rules.toml", []byte(src)); !strings.Contains(err.Error(), "overlaps") {
		t.Errorf("the other role's overlap is not said:\n%v", err)
	}
}
