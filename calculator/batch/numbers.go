package batch

import (
	"regexp"
	"strings"

	"handbook/calculator"
)

// numbers reads a file's number cells. A file whose columns are separated
// by ; (decimalComma) is the CSV of a spreadsheet set to a locale that
// writes decimal commas (88,5; 3.000,50; 3 000,50): its commas are read as
// decimal points, its points as thousands separators. The README said
// such files are read, and each of their decimals was refused.
type numbers struct{ decimalComma bool }

// score reads a score cell (calculator.ParseScore), yuan an amount
// (ParseYuan). On failure each says why, after the cell's quoted text
// ("is not a number with at most two decimals", or the comma that may be
// either), and what to do: an example, or how to write the decimal or
// the thousands it meant.
func (n numbers) score(cell string) (v int64, why, hint string) {
	return n.read(cell, "a number with at most two decimals", "e.g. 88 or 88.5", calculator.ParseScore)
}

func (n numbers) yuan(cell string) (v int64, why, hint string) {
	v, why, hint = n.read(cell, "an amount of yuan with at most two decimals", "e.g. 3000 or 3000.50", calculator.ParseYuan)
	if why != "" && reGroupedByPoints.MatchString(cell) {
		// 3.000: three thousand in a decimal-comma locale, refused by
		// ParseDecimal as three decimals.
		hint = "if it is " + strings.ReplaceAll(strings.TrimSpace(cell), ".", "") + ", write it without the point (a decimal has at most two digits after its point)"
	}
	return v, why, hint
}

func (n numbers) read(cell, what, example string, parse func(string) (int64, error)) (v int64, why, hint string) {
	text := cell
	if n.decimalComma {
		t, ambiguous := decimalComma(cell)
		if ambiguous {
			return 0, "has a comma that may be a thousands separator or a decimal comma (the file's columns are separated by ;, as a spreadsheet set to a decimal-comma locale writes them)",
				"write " + strings.ReplaceAll(cell, ",", "") + " if the comma separates thousands; a decimal takes at most two digits after its comma or point"
		}
		text = t
	}
	v, err := parse(text)
	if err == nil {
		return v, "", ""
	}
	hint = example
	if i := strings.IndexByte(cell, ','); !n.decimalComma && i >= 0 && strings.Count(cell, ",") == 1 {
		if d := digitRun(cell[i+1:]); d == 1 || d == 2 {
			hint = "write the decimal with a point: " + strings.Replace(cell, ",", ".", 1)
		}
	}
	if reSpacedDigits.MatchString(cell) {
		hint = "write the number without spaces (a space is read only between groups of three digits: 3 000)"
	}
	return 0, "is not " + what, hint
}

// reSpacedDigits finds a space between digits (3 000, 88 5).
var reSpacedDigits = regexp.MustCompile(`\d\s+\d`)

// reGroupedByPoints matches thousands separated by points (3.000,
// 1.234.567), which a decimal-comma locale writes and ParseDecimal refuses.
var reGroupedByPoints = regexp.MustCompile(`^\s*\d{1,3}(\.\d{3})+\s*$`)

// decimalComma rewrites a number with one decimal comma, after any
// points (88,5; 3000,50; 3.000,50; 3 000,50), in the form ParseDecimal
// reads, swapping commas and points: 3.000,50 is 3,000.50. A number with
// a comma before a point (3,000.50) or two commas (1,234,567) is left as
// it is: its commas can only be thousands separators. One comma before
// three digits and no point (3,000) may be either, 3000 or 3: ambiguous.
func decimalComma(s string) (out string, ambiguous bool) {
	i := strings.IndexByte(s, ',')
	if i < 0 || strings.Count(s, ",") > 1 || strings.Contains(s[i:], ".") {
		return s, false
	}
	if !strings.Contains(s[:i], ".") && digitRun(s[i+1:]) == 3 {
		return s, true
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ',':
			return '.'
		case '.':
			return ','
		}
		return r
	}, s), false
}

// digitRun is the number of ASCII digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
