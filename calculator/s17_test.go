package calculator_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"handbook/calculator"
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
