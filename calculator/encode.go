package calculator

import (
	"errors"
)

// The compact encoding of Rules is line-oriented text that the generator
// writes into the page (data-rules) and the WebAssembly module decodes with
// a few lines of Go. Each line is a keyword and space-separated fields; text
// fields are double-quoted strings (escapes \\ \" \n \xHH), numbers are plain integers
// in the package's units (hundredths of a point, basis points, fen):
//
//	hbrules 1
//	rounding half-up 1 "每一步金额四舍五入到分"
//	role "sales" "销售人员" "销售人员考核指标"
//	crit "业绩" 6000
//	tier 6000 8900 score 0 "销售人员奖惩办法.3"
//	tier 9000 9400 fixed 10000 "销售人员奖惩办法.2"
//	dept "exceeded" "超额完成" 500 "销售人员奖惩办法.5"
//	rank 3 2 all "销售人员奖惩办法.4"       (all:none: Ranking.AllTied is TiesNoneLast)
//	reading "between-tiers" "销售人员奖惩办法.3" "……"
//
// crit, tier, dept and rank lines belong to the role line above them. The
// rules have as many roles as their file defines, each with its own ID
// (role "picker" "拣货员" "拣货员考核指标"); the page builds its choice of
// roles from these lines.
const encodingHeader = "hbrules 1"

var roundingNames = [...]string{HalfUp: "half-up", HalfEven: "half-even", Down: "down"}

// RoundingModeName is the rules-file name of a rounding mode.
func RoundingModeName(m RoundingMode) string {
	if int(m) >= 0 && int(m) < len(roundingNames) {
		return roundingNames[m]
	}
	return ""
}

// ParseRoundingMode reads a rules-file rounding mode name.
func ParseRoundingMode(s string) (RoundingMode, bool) {
	for i, n := range roundingNames {
		if n == s {
			return RoundingMode(i), true
		}
	}
	return 0, false
}

// Encode writes r in the compact text encoding.
func Encode(r *Rules) string {
	var b []byte
	b = append(b, encodingHeader...)
	b = append(b, "\nrounding "...)
	b = append(b, RoundingModeName(r.Rounding.Mode)...)
	b = appendField(b, r.Rounding.Unit)
	b = appendStr(b, r.Rounding.Text)
	for i := range r.Roles {
		ro := &r.Roles[i]
		b = append(b, "\nrole"...)
		b = appendStr(b, ro.ID)
		b = appendStr(b, ro.Name)
		b = appendStr(b, ro.CriteriaClause)
		for _, c := range ro.Criteria {
			b = append(b, "\ncrit"...)
			b = appendStr(b, c.Name)
			b = appendField(b, c.Max)
		}
		for _, t := range ro.Tiers {
			b = append(b, "\ntier"...)
			b = appendField(b, t.Min)
			b = appendField(b, t.Max)
			if t.Kind == ScorePercent {
				b = append(b, " score"...)
			} else {
				b = append(b, " fixed"...)
			}
			b = appendField(b, t.Rate)
			b = appendStr(b, t.Clause)
		}
		for _, a := range ro.Depts {
			b = append(b, "\ndept"...)
			b = appendStr(b, a.Result)
			b = appendStr(b, a.Name)
			b = appendField(b, a.Rate)
			b = appendStr(b, a.Clause)
		}
		if rk := ro.Ranking; rk != nil {
			b = append(b, "\nrank"...)
			b = appendField(b, int64(rk.Months))
			b = appendField(b, int64(rk.MinStaff))
			if rk.Ties == TiesNoneLast {
				b = append(b, " none"...)
			} else {
				b = append(b, " all"...)
			}
			if rk.AllTied == TiesNoneLast {
				// Only when set, so rules without it encode as they did.
				b = append(b, ":none"...)
			}
			b = appendStr(b, rk.Clause)
		}
	}
	for _, rd := range r.Readings {
		b = append(b, "\nreading"...)
		b = appendStr(b, rd.ID)
		b = appendStr(b, rd.Clause)
		b = appendStr(b, rd.Text)
	}
	b = append(b, '\n')
	return string(b)
}

func appendField(b []byte, n int64) []byte {
	return appendInt(append(b, ' '), n)
}

func appendStr(b []byte, s string) []byte {
	return appendQuoted(append(b, ' '), s)
}

// Decode reads the compact encoding written by Encode and checks the rules
// (Rules.Check), so a page can never compute with rules that are broken.
func Decode(s string) (*Rules, error) {
	lines := split(trimRightByte(s, '\n'), "\n")
	if len(lines) == 0 || trimSpace(lines[0]) != encodingHeader {
		return nil, errors.New("rules: not a compact rules encoding (want first line \"" + encodingHeader + "\")")
	}
	r := &Rules{}
	var ro *Role
	for n, line := range lines[1:] {
		lineNo := n + 2
		f, err := fields(trimRightByte(line, '\r'))
		if err != nil {
			return nil, decodeErr(lineNo, err.Error())
		}
		if len(f) == 0 {
			continue
		}
		want := arity(f[0])
		if want == 0 {
			return nil, decodeErr(lineNo, "unknown record \""+f[0]+"\"")
		}
		if len(f) != want {
			return nil, decodeErr(lineNo, f[0]+" has "+itoa(len(f)-1)+" fields, want "+itoa(want-1))
		}
		if ro == nil && f[0] != "rounding" && f[0] != "role" && f[0] != "reading" {
			return nil, decodeErr(lineNo, f[0]+" before any role")
		}
		var ints [4]int64
		num := func(i int) bool {
			v, ok := parseInt(f[i])
			ints[i-1] = v
			return ok
		}
		bad := false
		switch f[0] {
		case "rounding":
			m, ok := ParseRoundingMode(f[1])
			bad = !ok || !num(2)
			r.Rounding = Rounding{Mode: m, Unit: ints[1], Text: f[3]}
		case "role":
			r.Roles = append(r.Roles, Role{ID: f[1], Name: f[2], CriteriaClause: f[3]})
			ro = &r.Roles[len(r.Roles)-1]
		case "crit":
			bad = !num(2)
			ro.Criteria = append(ro.Criteria, Criterion{Name: f[1], Max: ints[1]})
		case "tier":
			bad = !num(1) || !num(2) || !num(4) || (f[3] != "score" && f[3] != "fixed")
			k := Fixed
			if f[3] == "score" {
				k = ScorePercent
			}
			ro.Tiers = append(ro.Tiers, Tier{Min: ints[0], Max: ints[1], Kind: k, Rate: ints[3], Clause: f[5]})
		case "dept":
			bad = !num(3)
			ro.Depts = append(ro.Depts, Adjustment{Result: f[1], Name: f[2], Rate: ints[2], Clause: f[4]})
		case "rank":
			ties, allTied, two := cut(f[3], ":")
			bad = !num(1) || !num(2) || (ties != "all" && ties != "none") || two && allTied != "none" || ints[0] > 1000 || ints[1] > 1000
			rk := &Ranking{Months: int(ints[0]), MinStaff: int(ints[1]), Clause: f[4]}
			if ties == "none" {
				rk.Ties = TiesNoneLast
			}
			if two {
				rk.AllTied = TiesNoneLast
			}
			ro.Ranking = rk
		case "reading":
			r.Readings = append(r.Readings, Reading{ID: f[1], Clause: f[2], Text: f[3]})
		}
		if bad {
			return nil, decodeErr(lineNo, "malformed "+f[0]+" record")
		}
	}
	if msg := r.sane(); msg != "" {
		return nil, errors.New("rules: " + msg)
	}
	return r, nil
}

func arity(record string) int {
	switch record {
	case "rounding", "role", "reading":
		return 4
	case "crit":
		return 3
	case "tier":
		return 6
	case "dept", "rank":
		return 5
	}
	return 0
}

// sane checks what Compute relies on to stay within int64 and give
// meaningful results: units, bounds and rates in range, tiers ordered.
// The full check, with messages for rules authors, is Check, run when the
// rules file is read; Decode does not repeat it so the WebAssembly module
// stays small.
func (r *Rules) sane() string {
	if r.Rounding.Unit < 1 || r.Rounding.Unit > 10000 {
		return "rounding unit out of range"
	}
	for _, ro := range r.Roles {
		for i, t := range ro.Tiers {
			if t.Min < 0 || t.Max > MaxScore || t.Min > t.Max || t.Rate < 0 || t.Rate > 2*RateScale ||
				(i > 0 && t.Min <= ro.Tiers[i-1].Min) || (i == 0 && t.Min != 0) {
				return "role " + ro.ID + ": tier " + TierLabel(&ro.Tiers[i]) + " out of range or order"
			}
		}
		for _, c := range ro.Criteria {
			if c.Max < 0 || c.Max > MaxScore {
				return "role " + ro.ID + ": criterion " + c.Name + " out of range"
			}
		}
		for _, a := range ro.Depts {
			if a.Rate <= -RateScale || a.Rate > RateScale {
				return "role " + ro.ID + ": adjustment " + a.Result + " out of range"
			}
		}
	}
	return ""
}

// decodeErr is Decode's error for a line. Not inlined: its five copies
// cost 0.5 KB of the module after brotli.
//
//go:noinline
func decodeErr(line int, msg string) error {
	return errors.New("rules line " + itoa(line) + ": " + msg)
}

// fields splits a line into bare words and unquoted strings.
func fields(line string) ([]string, error) {
	var out []string
	for {
		for line != "" && line[0] == ' ' {
			line = line[1:]
		}
		if line == "" {
			return out, nil
		}
		if line[0] == '"' {
			s, rest, ok := unquotePrefix(line)
			if !ok {
				return nil, errors.New("bad quoted string")
			}
			out = append(out, s)
			line = rest
			continue
		}
		end := index(line, " ")
		if end < 0 {
			end = len(line)
		}
		out = append(out, line[:end])
		line = line[end:]
	}
}
