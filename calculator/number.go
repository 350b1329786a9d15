package calculator

import (
	"errors"
)

// errNumber is returned by ParseDecimal for text that is not a number.
var errNumber = errors.New("not a number")

// ErrDecimals is returned by ParseDecimal (and ParseYuan, ParseScore,
// ParseRate) for more decimals than allowed, zeros among them.
var ErrDecimals = errors.New("too many decimals")

// beyond is what ParseDecimal reads a well-formed number of more than 15
// integer digits as (±10^17 units): above every limit of the package, so
// Compute names the field with its range message ("绩效工资超出可计算范围",
// "考核得分不能高于 100 分") whatever its size, and small enough that sums
// of a few of them cannot overflow.
const beyond = 100_000_000_000_000_000

// ParseDecimal parses a decimal number such as "88", "-3.5", ".5", "88."
// or "3000.00" into an integer scaled by 10^digits: ParseDecimal("89.5", 2)
// is 8950. The value is read exactly; more than digits decimals is an
// error (ErrDecimals), zeros too: "3.000" is not 3 (with digits 2), as it
// may be 3000 written with a European thousands separator, and "3000.001"
// is refused alike. So is anything that is not a number (errNumber), NaN
// and infinities among them, so the page can never turn bad text into NaN
// or a silent zero. An exponent (1e3) is not a number here: nobody types a score or a wage so,
// and a spreadsheet shows an amount so (1.23457E+11) only with its last
// digits lost. A number too large to hold reads as ±10^17 (see beyond).
func ParseDecimal(s string, digits int) (int64, error) {
	s = trimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, _ := cut(s, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return 0, errNumber
	}
	if len(frac) > digits {
		// Zeros too: 3.000 is more likely three thousand with a
		// European thousands separator than 3 yuan written so.
		return 0, ErrDecimals
	}
	// The digits without the point, and where the point goes.
	ds := intPart + frac
	point := len(intPart)
	for ds != "" && ds[0] == '0' {
		ds, point = ds[1:], point-1
	}
	ds = trimRightByte(ds, '0')
	if ds == "" {
		return 0, nil
	}
	if point > 15 {
		if neg {
			return -beyond, nil
		}
		return beyond, nil
	}
	// 0.ds × 10^point, scaled by 10^digits: ds followed by zeros
	// (len(ds) ≤ point+digits ≤ 17 digits here).
	n, _ := parseInt(ds)
	for i := len(ds); i < point+digits; i++ {
		n *= 10
	}
	if neg {
		n = -n
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FormatDecimal formats n scaled by 10^digits, dropping trailing zeros of
// the fraction: FormatDecimal(8950, 2) is "89.5", FormatDecimal(8800, 2) "88".
func FormatDecimal(n int64, digits int) string {
	s := formatFixed(n, digits)
	if contains(s, ".") {
		s = trimRightByte(trimRightByte(s, '0'), '.')
	}
	return s
}

// formatFixed formats n scaled by 10^digits with exactly digits decimals.
func formatFixed(n int64, digits int) string {
	neg := n < 0
	u := n
	if neg {
		u = -n // n > math.MinInt64 for every amount the package makes
	}
	s := string(appendInt(nil, u))
	if digits > 0 {
		for len(s) <= digits {
			s = "0" + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatFen formats an amount of fen as yuan with two decimals: 277200 is
// "2772.00".
func FormatFen(fen int64) string { return formatFixed(fen, 2) }

// FormatScore formats a score in hundredths: 8850 is "88.5".
func FormatScore(score int64) string { return FormatDecimal(score, 2) }

// FormatRate formats basis points as a percentage: 10500 is "105%".
func FormatRate(bp int64) string { return FormatDecimal(bp, 2) + "%" }

// ParseYuan parses an amount of yuan with at most two decimals into fen,
// as typed or exported (see Normalize): "3000", "3,000.50", "３０００元",
// "¥3000".
func ParseYuan(s string) (int64, error) { return ParseDecimal(Normalize(s, "元"), 2) }

// ParseScore parses a score with at most two decimals into hundredths, as
// typed (see Normalize): "88", "88.5", "８８分".
func ParseScore(s string) (int64, error) { return ParseDecimal(Normalize(s, "分"), 2) }

// Normalize rewrites a number as people type it on a phone or a
// spreadsheet exports it into the plain form ParseDecimal reads:
// full-width digits, point, comma and minus (８８．５, U+2212 −) become
// ASCII, and so does the ideographic full stop 。 (88。5: a Chinese input
// method types it for "." in full-width mode), except at the end
// (3000。, 3000元。), where it ends a sentence and goes; the unit after the number ("分" for a score, "元" for money, where
// money may also carry ¥ or ￥ before or after it) goes; and thousands
// separators go when every group after the first has three digits
// ("3,000", "1，234，567.5", "3 000", not "3,00"). Anything else is left as it is,
// for ParseDecimal to reject. The page, the command line and CSV files all
// read numbers through it, so they accept the same text.
func Normalize(s, unit string) string {
	// A 。 at the end ends a sentence (3000元。, 88分。) and goes; one
	// within the number (88。5) is its point, read as "." below.
	s = trimAffix(trimSpace(s), "。", true)
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0xE2 && i+2 < len(s) {
			switch w := s[i : i+3]; {
			case w[0] == 0xEF && w[1] == 0xBC && w[2] >= 0x8C && w[2] <= 0x99 && w[2] != 0x8F:
				c = w[2] - 0x60 // U+FF0C ， U+FF0D － U+FF0E ． U+FF10–U+FF19 ０–９
			case w == "。":
				c = '.'
			case w == "\u2212": // − minus sign
				c = '-'
			}
			if c < 0x80 {
				i += 2
			}
		}
		b = append(b, c)
	}
	t := trimSpace(string(b))
	if unit == "元" {
		t = trimAffix(trimAffix(t, "¥", false), "￥", false)
		t = trimAffix(trimAffix(t, "¥", true), "￥", true)
	}
	t = trimAffix(t, unit, true)
	return dropGrouping(t)
}

// trimAffix removes a prefix (or a suffix) and the space beside it.
//
//go:noinline
func trimAffix(s, affix string, suffix bool) string {
	n := len(affix)
	switch {
	case len(s) <= n:
	case suffix && s[len(s)-n:] == affix:
		return trimSpace(s[:len(s)-n])
	case !suffix && s[:n] == affix:
		return trimSpace(s[n:])
	}
	return s
}

// dropGrouping removes the thousands separators of [-+]d{1,3}(,ddd)+(.…)?,
// commas or spaces (3 000, as French and Russian write it and their
// spreadsheets export it), one kind in a number, and leaves any other
// text as it is (88 5, 3 00, 3,000 000).
func dropGrouping(s string) string {
	i, run, groups := 0, 0, 0
	var sep byte
	if s != "" && (s[0] == '-' || s[0] == '+') {
		i++
	}
	out := []byte(s[:i])
	for ; i < len(s) && s[i] != '.'; i++ {
		switch c := s[i]; {
		case (c == ',' || c == ' ') && (sep == 0 || c == sep) && run > 0 && run <= 3 && (groups == 0 || run == 3):
			sep, groups, run = c, groups+1, 0
		case c >= '0' && c <= '9':
			run++
			out = append(out, c)
		default:
			return s
		}
	}
	if groups == 0 || run != 3 {
		return s
	}
	return string(out) + s[i:]
}

// ParseRate parses a percentage such as "105%", "-5%" or "5" into basis
// points.
func ParseRate(s string) (int64, error) {
	s = trimSpace(s)
	if s != "" && s[len(s)-1] == '%' {
		s = s[:len(s)-1]
	}
	return ParseDecimal(s, 2)
}

// round divides num by den (den > 0) and rounds the quotient to a whole
// number of units by mode, half cases away from zero for HalfUp.
func (r Rounding) round(num, den int64) int64 {
	unit := r.Unit
	if unit <= 0 {
		unit = 1
	}
	d := den * unit
	neg := num < 0
	if neg {
		num = -num
	}
	q, rem := num/d, num%d
	switch r.Mode {
	case HalfUp:
		if 2*rem >= d {
			q++
		}
	case HalfEven:
		if 2*rem > d || (2*rem == d && q%2 == 1) {
			q++
		}
	}
	if neg {
		q = -q
	}
	return q * unit
}

// Phrase is how the rounding rule reads inside a step, e.g. 四舍五入到分.
func (r Rounding) Phrase() string {
	var b builder
	switch r.Mode {
	case HalfEven:
		b.WriteString("四舍六入五成双")
	case Down:
		b.WriteString("舍去零头")
	default:
		b.WriteString("四舍五入")
	}
	switch r.Unit {
	case 0, 1:
		b.WriteString("到分")
	case 10:
		b.WriteString("到角")
	case 100:
		b.WriteString("到元")
	default:
		b.WriteString("到 ")
		b.WriteString(FormatFen(r.Unit))
		b.WriteString(" 元")
	}
	return b.String()
}
