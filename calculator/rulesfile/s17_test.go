package rulesfile

import (
	"strings"
	"testing"

	"handbook/calculator"
)

// all_tied says who is last in a month everyone ranked ties: "none" nobody,
// "all" or left out (as every revision published before it) everyone, as
// before; anything else is named at its line.
func TestAllTied(t *testing.T) {
	src := handbookRules(t)
	if !strings.Contains(src, "\nall_tied = \"none\"") {
		t.Fatal(`content/rules.toml has no all_tied = "none"`)
	}
	for _, tc := range []struct {
		line string
		want calculator.TieRule
	}{{`all_tied = "none"`, calculator.TiesNoneLast}, {`all_tied = "all"`, calculator.TiesAllLast}, {"", calculator.TiesAllLast}} {
		r, err := Parse("rules.toml", []byte(strings.Replace(src, `all_tied = "none"`, tc.line, 1)))
		if err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		if got := r.Role("sales").Ranking.AllTied; got != tc.want {
			t.Errorf("%q: AllTied %v, want %v", tc.line, got, tc.want)
		}
	}
	bad := strings.Replace(src, `all_tied = "none"`, `all_tied = "nobody"`, 1)
	line := strings.Count(bad[:strings.Index(bad, "all_tied = \"nobody\"")], "\n") + 1
	_, err := Parse("rules.toml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "rules.toml:"+itoa(line)+":") || !strings.Contains(err.Error(), `unknown rule "nobody" for a month in which everyone ranked has the same score`) ||
		!strings.Contains(err.Error(), `all_tied = "none"`) {
		t.Errorf("all_tied = \"nobody\" (line %d): %v", line, err)
	}
}

func itoa(n int) string { return calculator.FormatDecimal(int64(n), 0) }
