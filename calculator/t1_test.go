package calculator_test

import (
	"reflect"
	"strings"
	"testing"

	"handbook/calculator"
)

// The sales criteria are named as the text names them (业绩考评, 能力考核,
// 态度考核), and the names they had (业绩, 能力, 态度) still find them, as
// any beginning or end of a name that no other criterion of the role
// shares: links, -scores and CSV columns written before keep working. A
// short form two criteria share (考核, 工作) finds neither.
func TestCriteriaByTheirNamesOrShortForms(t *testing.T) {
	r := rules(t)
	sales, asst := r.Role("sales"), r.Role("assistant")
	for _, tc := range []struct {
		ro   *calculator.Role
		s    string
		want int
	}{
		{sales, "业绩考评", 0}, {sales, "业绩", 0}, {sales, "能力", 1}, {sales, "态度考核", 2}, {sales, "态度", 2}, {sales, "考评", 0},
		{sales, "考核", -1}, {sales, "业", -1}, {sales, "业绩考评分", -1}, {sales, "工作态度", -1},
		{asst, "工作态度", 1}, {asst, "态度", 1}, {asst, "效果", 3}, {asst, "工作", -1},
	} {
		if got := tc.ro.FindCriterion(tc.s); got != tc.want {
			t.Errorf("%s: %q is criterion %d, want %d", tc.ro.Name, tc.s, got, tc.want)
		}
	}
	if sales.Criteria[0].Name != "业绩考评" || sales.Criteria[1].Name != "能力考核" || sales.Criteria[2].Name != "态度考核" {
		t.Errorf("the sales criteria are %+v, not the text's 业绩考评, 能力考核, 态度考核", sales.Criteria)
	}
	want := calculator.Input{Role: "sales", Scores: []int64{5000, 1900, 1900}, BaseFen: 300000, Dept: "met"}
	for _, q := range []string{
		"role=sales&scores=业绩考评=50,能力考核=19,态度考核=19&base=3000&dept=met",
		"role=sales&scores=态度=19,业绩=50,能力=19&base=3000&dept=met",
		"role=sales&scores=能力考核=19,业绩=50,态度=19&base=3000&dept=met",
	} {
		if in, err := calculator.ParseQuery(r, q); err != nil || !reflect.DeepEqual(in, want) {
			t.Errorf("%s: %+v %v", q, in, err)
		}
		if got := calculator.CanonicalQuery(r, q); got != "role=sales&scores=50,19,19&base=3000&dept=met" {
			t.Errorf("CanonicalQuery(%s) = %s", q, got)
		}
	}
	_, err := calculator.ParseQuery(r, "role=sales&scores=考核=19,业绩=50,态度=19&base=3000&dept=met")
	if err == nil || err.Error() != "scores: 没有名为“考核”的考核指标（应为 业绩考评、能力考核、态度考核）" {
		t.Errorf("a short form two criteria share: %v", err)
	}
}

// An empty scores= in a link is none given: score=88 beside it is read,
// not refused as given with criterion scores (nor, on the page, dropped
// in silence). scores= alone asks for the score.
func TestAnEmptyScoresIsNoneGiven(t *testing.T) {
	r := rules(t)
	in, err := calculator.ParseQuery(r, "role=sales&score=88&base=3000&dept=met&scores=")
	if err != nil || in.Score != 8800 || in.Scores != nil {
		t.Errorf("score=88 beside scores=: %+v %v", in, err)
	}
	_, err = calculator.ParseQuery(r, "role=sales&scores= &base=3000&dept=met")
	if err == nil || err.Error() != "score: 请填写考核得分" {
		t.Errorf("scores= alone: %v", err)
	}
	_, err = calculator.ParseQuery(r, "role=sales&score=88&scores=,,&base=3000&dept=met")
	if err == nil || !strings.Contains(err.Error(), "考核得分和分项得分只能填写一种") {
		t.Errorf("score=88 beside the form's empty fields (scores=,,): %v", err)
	}
}

// Digit groups separated by spaces (3 000, as French and Russian write
// them and their spreadsheets export them) are read as those separated by
// commas are: 3 000 was refused as 绩效工资应为数字, not saying the space
// was the problem. One kind of separator in a number, groups of three:
// 88 5, 3 00 and 1 234,567 (a decimal comma after a space) are refused.
func TestSpacesBetweenDigitGroups(t *testing.T) {
	for s, want := range map[string]int64{
		"3 000": 300000, "3 000.50": 300050, " 1 234 567.5 ": 123456750, "3 000 元": 300000, "¥3 000": 300000, "３ ０００": 300000,
	} {
		if got, err := calculator.ParseYuan(s); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"88 5", "3 00", "3,000 000", "3 000,000", "1 234,567", "3  000", "30 00"} {
		if got, err := calculator.ParseYuan(s); err == nil {
			t.Errorf("ParseYuan(%q) = %d, want an error", s, got)
		}
	}
	if _, err := calculator.ParseScore("88 5"); err == nil || calculator.NumberMessage("考核得分", err) != "考核得分应为数字" {
		t.Errorf("ParseScore(88 5): %v", err)
	}
}
