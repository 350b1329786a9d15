package rulesfile

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"handbook/generator/diag"
)

func handbookRules(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTheHandbookRulesAreValid(t *testing.T) {
	r, err := Parse("content/rules.toml", []byte(handbookRules(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Roles) != 2 || len(r.Roles[0].Tiers) != 4 || r.Roles[0].Ranking == nil || r.Roles[0].Ranking.Months != 3 {
		t.Fatalf("%+v", r)
	}
	if len(r.Readings) < 3 || r.Rounding.Text == "" {
		t.Fatalf("readings %d, rounding %q", len(r.Readings), r.Rounding.Text)
	}
}

// nth replaces the n-th (1-based) occurrence of old in s.
func nth(s, old, repl string, n int) string {
	i := -1
	for ; n > 0; n-- {
		j := strings.Index(s[i+1:], old)
		if j < 0 {
			panic("no occurrence of " + old)
		}
		i += 1 + j
	}
	return s[:i] + repl + s[i+len(old):]
}

// lineOf is the 1-based line of the n-th occurrence of sub.
func lineOf(s, sub string, n int) int {
	i := -1
	for ; n > 0; n-- {
		i += 1 + strings.Index(s[i+1:], sub)
	}
	return strings.Count(s[:i], "\n") + 1
}

func TestInvalidRulesAreReportedAtTheirLine(t *testing.T) {
	good := handbookRules(t)
	for _, tc := range []struct {
		name    string
		src     string
		line    int
		message string
	}{
		{"an overlapping tier", nth(good, "min = 90", "min = 89", 1), lineOf(good, "min = 90", 1), "overlaps"},
		{"a gap between tiers", nth(good, "min = 95", "min = 96", 2), lineOf(good, "min = 95", 2), "gap"},
		{"tiers not reaching 100", nth(good, "max = 100", "max = 99", 1), lineOf(good, "max = 100", 1), "cover 0–100"},
		{"tiers not starting at 0", nth(good, "min = 0", "min = 1", 1), lineOf(good, "min = 0", 1), "start at 0"},
		{"weights not summing to 100", nth(good, "max = 60", "max = 50", 1), lineOf(good, "[[roles.criteria]]", 1), "销售人员's criterion weights sum to 90"},
		{"a negative rate", nth(good, `payout = "105%"`, `payout = "-105%"`, 2), lineOf(good, `payout = "105%"`, 2), "negative payout"},
		{"a role id in Chinese", nth(good, `id = "assistant"`, `id = "内勤"`, 1), lineOf(good, `id = "assistant"`, 1), `role id "内勤" cannot be used in links and CSV files — write it in lower-case letters a–z, digits and hyphens, starting with a letter`},
		{"a role id with capitals", nth(good, `id = "assistant"`, `id = "Assistant"`, 1), lineOf(good, `id = "assistant"`, 1), `role id "Assistant" cannot be used`},
		{"a role id with a space", nth(good, `id = "assistant"`, `id = "key account"`, 1), lineOf(good, `id = "assistant"`, 1), `role id "key account" cannot be used`},
		{"a role id starting with a digit", nth(good, `id = "assistant"`, `id = "2nd"`, 1), lineOf(good, `id = "assistant"`, 1), `role id "2nd" cannot be used`},
		{"a role without an id", nth(good, `id = "assistant"`, `id = ""`, 1), lineOf(good, `id = "assistant"`, 1), `role has no id — write it in lower-case letters`},
		{"a role name given twice", nth(good, `name = "大客户内勤"`, `name = "销售人员"`, 1), lineOf(good, `name = "大客户内勤"`, 1), `role name "销售人员" is already the name of role "sales"`},
		{"a role name that is another's id", nth(good, `name = "大客户内勤"`, `name = "Sales"`, 1), lineOf(good, `name = "大客户内勤"`, 1), `role name "Sales" reads as the id of role 销售人员`},
		{"a rate with three decimals", nth(good, `adjust = "+5%"`, `adjust = "+5.000%"`, 1), lineOf(good, `adjust = "+5%"`, 1), `adjust "+5.000%" has more than two decimals`},
		{"a payout with three decimals", nth(good, `payout = "105%"`, `payout = "105.000%"`, 1), lineOf(good, `payout = "105%"`, 1), `payout "105.000%" has more than two decimals`},
		{"an unknown department result", nth(good, `result = "met"`, `result = "fine"`, 1), lineOf(good, `result = "met"`, 1), "unknown department result"},
		{"a missing clause", nth(good, `clause = "内勤奖惩办法.3"`, `clause = ""`, 1), lineOf(good, `clause = "内勤奖惩办法.3"`, 1), "missing clause"},
		{"an unknown key", nth(good, "payout = \"score\"", "payout = \"score\"\ncolour = 1", 1), lineOf(good, "payout = \"score\"", 1) + 1, "unknown key"},
		{"a TOML syntax error", nth(good, "max = 60", "max = = 60", 1), lineOf(good, "max = 60", 1), "syntax"},
		{"a rounding unit that is not 1, 10 or 100", nth(good, "unit_fen = 1 ", "unit_fen = 3 ", 1), lineOf(good, "unit_fen = 1", 1), "use 1 (到分), 10 (到角) or 100 (到元)"},
		{"a rounding text of another mode", nth(good, `mode = "half-up"`, `mode = "half-even"`, 1), lineOf(good, "text = ", 1), "the text says 四舍五入 but mode = \"half-even\""},
		{"a rounding text of another unit", nth(good, "unit_fen = 1 ", "unit_fen = 10", 1), lineOf(good, "text = ", 1), "state the unit in the text (到角)"},
		{"a rounding text without the mode's words", nth(good, "各自四舍五入保留到分（", "各自保留到分（", 1), lineOf(good, "text = ", 1), "nothing of 四舍五入"},
		{"a role defined twice", nth(good, `id = "assistant"`, `id = "sales"`, 1), lineOf(good, `id = "assistant"`, 1), `role id "sales" is already the id of 销售人员 above — give each [[roles]] its own id`},
		{"a department result defined twice", nth(good, `result = "missed"`, `result = "met"`, 2), lineOf(good, `result = "missed"`, 2), "its own result, exceeded, met or missed"},
		{"an unreadable payout", nth(good, `payout = "100%"`, `payout = "all"`, 1), lineOf(good, `payout = "100%"`, 1), "neither a percentage"},
		// A key misspelt: the table's keys are named, among them the one
		// meant, and the tier is said to have no payout (it was payout ""
		// is neither a percentage nor "score", of a value nobody wrote).
		{"a misspelt key", nth(good, `payout = "100%"`, `payuot = "100%"`, 1), lineOf(good, `payout = "100%"`, 1), `unknown key "roles.tiers.payuot"; did you mean payout? — rename payuot to payout (the keys of [roles.tiers] are min, max, payout, clause)`},
		{"a tier without its payout", nth(good, `payout = "100%"`, `payuot = "100%"`, 1), lineOf(good, `payout = "100%"`, 1) - 3, "the tier has no payout"},
		{"a misspelt key at the top", "rounding_mode = 1\n" + good, 1, "the keys of the file's top level are rounding, roles, readings"},
	} {
		t.Run(tc.name+" is rejected at its line", func(t *testing.T) {
			_, err := Parse("content/rules.toml", []byte(tc.src))
			if err == nil {
				t.Fatal("accepted")
			}
			l := diag.FromError(err)
			if len(l) == 0 {
				t.Fatalf("not a diag list: %v", err)
			}
			for _, d := range l {
				if d.Line == tc.line && strings.Contains(d.Msg+" — "+d.Hint, tc.message) && d.File == "content/rules.toml" && d.Col > 0 {
					return
				}
			}
			t.Errorf("want %q at line %d, got:\n%v", tc.message, tc.line, err)
		})
	}
}

// A ranking without min_staff or months is said to lack it, not that it
// must be at least 2 (or between 1 and 24).
func TestARankingsMissingKeyIsSaidMissing(t *testing.T) {
	good := handbookRules(t)
	for _, c := range []struct{ key, want string }{
		{"min_staff = 2", "the ranking has no min_staff"},
		{"months = 3", "the ranking has no months"},
	} {
		i := strings.Index(good, c.key)
		if i < 0 {
			t.Fatalf("%q is not in the rules", c.key)
		}
		end := i + strings.Index(good[i:], "\n")
		_, err := Parse("content/rules.toml", []byte(good[:i]+good[end+1:]))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "at least 2") {
			t.Errorf("without %s: %v", c.key, err)
		}
	}
}

// An unknown rounding mode is one error, at the mode: there is no mode
// for the text to disagree with. A second error at the text said "nothing
// of 四舍五入 but mode = half-up", a mode no one wrote.
func TestAnUnknownRoundingModeIsOneError(t *testing.T) {
	good := handbookRules(t)
	src := nth(nth(good, `mode = "half-up"`, `mode = "round"`, 1), "各自四舍五入保留到分（", "各自舍去零头保留到分（", 1)
	_, err := Parse("content/rules.toml", []byte(src))
	l := diag.FromError(err)
	if len(l) != 1 || l[0].Line != lineOf(good, `mode = "half-up"`, 1) || !strings.Contains(l[0].Msg, `unknown rounding mode "round"`) {
		t.Errorf("want one error at the mode, got %v", err)
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	src := nth(nth(handbookRules(t), "max = 60", "max = 50", 1), "min = 90", "min = 89", 2)
	_, err := Parse("rules.toml", []byte(src))
	if l := diag.FromError(err); len(l) != 2 {
		t.Fatalf("want 2 diagnostics, got:\n%v", err)
	}
}

func FuzzRulesParse(f *testing.F) {
	good := handbookRules(f)
	f.Add(good[:400])
	f.Add(nth(good, "min = 90", "min = 89", 1))
	f.Add("[[roles]]\nid = 'sales'\n[[roles.tiers]]\nmin = 0.5\n")
	f.Add("[rounding\n")
	f.Fuzz(func(t *testing.T, src string) {
		r, err := Parse("rules.toml", []byte(src))
		if err != nil {
			if diag.FromError(err) == nil {
				t.Fatalf("error without diagnostics: %v", err)
			}
			return
		}
		if ps := r.Check(); len(ps) > 0 {
			t.Fatalf("accepted rules with problems: %v", ps)
		}
	})
}

// A value of the wrong kind is named at its own line, with what it must
// be: BurntSushi names the line of the last key it read, so payout = 105
// in the sales role's first tier was reported on the assistant role's last
// payout line, 76 lines below, in its own words ("destination has type
// string"). Every such value, and every unknown key beside them, is
// reported at once.
func TestValuesOfTheWrongKindAreReportedWhereTheyAre(t *testing.T) {
	good := handbookRules(t)
	for _, tc := range []struct {
		name, src, at string
		line          int
		message       string
	}{
		{"a rate without quotes", nth(good, `payout = "105%"`, `payout = 105`, 1), `payout = "105%"`, 1, `payout is a whole number (105), but must be text in double quotes — quote it, e.g. payout = "105%"`},
		{"an adjustment without quotes", nth(good, `adjust = "+5%"`, `adjust = 5`, 1), `adjust = "+5%"`, 1, `adjust is a whole number (5), but must be text`},
		{"a number in quotes", nth(good, "months = 3 ", `months = "3" `, 1), "months = 3", 1, `months is text ("3"), but must be a whole number — write it without quotes or decimals, e.g. months = 3`},
		{"a rounding unit with decimals", nth(good, "unit_fen = 1 ", "unit_fen = 1.5 ", 1), "unit_fen = 1", 1, "unit_fen is a number with decimals (1.5), but must be a whole number"},
		{"a tie rule as true", nth(good, `ties = "all"`, `ties = true`, 1), `ties = "all"`, 1, `ties is true or false, but must be text in double quotes — quote it, e.g. ties = "all"`},
		{"rounding as a value", nth(good, "[rounding]\n", "rounding = \"half-up\"\n[rounding2]\n", 1), "[rounding]", 1, "rounding is text (\"half-up\"), but must be a table"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/rules.toml", []byte(tc.src))
			l := diag.FromError(err)
			if len(l) == 0 {
				t.Fatalf("not rejected with diagnostics: %v", err)
			}
			want := lineOf(good, tc.at, tc.line)
			if d := l[0]; d.Line != want || d.Col <= 1 && tc.at[0] != '[' || !strings.Contains(d.Msg+" — "+d.Hint, tc.message) {
				t.Errorf("want %q at line %d, got:\n%v", tc.message, want, err)
			}
		})
	}
	src := nth(nth(nth(good, `payout = "105%"`, `payout = 105`, 1), "months = 3 ", `months = "3" `, 1), `criteria_clause = "内勤考核指标"`, `criteria_clase = "内勤考核指标"`, 1)
	_, err := Parse("content/rules.toml", []byte(src))
	l := diag.FromError(err)
	if len(l) != 3 || l[0].Line != lineOf(good, `payout = "105%"`, 1) || l[1].Line != lineOf(good, "months = 3", 1) ||
		l[2].Line != lineOf(good, `criteria_clause = "内勤考核指标"`, 1) || !strings.Contains(l[2].Msg, `unknown key "roles.criteria_clase"`) {
		t.Errorf("want the two values and the unknown key, each at its line, got:\n%v", err)
	}
}

// Tiers listed from the top down, as the text lists them (95——100
// first), are one error at the first tier out of order, saying to list
// them from the lowest score up — not an overlap at every tier and both
// ends uncovered (five errors for one mistake).
func TestTiersInTheTextsOrderAreOneError(t *testing.T) {
	good := handbookRules(t)
	start := strings.Index(good, "[[roles.tiers]]")
	end := strings.Index(good, "# 部门业绩目标")
	parts := strings.Split(good[start:end], "[[roles.tiers]]")[1:]
	var rev strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		rev.WriteString("[[roles.tiers]]" + strings.TrimRight(parts[i], "\n") + "\n\n")
	}
	src := good[:start] + rev.String() + good[end:]
	_, err := Parse("content/rules.toml", []byte(src))
	l := diag.FromError(err)
	if len(l) != 1 || l[0].Line != lineOf(src, "min = 90", 1) || !strings.Contains(l[0].Msg, "tier 90–94 comes after tier 95–100") ||
		!strings.Contains(l[0].Hint, "list the tiers from the lowest score up") {
		t.Errorf("want one error at the 90–94 tier, got:\n%v", err)
	}
}

// A syntax error is named at the line and column of the mistake. The
// parser counts a newline it stops at as the next line's: "[rounding"
// without its "]" on line 15 was reported at 16:10, a line below it, and
// a value left out at a line's end likewise. Columns count characters,
// so a Chinese text before the mistake does not push it right, and a byte
// order mark (which the parser skips) does not move it left.
func TestASyntaxErrorIsReportedAtTheMistake(t *testing.T) {
	good := handbookRules(t)
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"a table header without its ]", nth(good, "[rounding]", "[rounding", 1), lineOf(good, "[rounding]", 1), len("[rounding") + 1,
			"TOML syntax error: expected '.' or ']' to end table name, but got '\\n' instead"},
		{"an array header without its ]]", nth(good, "[[roles.tiers]]", "[[roles.tiers]", 2), lineOf(good, "[[roles.tiers]]", 2), len("[[roles.tiers") + 1,
			"TOML syntax error: expected end of table array name delimiter ']', but got '\\n' instead"},
		{"a key without its value", nth(good, "unit_fen = 1 ", "unit_fen =\n", 1), lineOf(good, "unit_fen = 1", 1), len("unit_fen =") + 1,
			"TOML syntax error: expected value but found '\\n' instead"},
		{"a string not closed, after Chinese", nth(good, `name = "销售人员"`, `name = "销售人员`, 1), lineOf(good, `name = "销售人员"`, 1), len([]rune(`name = "销售人员`)) + 1,
			"TOML syntax error: strings cannot contain newlines"},
		{"a value of two words", nth(good, "max = 60", "max = 60 2", 1), lineOf(good, "max = 60", 1), len("max = 60 ") + 1,
			"TOML syntax error: expected a top-level item to end with a newline"},
		{"a header without its ], after a byte order mark", "\ufeff" + nth(good, "[rounding]", "[rounding", 1), lineOf(good, "[rounding]", 1), len("[rounding") + 1,
			"TOML syntax error: expected '.' or ']'"},
		{"a header without its ] on line 1, after a byte order mark", "\ufeff[rounding\n", 1, len("[rounding") + 1,
			"TOML syntax error: expected '.' or ']'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/rules.toml", []byte(tc.src))
			l := diag.FromError(err)
			if len(l) != 1 || l[0].Line != tc.line || l[0].Col != tc.col || !strings.HasPrefix(l[0].Msg, tc.msg) {
				t.Errorf("want one error at %d:%d: %s…, got:\n%v", tc.line, tc.col, tc.msg, err)
			}
		})
	}
}

// A key misspelt in two tables of one array (ajust in two
// [[roles.departments]]) is reported once at each, not twice at each:
// BurntSushi names it once per table, and each name was placed at every
// table holding it. Each table is said to have no adjust, once, at its
// header (it was adjust "" is not a percentage, of a value nobody wrote).
func TestAMisspeltKeyIsReportedOnceWhereItIs(t *testing.T) {
	good := handbookRules(t)
	src := nth(nth(good, `adjust = "-5%"`, `ajust = "-5%"`, 1), `adjust = "+5%"`, `ajust = "+5%"`, 1)
	_, err := Parse("content/rules.toml", []byte(src))
	const unknown = `error: unknown key "roles.departments.ajust"; did you mean adjust? — rename ajust to adjust (the keys of [roles.departments] are result, name, adjust, clause)`
	const none = `error: the department result has no adjust — write adjust = "+5%", "0%" or "-5%"`
	at := func(line, col int, msg string) string {
		return "content/rules.toml:" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + ": " + msg
	}
	want := []string{
		at(lineOf(good, "[[roles.departments]]", 1), 1, none),
		at(lineOf(good, `adjust = "+5%"`, 1), len("ajust = ")+1, unknown),
		at(lineOf(good, "[[roles.departments]]", 3), 1, none),
		at(lineOf(good, `adjust = "-5%"`, 1), len("ajust = ")+1, unknown),
	}
	var got []string
	for _, d := range diag.FromError(err) {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// With a value of the wrong kind beside them, the keys are found by
	// another walk (looseTypes): once each there too.
	_, err = Parse("content/rules.toml", []byte(nth(src, "months = 3 ", `months = "3" `, 1)))
	n := 0
	for _, d := range diag.FromError(err) {
		if strings.Contains(d.Msg, "ajust") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want the two misspelt keys once each, got:\n%v", err)
	}
}
