package content

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"handbook/generator/diag"
)

// FrontMatter is what a page says about itself before its body.
type FrontMatter struct {
	Title      string
	Weight     int  // "order" or "weight": position among its siblings
	HasWeight  bool // whether Weight was given (pages without one sort last, by path)
	Slug       string
	Calculator bool // embed the payout calculator in this page
	Draft      bool
}

// splitFrontMatter separates a YAML (---) or TOML (+++) block from the body.
// It returns the block, its format, and the byte offset where the body starts.
func splitFrontMatter(src []byte) (block []byte, format string, bodyStart int, ok bool) {
	var delim string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")), bytes.HasPrefix(src, []byte("---\r\n")):
		delim, format = "---", "yaml"
	case bytes.HasPrefix(src, []byte("+++\n")), bytes.HasPrefix(src, []byte("+++\r\n")):
		delim, format = "+++", "toml"
	default:
		return nil, "", 0, false
	}
	start := bytes.IndexByte(src, '\n') + 1
	pos := start
	for pos <= len(src) {
		end := bytes.IndexByte(src[pos:], '\n')
		line := src[pos:]
		next := len(src)
		if end >= 0 {
			line = src[pos : pos+end]
			next = pos + end + 1
		}
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			return src[start:pos], format, next, true
		}
		if end < 0 {
			break
		}
		pos = next
	}
	return nil, format, 0, false
}

// parseFrontMatter reads the front matter of file. The YAML side accepts the
// flat "key: value" subset that page front matter needs; it is parsed here so
// that every error can name its line. Unknown keys are kept out of the model
// but are not errors, as in Hugo, so trees written for Hugo build.
func parseFrontMatter(file string, src []byte) (FrontMatter, []byte, int, diag.List) {
	var fm FrontMatter
	var errs diag.List
	block, format, bodyStart, ok := splitFrontMatter(src)
	if format != "" && !ok {
		errs.Errorf(file, 1, 1, "front matter is not closed",
			"end it with a line holding only "+map[string]string{"yaml": "---", "toml": "+++"}[format])
		return fm, nil, 0, errs
	}
	if !ok {
		return fm, src, 0, nil
	}
	blockLine := 2 // the block starts on the line after the opening delimiter
	switch format {
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(block), &m); err != nil {
			line, col, msg := 0, 0, firstLine(err.Error())
			if pe, ok := err.(toml.ParseError); ok {
				// The parser counts lines from the block's start; its
				// message would say "line 2" where the file has line 3.
				line, col, msg = pe.Position.Line, pe.Position.Col, pe.Message
			}
			errs.Errorf(file, blockLine+line-1, col, "front matter is not valid TOML: "+msg,
				`write it as key = "value" lines between +++ lines`)
			return fm, nil, 0, errs
		}
		for k, v := range m {
			setField(&fm, file, blockLine, k, v, &errs)
		}
	case "yaml":
		lines := strings.Split(string(block), "\n")
		for i, raw := range lines {
			line := strings.TrimRight(raw, "\r")
			n := blockLine + i
			t := strings.TrimSpace(line)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			colon := strings.Index(line, ":")
			if colon <= 0 || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				errs.Errorf(file, n, 1, "front matter line is not \"key: value\": "+strconvQuote(t),
					"write one field per line, e.g. title: 第一章 大客户部门职能")
				continue
			}
			key := strings.TrimSpace(line[:colon])
			val, err := yamlScalar(strings.TrimSpace(line[colon+1:]))
			if err != "" {
				errs.Errorf(file, n, colon+3, err, "quote the value with \"…\" or remove the stray quote")
				continue
			}
			setField(&fm, file, n, key, val, &errs)
		}
	}
	return fm, src[bodyStart:], bodyStart, errs
}

// yamlScalar turns a YAML scalar into a Go value: quoted strings, integers,
// booleans, or plain text.
func yamlScalar(v string) (any, string) {
	if i := strings.Index(v, " #"); i >= 0 && !strings.HasPrefix(v, `"`) && !strings.HasPrefix(v, `'`) {
		v = strings.TrimSpace(v[:i])
	}
	switch {
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err != nil {
			return nil, "the quoted value is not closed or has a bad escape"
		}
		return s, ""
	case strings.HasPrefix(v, `'`):
		if len(v) < 2 || !strings.HasSuffix(v, `'`) {
			return nil, "the quoted value is not closed"
		}
		return strings.ReplaceAll(v[1:len(v)-1], `''`, `'`), ""
	case v == "true", v == "false":
		return v == "true", ""
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, ""
	}
	return v, ""
}

func setField(fm *FrontMatter, file string, line int, key string, v any, errs *diag.List) {
	wrongType := func(want string) {
		errs.Errorf(file, line, 1, "front matter field "+key+" must be "+want, "write it like "+map[string]string{
			"text": "title: 第一章 大客户部门职能", "a whole number": "order: 1", "true or false": "calculator: true"}[want])
	}
	switch strings.ToLower(key) {
	case "title":
		s, ok := v.(string)
		if !ok {
			wrongType("text")
			return
		}
		fm.Title = s
	case "order", "weight":
		n, ok := v.(int64)
		if !ok {
			wrongType("a whole number")
			return
		}
		fm.Weight, fm.HasWeight = int(n), true
	case "slug":
		s, ok := v.(string)
		if !ok {
			wrongType("text")
			return
		}
		fm.Slug = s
	case "calculator":
		b, ok := v.(bool)
		if !ok {
			wrongType("true or false")
			return
		}
		fm.Calculator = b
	case "draft":
		b, ok := v.(bool)
		if !ok {
			wrongType("true or false")
			return
		}
		fm.Draft = b
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func strconvQuote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}
