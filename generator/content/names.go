package content

import (
	"html"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsPageFile reports whether a file name is a Markdown page: .md or
// .markdown, in any case (Hugo reads "NOTES.MD" and "a.Markdown" too).
func IsPageFile(name string) bool {
	return stem(name) != name
}

// stem is a page file's name without its extension, or name itself when it
// is not a page file.
func stem(name string) string {
	ext := path.Ext(name)
	if strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown") {
		return name[:len(name)-len(ext)]
	}
	return name
}

// urlName makes a URL name of a file or folder name as Hugo does: a run of
// spaces becomes one -, letters (of any script), digits, marks and
// . _ - + ~ @ are kept, anything else is dropped, and letters are
// lower-cased ("My Page" → my-page, "中文页面" stays). Hugo also keeps #, %
// before two hex digits and \; they cut or change a URL path, so they go;
// so do leading dots, which would make a hidden file.
func urlName(name string) string {
	var b strings.Builder
	space, hyphen := false, false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("._-+~@", r):
			if space && !hyphen && r != '-' {
				b.WriteByte('-')
			}
			space, hyphen = false, r == '-'
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) && b.Len() > 0:
			space = true
		}
	}
	return strings.TrimLeft(b.String(), ".")
}

// urlDir is a folder path as its pages' URLs have it: each folder's name
// made a URL name as a page's file name is ("My Folder/HR" → "my-folder/hr").
func urlDir(dir string) string {
	if dir == "" {
		return ""
	}
	parts := strings.Split(dir, "/")
	for i, part := range parts {
		if u := urlName(part); u != "" {
			parts[i] = u
		}
	}
	return strings.Join(parts, "/")
}

// firstHeading is the text of the first level-1 ATX heading ("# 标题") in
// a Markdown body, outside fenced code, or "". A closing run of # and an
// attribute block ({#id}) are not part of it.
func firstHeading(body []byte) string {
	fence, prev := "", ""
	for rest := string(body); rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		line = strings.TrimRight(line, "\r")
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue // indented code
		}
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOf(t); f != "" {
			fence = f
			continue
		}
		if u := strings.TrimRight(t, " \t"); prev != "" && u != "" && strings.Trim(u, "=") == "" {
			return plainInline(prev) // a setext heading: Title, then ====
		}
		if t != "#" && !strings.HasPrefix(t, "# ") && !strings.HasPrefix(t, "#\t") {
			prev = strings.TrimSpace(t) // (indented code was skipped above)
			continue
		}
		prev = ""
		h := strings.TrimSpace(t[1:])
		if i := strings.LastIndex(h, "{"); i >= 0 && strings.HasSuffix(h, "}") {
			if a := strings.TrimSpace(h[i+1 : len(h)-1]); strings.HasPrefix(a, "#") || strings.HasPrefix(a, ".") || strings.Contains(a, "=") {
				h = strings.TrimSpace(h[:i])
			}
		}
		if trimmed := strings.TrimRight(h, "#"); trimmed == "" || strings.HasSuffix(trimmed, " ") || strings.HasSuffix(trimmed, "\t") {
			h = strings.TrimSpace(trimmed)
		}
		if h != "" {
			return plainInline(h)
		}
	}
	return ""
}

// unspacedTitle is the first line of a body that has no # heading when
// that line was plainly meant as its title but Markdown reads it as text:
// "#考勤制度", with no space after the #, as some editors let it be
// written, or "＃ 考勤制度", with a full-width ＃ typed with a Chinese
// input method on. It returns the line's number in body (from 1), the
// line, and the heading as it should be written; n is 0 when the first
// line is not such a one.
func unspacedTitle(body []byte) (n int, line, want string) {
	// Only the first line that is not blank counts: cut lines one by one
	// (as firstHeading does) rather than split the whole body.
	for i, rest := 1, string(body); rest != ""; i++ {
		l, after, _ := strings.Cut(rest, "\n")
		rest = after
		t := strings.TrimSpace(strings.TrimRight(l, "\r"))
		if t == "" {
			continue
		}
		marks := strings.TrimLeft(t, "#＃")
		level := utf8.RuneCountInString(t) - utf8.RuneCountInString(marks)
		if level == 0 || level > 6 || strings.TrimSpace(marks) == "" ||
			!strings.Contains(t[:len(t)-len(marks)], "＃") && marks != strings.TrimLeft(marks, " \t") {
			return 0, "", "" // not a heading's marks, or a # heading already
		}
		return i, t, strings.Repeat("#", level) + " " + strings.TrimSpace(marks)
	}
	return 0, "", ""
}

var reInlineLink = regexp.MustCompile(`!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)

// plainInline is a heading's text as a reader sees it: links and images
// by their text, emphasis, code and strike marks dropped (an underscore
// inside a word, as in snake_case, is kept), entities decoded
// ("See [Go](…) *now*" → "See Go now").
func plainInline(h string) string {
	h = reInlineLink.ReplaceAllString(h, "$1")
	rs := []rune(h)
	var b strings.Builder
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '*' || r == '`':
			continue
		case r == '~' && i+1 < len(rs) && rs[i+1] == '~':
			i++
			continue
		case r == '_':
			j := i
			for j < len(rs) && rs[j] == '_' {
				j++
			}
			if word(i-1) && word(j) {
				b.WriteString(string(rs[i:j]))
			}
			i = j - 1
			continue
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(html.UnescapeString(b.String()))
}

// fenceOf is the fence a line opens (``` or ~~~, three or more), or "".
func fenceOf(t string) string {
	for _, c := range []string{"`", "~"} {
		n := len(t) - len(strings.TrimLeft(t, c))
		if n >= 3 && (c == "~" || !strings.Contains(t[n:], "`")) {
			return t[:n]
		}
	}
	return ""
}
