// Package diag carries the problems a build finds in content, in a form a
// person can act on: file, 1-based line and column, a message, and a hint.
//
// Stages keep byte offsets while they work and convert them to line and
// column only when they report (as esbuild does), so a stage that finds a
// problem calls At with the file's bytes and the offset it has.
package diag

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error fails the build. It is the zero value: a diagnostic is an error
	// unless a stage says otherwise.
	Error Severity = iota
	// Warning is printed (and shown in the page where it makes sense) but
	// does not fail the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in one file.
type Diagnostic struct {
	File     string // path as the user would type it, e.g. "content/06-performance.md"
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, counted in characters (runes), not bytes
	Severity Severity
	Msg      string // what is wrong
	Hint     string // what to do about it
}

// String formats the diagnostic as "file:line:col: error: msg (hint)",
// the shape editors and terminals turn into links.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(d.Line))
		if d.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(d.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// SyntaxAt is where a TOML parser's syntax error is in src, as line and
// column (in characters, as Position counts them), from what
// BurntSushi's parser gives: the error's byte offset and length (counted
// after a byte order mark it skips) and its own line and column, used
// when it gives no offset. Its line is one late when the mistake is found
// at a line's end ("[rounding" without its "]" was reported on the line
// after it, at the newline's column), and its column counts bytes. The
// span may start with the blanks before the mistake (" 2" of max = 60 2):
// the mistake is its first other character.
func SyntaxAt(src []byte, start, length, pline, pcol int) (line, col int) {
	bom := 0
	switch b := string(src); {
	case strings.HasPrefix(b, "\ufeff"):
		bom = 3
	case strings.HasPrefix(b, "\xff\xfe"), strings.HasPrefix(b, "\xfe\xff"):
		bom = 2
	}
	off := start + bom
	if off < bom || off > len(src) || start == 0 && pline > 1 {
		return pline, pcol // no offset given: the parser's own
	}
	for end := off + length; off+1 < end && end <= len(src) && (src[off] == ' ' || src[off] == '\t'); {
		off++
	}
	line, col = Position(src, off)
	if line == 1 && bom > 0 {
		col-- // the mark is no character an editor shows
	}
	return line, col
}

// Position converts a byte offset in src to a 1-based line and a 1-based
// column counted in runes. Offsets past the end clamp to the end.
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1
	start := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(src[start:offset]) + 1
}

// At builds an error diagnostic for the byte offset in the file's source.
func At(file string, src []byte, offset int, msg, hint string) Diagnostic {
	line, col := Position(src, offset)
	return Diagnostic{File: file, Line: line, Col: col, Msg: msg, Hint: hint}
}

// List collects diagnostics so a stage can report every problem rather
// than stopping at the first.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at file:line:col.
func (l *List) Errorf(file string, line, col int, msg, hint string) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Msg: msg, Hint: hint})
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line and column so output is stable
// whatever order parallel stages found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns nil when the list holds no errors, and otherwise an error
// whose message is every diagnostic (errors and warnings), one per line.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &listError{l}
}

type listError struct{ l List }

func (e *listError) Error() string {
	lines := make([]string, len(e.l))
	for i, d := range e.l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// FromError returns the diagnostics carried by err (as made by List.Err),
// or nil when err carries none.
func FromError(err error) List {
	var le *listError
	if errors.As(err, &le) {
		return le.l
	}
	return nil
}

// TOMLHint says what to do about the commonest TOML syntax errors of a
// file written by hand, from the error's byte offset in src (as
// BurntSushi's parser gives it, after a byte order mark): a value typed
// without quotes (title = 员工手册, payout = 100%), which the parser says
// as "expected value but found …" or "expected a top-level item to end
// with a newline … but got '%'", and a quote not closed on its line
// ("strings cannot contain newlines"). text reports whether a key takes a
// text (a number or true/false does not: min = 6O is no text to quote);
// nil for every key. It returns "" when the error is neither.
func TOMLHint(src []byte, start int, text func(key string) bool) string {
	if strings.HasPrefix(string(src), "\ufeff") {
		start += 3
	}
	if start < 0 || start > len(src) {
		return ""
	}
	ls := strings.LastIndexByte(string(src[:start]), '\n') + 1
	le := strings.IndexByte(string(src[start:]), '\n')
	if le < 0 {
		le = len(src)
	} else {
		le += start
	}
	line := strings.TrimRight(string(src[ls:le]), "\r")
	eq := strings.IndexByte(line, '=')
	if eq < 0 || start < ls+eq {
		return "" // the key, not its value
	}
	key := strings.Trim(strings.TrimSpace(line[:eq]), `"'`)
	if strings.ContainsAny(key, " \t") || key == "" {
		return ""
	}
	if text != nil && !text(key) {
		return ""
	}
	value := strings.TrimSpace(line[eq+1:])
	if value == "" {
		return ""
	}
	switch q := value[0]; q {
	case '"', '\'':
		body := value[1:]
		for i := 0; i < len(body); i++ {
			if body[i] == '\\' && q == '"' {
				i++
				continue
			}
			if body[i] == q {
				return "" // closed: another mistake
			}
		}
		return "close the quote on the same line it opens: " + key + " = " + string(q) + strings.TrimSpace(body) + string(q)
	case '[', '{':
		return ""
	}
	if i := strings.Index(value, " #"); i >= 0 {
		value = strings.TrimSpace(value[:i])
	}
	return "put the value in quotes: " + key + " = " + strconv.Quote(value)
}
