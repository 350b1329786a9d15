package calculator

import (
	"unicode/utf8"
)

// JSON returns the result as a JSON object, written by hand so the
// WebAssembly module needs no encoding/json:
//
//	{"role":"sales","role_name":"销售人员","score":"88","score_hundredths":8800,
//	 "tier":{"index":2,"label":"60–89","min":"60","max":"89","clause":"销售人员奖惩办法.3"},
//	 "rate":"88%","rate_bp":8800,"pay_fen":264000,"dept":"exceeded","dept_name":"超额完成",
//	 "dept_rate":"5%","dept_rate_bp":500,"adjust_fen":13200,"total_fen":277200,"total":"2772.00",
//	 "rounding":"…","summary":"…","steps":[{"text":"…","amount_fen":264000,"amount":"2640.00","clause":"…"}],
//	 "readings":[{"text":"89.5 分在 60–89 分档与下一档之间：…","clause":"销售人员奖惩办法.3","step":0}]}
//
// The step that adds up criterion scores (given -scores) has no amount_fen
// or amount: its figure is points. readings (Result.Readings) is empty
// unless a reading of the rules decided the result; step is the index in
// steps of the step it explains.
func (res *Result) JSON() []byte { return res.AppendJSON(nil) }

// AppendJSON appends the JSON form of res (see JSON) to b.
func (res *Result) AppendJSON(b []byte) []byte {
	b = res.AppendPageJSON(b)
	b = append(b[:len(b)-1], `,"readings":[`...)
	for i, rd := range res.Readings() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = AppendJSONString(b, rd.Text)
		b = append(b, `,"clause":`...)
		b = AppendJSONString(b, rd.Clause)
		b = append(b, `,"step":`...)
		b = appendInt(b, int64(rd.Step))
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// AppendPageJSON appends the JSON form of res without its readings, which
// the page words itself (see Result.Readings), as the WebAssembly module
// gives it to the page.
func (res *Result) AppendPageJSON(b []byte) []byte {
	b = append(b, `{"role":`...)
	b = AppendJSONString(b, res.Role)
	b = append(b, `,"role_name":`...)
	b = AppendJSONString(b, res.RoleName)
	b = append(b, `,"score":`...)
	b = AppendJSONString(b, FormatScore(res.Score))
	b = append(b, `,"score_hundredths":`...)
	b = appendInt(b, res.Score)
	b = append(b, `,"tier":{"index":`...)
	b = appendInt(b, int64(res.Tier))
	b = append(b, `,"label":`...)
	b = AppendJSONString(b, res.TierLabel)
	b = append(b, `,"min":`...)
	b = AppendJSONString(b, FormatScore(res.TierMin))
	b = append(b, `,"max":`...)
	b = AppendJSONString(b, FormatScore(res.TierMax))
	b = append(b, `,"clause":`...)
	b = AppendJSONString(b, res.TierClause)
	b = append(b, `},"rate":`...)
	b = AppendJSONString(b, FormatRate(res.Rate))
	b = append(b, `,"rate_bp":`...)
	b = appendInt(b, res.Rate)
	b = append(b, `,"pay_fen":`...)
	b = appendInt(b, res.PayFen)
	b = append(b, `,"dept":`...)
	b = AppendJSONString(b, res.Dept)
	b = append(b, `,"dept_name":`...)
	b = AppendJSONString(b, res.DeptName)
	b = append(b, `,"dept_rate":`...)
	b = AppendJSONString(b, FormatRate(res.DeptRate))
	b = append(b, `,"dept_rate_bp":`...)
	b = appendInt(b, res.DeptRate)
	b = append(b, `,"adjust_fen":`...)
	b = appendInt(b, res.AdjustFen)
	b = append(b, `,"total_fen":`...)
	b = appendInt(b, res.TotalFen)
	b = append(b, `,"total":`...)
	b = AppendJSONString(b, FormatFen(res.TotalFen))
	b = append(b, `,"rounding":`...)
	b = AppendJSONString(b, res.Rounding)
	b = append(b, `,"summary":`...)
	b = AppendJSONString(b, res.Summary)
	b = append(b, `,"steps":[`...)
	for i, s := range res.Steps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = AppendJSONString(b, s.Text)
		if !s.Score { // the score step's figure is points: it has no amount
			b = append(b, `,"amount_fen":`...)
			b = appendInt(b, s.AmountFen)
			b = append(b, `,"amount":`...)
			b = AppendJSONString(b, FormatFen(s.AmountFen))
		}
		b = append(b, `,"clause":`...)
		b = AppendJSONString(b, s.Clause)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// AppendErrorJSON appends {"errors":[{"field":…,"message":…}]} for err: one
// entry per FieldError, or a single entry with an empty field otherwise.
func AppendErrorJSON(b []byte, err error) []byte {
	b = append(b, `{"errors":[`...)
	fe, ok := err.(FieldErrors)
	if !ok {
		fe = FieldErrors{{Msg: err.Error()}}
	}
	for i, e := range fe {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = AppendJSONString(b, e.Field)
		b = append(b, `,"message":`...)
		b = AppendJSONString(b, e.Msg)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// AppendCurveJSON appends the points of Curve as
// [{"score":6000,"total_fen":180000,"tier":2},…] (score in hundredths).
func AppendCurveJSON(b []byte, pts []Point) []byte {
	b = append(b, '[')
	for i, p := range pts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"score":`...)
		b = appendInt(b, p.Score)
		b = append(b, `,"total_fen":`...)
		b = appendInt(b, p.TotalFen)
		b = append(b, `,"tier":`...)
		b = appendInt(b, int64(p.Tier))
		b = append(b, '}')
	}
	return append(b, ']')
}

// AppendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD; <, > and & are escaped so the text is safe inside HTML as well.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
