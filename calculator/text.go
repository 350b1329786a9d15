package calculator

// Small text helpers. The package does not import strings: in the
// WebAssembly module, strings and the unicode tables it brings cost about
// 5 KB after brotli, a tenth of the budget the calculator has above the Go
// runtime (issue 3). These ASCII-aware helpers are all it needs. The
// ones called from many places are not inlined: each inlined copy grows
// the module (cut, split, join and FieldErrors.add inlined everywhere cost
// about 5 KB after brotli once named criterion scores were read there).

// equalFold reports whether s is the ID id with its letters in any case
// (Sales, EXCEEDED, Team-Lead). IDs are lower-case ASCII letters, digits
// and hyphens (Rules.Check), so an upper-case letter of s is read as its
// lower case and every other byte must be the ID's. Not inlined: its two
// inlined copies (FindRole, FindDept) cost 640 bytes of the module after
// brotli.
//
//go:noinline
func equalFold(id, s string) bool {
	if len(id) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != id[i] {
			return false
		}
	}
	return true
}

// cut slices s around the first sep.
//
//go:noinline
func cut(s, sep string) (before, after string, found bool) {
	if i := index(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// index returns the first index of sub in s, or -1.
//
//go:noinline
func index(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if s[i:i+n] == sub {
			return i
		}
	}
	return -1
}

// split slices s into the parts between each sep (sep non-empty).
//
//go:noinline
func split(s, sep string) []string {
	var out []string
	for {
		i := index(s, sep)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+len(sep):]
	}
}

// replaceAll replaces every old in s by repl (old non-empty).
//
//go:noinline
func replaceAll(s, old, repl string) string {
	if index(s, old) < 0 {
		return s
	}
	return join(split(s, old), repl)
}

// join concatenates parts with sep between them.
//
//go:noinline
func join(parts []string, sep string) string {
	var b []byte
	for i, p := range parts {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, p...)
	}
	return string(b)
}

// trimSpace trims the white space JavaScript's trim() trims: ASCII white
// space, the no-break space U+00A0 (which a web page, a PDF or a
// spreadsheet's cell pastes before a figure), the other Unicode spaces
// (U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F), the ideographic
// space U+3000 that Chinese input methods type, and U+FEFF. The page
// writes a field into its link trimmed so (String.prototype.trim): a
// number it would trim and this would not was refused in the form, and
// its link, holding the number without the space, showed a result.
func trimSpace(s string) string {
	for {
		if n := spaceLen(s, false); n > 0 {
			s = s[n:]
		} else if n = spaceLen(s, true); n > 0 {
			s = s[:len(s)-n]
		} else {
			return s
		}
	}
}

// spaceLen is the length in bytes of the white space trimSpace trims at
// the start of s (at its end, if end), or 0. The Unicode spaces are told
// apart by their UTF-8 bytes as one number (U+3000 is 0xE38080): in the
// WebAssembly module, comparisons of strings, or runes decoded, cost
// twice the bytes.
func spaceLen(s string, end bool) int {
	n := len(s)
	if n == 0 {
		return 0
	}
	if end {
		s = s[max(n-3, 0):]
		n = len(s)
		if isSpace(s[n-1]) {
			return 1
		}
		if n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0 {
			return 2
		}
	} else {
		if isSpace(s[0]) {
			return 1
		}
		if n >= 2 && s[0] == 0xC2 && s[1] == 0xA0 {
			return 2
		}
	}
	if n < 3 {
		return 0
	}
	switch v := uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]); {
	case v >= 0xE28080 && v <= 0xE2808A, // U+2000–U+200A
		v == 0xE280A8, v == 0xE280A9, v == 0xE280AF, v == 0xE2819F, // U+2028, U+2029, U+202F, U+205F
		v == 0xE19A80, v == 0xE38080, v == 0xEFBBBF: // U+1680, U+3000, U+FEFF
		return 3
	}
	return 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// trimRightByte removes trailing c.
func trimRightByte(s string, c byte) string {
	for s != "" && s[len(s)-1] == c {
		s = s[:len(s)-1]
	}
	return s
}

// contains reports whether sub is within s.
func contains(s, sub string) bool { return index(s, sub) >= 0 }

// appendQuoted appends s between double quotes, escaping \, " and control
// characters, so any text fits on one line of the compact encoding.
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20 || c == 0x7f:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// unquotePrefix reads a string written by appendQuoted at the start of s
// and returns it and the rest of s.
func unquotePrefix(s string) (val, rest string, ok bool) {
	if s == "" || s[0] != '"' {
		return "", s, false
	}
	var b []byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return string(b), s[i+1:], true
		case c != '\\':
			b = append(b, c)
		case i+1 >= len(s):
			return "", s, false
		default:
			i++
			switch s[i] {
			case '"', '\\':
				b = append(b, s[i])
			case 'n':
				b = append(b, '\n')
			case 'x':
				if i+2 >= len(s) {
					return "", s, false
				}
				hi, lo := unhex(s[i+1]), unhex(s[i+2])
				if hi < 0 || lo < 0 {
					return "", s, false
				}
				b = append(b, byte(hi<<4|lo))
				i += 2
			default:
				return "", s, false
			}
		}
	}
	return "", s, false
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}

// builder is the part of builder the package uses.
type builder struct{ b []byte }

func (w *builder) WriteString(s string) { w.b = append(w.b, s...) }
func (w *builder) byte(c byte)          { w.b = append(w.b, c) }
func (w *builder) String() string       { return string(w.b) }
func (w *builder) Reset()               { w.b = w.b[:0] }

// appendInt appends the decimal form of n. (The package avoids strconv:
// its error type quotes with Unicode tables, another few kilobytes in the
// WebAssembly module.) Not inlined: it is called from dozens of places, and
// each inlined copy would grow the module.
//
//go:noinline
func appendInt(b []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		b = append(b, '-')
		u = -u
	}
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}

// itoa is the decimal form of n. Not inlined, as appendInt: its copies in
// Decode, ParseQuery and Compute cost 0.5 KB of the module after brotli.
//
//go:noinline
func itoa(n int) string { return string(appendInt(nil, int64(n))) }

// parseInt reads an optionally signed decimal integer of at most 18 digits.
//
//go:noinline
func parseInt(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
