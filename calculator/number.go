package calculator

import (
	"errors"
)

// errNumber is returned by ParseDecimal for text that is not a plain decimal.
var errNumber = errors.New("not a number")

// errDecimals is returned by ParseDecimal for more decimals than allowed.
var errDecimals = errors.New("too many decimals")

// ParseDecimal parses a plain decimal such as "88", "-3.5" or "3000.00"
// into an integer scaled by 10^digits: ParseDecimal("89.5", 2) is 8950.
// It accepts an optional sign and at most digits decimals, and rejects
// exponents, NaN, infinities and anything longer than 15 integer digits, so
// the page can never turn bad text into NaN or a silent zero.
func ParseDecimal(s string, digits int) (int64, error) {
	s = trimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasDot := cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, errNumber
	}
	if hasDot && frac == "" {
		return 0, errNumber
	}
	if len(intPart) > 15 {
		return 0, errNumber
	}
	if len(frac) > digits {
		return 0, errDecimals
	}
	var n int64
	for i := 0; i < len(intPart); i++ {
		c := intPart[i]
		if c < '0' || c > '9' {
			return 0, errNumber
		}
		n = n*10 + int64(c-'0')
	}
	for i := 0; i < digits; i++ {
		n *= 10
		if i < len(frac) {
			c := frac[i]
			if c < '0' || c > '9' {
				return 0, errNumber
			}
			n += int64(c - '0')
		}
	}
	if neg {
		n = -n
	}
	return n, nil
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

// ParseYuan parses an amount of yuan with at most two decimals into fen.
func ParseYuan(s string) (int64, error) { return ParseDecimal(s, 2) }

// ParseScore parses a score with at most two decimals into hundredths.
func ParseScore(s string) (int64, error) { return ParseDecimal(s, 2) }

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
