package calculator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
)

// A number pasted with a no-break space (a web page's, a PDF's or a
// spreadsheet cell's U+00A0), or another Unicode space, around it is read
// as the number, as a space, a tab or U+3000 are: the page writes the field
// into its link trimmed by JavaScript's trim(), which drops them, so the
// form said 绩效工资应为数字 while its link showed a result.
func TestUnicodeSpacesAroundANumber(t *testing.T) {
	r := rules(t)
	for _, sp := range []string{"\u00a0", "\u2000", "\u2005", "\u200a", "\u202f", "\u205f", "\u3000", "\u1680", "\u2028", "\u2029", "\ufeff", " \u00a0\t"} {
		for _, typed := range []string{sp + "3000", "3000" + sp, sp + "3,000" + sp, sp + "¥" + sp + "3000元" + sp} {
			if fen, err := calculator.ParseYuan(typed); err != nil || fen != 300000 {
				t.Errorf("ParseYuan(%+q) = %d, %v; want 300000", typed, fen, err)
			}
		}
		if s, err := calculator.ParseScore(sp + "88.5" + sp); err != nil || s != 8850 {
			t.Errorf("ParseScore(%+q) = %d, %v; want 8850", sp+"88.5"+sp, s, err)
		}
		in, err := calculator.ParseQuery(r, "role="+sp+"sales&score="+sp+"88&base="+sp+"3000&dept=exceeded"+sp)
		if err != nil {
			t.Errorf("%+q around the values: %v", sp, err)
			continue
		}
		if res, err := calculator.Compute(r, in); err != nil || calculator.FormatFen(res.TotalFen) != "2772.00" {
			t.Errorf("%+q around the values: %v %v", sp, res.TotalFen, err)
		}
	}
	// A space within a number is still no number, and a space alone is
	// an empty field.
	for _, typed := range []string{"3\u00a0000", "30\u202f00"} {
		if _, err := calculator.ParseYuan(typed); err == nil {
			t.Errorf("ParseYuan(%+q) read a number", typed)
		}
	}
	if _, err := calculator.ParseQuery(r, "role=sales&score=88&base=\u00a0&dept=met"); err == nil || err.Error() != "base: 请填写绩效工资" {
		t.Errorf("a base of a no-break space alone: %v", err)
	}
}

// A score between the ranges the text writes (59.9 between 0——59 and
// 60——89; 89.5, 94.5) comes with the reading that puts it in its tier,
// at the tier's step, in the words the page shows; a score inside a
// written range, or at 100, has none. The command line printed "落在
// 0–59 分档" with no word of why, where the page explained it.
func TestAScoreBetweenTheWrittenRangesIsExplained(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct {
		in   calculator.Input
		want string
	}{
		{calculator.Input{Role: "sales", Score: 5990, BaseFen: 300000, Dept: "met"},
			"[0 销售人员奖惩办法.4 59.9 分在 0–59 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（0 分以上、不满 60 分），故属于此档。]"},
		{calculator.Input{Role: "sales", Score: 8950, BaseFen: 300000, Dept: "met"},
			"[0 销售人员奖惩办法.3 89.5 分在 60–89 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（60 分以上、不满 90 分），故属于此档。]"},
		{calculator.Input{Role: "assistant", Score: 9450, BaseFen: 100000, Dept: "exceeded"},
			"[0 内勤奖惩办法.2 94.5 分在 90–94 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（90 分以上、不满 95 分），故属于此档。]"},
		// Criterion scores: the tier's step is the second.
		{calculator.Input{Role: "sales", Scores: []int64{4000, 950, 1000}, BaseFen: 300000, Dept: "missed"},
			"[1 销售人员奖惩办法.4 59.5 分在 0–59 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（0 分以上、不满 60 分），故属于此档。]"},
		{calculator.Input{Role: "sales", Score: 5900, BaseFen: 300000, Dept: "met"}, "[]"},
		{calculator.Input{Role: "sales", Score: 9400, BaseFen: 300000, Dept: "met"}, "[]"},
		{calculator.Input{Role: "sales", Score: 10000, BaseFen: 300000, Dept: "met"}, "[]"},
		{calculator.Input{Role: "sales", Score: 8800, BaseFen: 300000, Dept: "exceeded"}, "[]"},
	} {
		res, err := calculator.Compute(r, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, rd := range res.Readings() {
			got = append(got, fmt.Sprint(rd.Step, " ", rd.Clause, " ", rd.Text))
			if rd.Clause != res.Steps[rd.Step].Clause || res.Steps[rd.Step].AmountFen != res.PayFen {
				t.Errorf("%+v: the reading is at step %d, %+v, not the tier's", tc.in, rd.Step, res.Steps[rd.Step])
			}
		}
		if fmt.Sprint("[", strings.Join(got, "|"), "]") != tc.want {
			t.Errorf("%+v: readings %q\nwant %s", tc.in, got, tc.want)
		}
		// -json and the page read them from the result's JSON.
		var v struct {
			Readings []struct {
				Text, Clause string
				Step         int
			} `json:"readings"`
		}
		if err := json.Unmarshal(res.JSON(), &v); err != nil || v.Readings == nil || len(v.Readings) != len(res.Readings()) {
			t.Errorf("%+v: JSON readings %+v (%v)\n%s", tc.in, v.Readings, err, res.JSON())
		}
		for i, rd := range v.Readings {
			if rd.Text != res.Readings()[i].Text || rd.Clause != res.Readings()[i].Clause || rd.Step != res.Readings()[i].Step {
				t.Errorf("JSON reading %+v, want %+v", rd, res.Readings()[i])
			}
		}
	}
}

// A month in which everyone ranked has the same score has no bottom of the
// ranking: by the rules' all_tied = "none" nobody is 倒数第一 then, and the
// mark says why. S1, S2 and S3 all at 98 for three months were all flagged
// 末位淘汰. Rules that leave all_tied out (every revision published before
// it) keep flagging them, as they did.
func TestAMonthEveryoneTiesHasNoLastPlace(t *testing.T) {
	var scores []calculator.MonthScore
	for m := 0; m < 3; m++ {
		for _, e := range []string{"S1", "S2", "S3"} {
			scores = append(scores, calculator.MonthScore{Employee: e, Month: 2026*12 + m, Score: 9800})
		}
	}
	marks := func(rk calculator.Ranking) string {
		t.Helper()
		ms, err := calculator.Rank(&rk, scores)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%t,%d,%t,%t", m.Last, m.Run, m.Flag, m.AllTied))
		}
		return strings.Join(out, " ")
	}
	noBottom := calculator.Ranking{Months: 3, MinStaff: 2, AllTied: calculator.TiesNoneLast, Clause: "c"}
	if got, want := marks(noBottom), strings.Repeat("false,0,false,true ", 8)+"false,0,false,true"; got != want {
		t.Errorf("all_tied none: %s\nwant %s", got, want)
	}
	old := calculator.Ranking{Months: 3, MinStaff: 2, Clause: "c"}
	if got, want := marks(old), "true,1,false,false true,1,false,false true,1,false,false true,2,false,false true,2,false,false true,2,false,false true,3,true,false true,3,true,false true,3,true,false"; got != want {
		t.Errorf("all_tied left out: %s\nwant %s", got, want)
	}
	// Two of three sharing the lowest score are both last (ties = "all"),
	// all_tied or not; a month of one person has no ranking at all.
	ms := func(e string, m int, s int64) calculator.MonthScore {
		return calculator.MonthScore{Employee: e, Month: m, Score: s}
	}
	scores = []calculator.MonthScore{ms("S1", 1, 9000), ms("S2", 1, 9000), ms("S3", 1, 9500), ms("S1", 2, 9000)}
	if got, want := marks(noBottom), "true,1,false,false true,1,false,false false,0,false,false false,0,false,false"; got != want {
		t.Errorf("two of three tied: %s\nwant %s", got, want)
	}

	// The handbook's working copy reads a month everyone ties so; its
	// reading says it; the published 2026.1 does not, and keeps computing
	// as it did.
	r := rules(t)
	if rk := r.Role("sales").Ranking; rk.AllTied != calculator.TiesNoneLast {
		t.Errorf("content/rules.toml: all_tied = %v", rk.AllTied)
	}
	said := false
	for _, rd := range r.Readings {
		said = said || rd.Clause == r.Role("sales").Ranking.Clause && strings.Contains(rd.Text, "得分全部相同时，排名没有末位，该月不产生倒数第一")
	}
	if !said {
		t.Error("content/rules.toml's reading of 末位淘汰 does not say a month everyone ties has no last place")
	}
	src, err := os.ReadFile("../content/revisions/2026.1/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := rulesfile.Parse("content/revisions/2026.1/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if rk := pub.Role("sales").Ranking; rk.AllTied != calculator.TiesAllLast {
		t.Errorf("2026.1: all_tied = %v, want everyone last, as published", rk.AllTied)
	}
	// Rules without all_tied encode as they did, so a revision's page and
	// the command line's comparison of rules are as before.
	if enc := calculator.Encode(pub); !strings.Contains(enc, "\nrank 3 2 all \"") {
		t.Errorf("2026.1's rank record:\n%s", enc)
	}
	dec, err := calculator.Decode(calculator.Encode(r))
	if err != nil || dec.Role("sales").Ranking.AllTied != calculator.TiesNoneLast {
		t.Errorf("the working copy's rules encoded and decoded: %v %+v", err, dec)
	}
}

// A link without a role or a department result names each field missing,
// as an empty form's fields are named: the page left a missing one
// unselected with nothing said of the result beside it.
func TestAQueryWithoutRoleOrDeptNamesBoth(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct{ q, want string }{
		{"score=88&base=3000", "role: 请选择岗位; dept: 请选择部门业绩目标完成情况"},
		{"role=&score=88&base=3000&dept=", "role: 请选择岗位; dept: 请选择部门业绩目标完成情况"},
		{"role=sales&score=88&base=3000", "dept: 请选择部门业绩目标完成情况"},
		{"score=88&base=3000&dept=exceeded", "role: 请选择岗位"},
		{"role=boss&score=88&base=3000&dept=exceeded", "role: 没有“boss”这一岗位，请选择岗位"},
	} {
		in, err := calculator.ParseQuery(r, tc.q)
		if err == nil {
			_, err = calculator.Compute(r, in)
		}
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %s", tc.q, err, tc.want)
		}
	}
}
