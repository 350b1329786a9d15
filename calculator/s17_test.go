package calculator_test

import (
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
