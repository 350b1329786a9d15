package content

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"handbook/generator/diag"
)

// FrontMatter is what a page says about itself before its body.
type FrontMatter struct {
	Title string
	// LinkTitle is the page's name in the sidebar (Hugo's linkTitle, a
	// short form of a long title), "" for its title; pages are ordered
	// by it, as Hugo orders them.
	LinkTitle string
	Weight    int  // "order" or "weight": position among its siblings
	HasWeight bool // whether Weight was given and not 0 (pages without one sort last, as Hugo sorts them)
	// Date is the page's date as Hugo takes it (date, else publishDate,
	// else lastmod), in Unix seconds, 0 when it has none: of pages of the
	// same weight, the newest comes first, as Hugo lists them.
	Date       int64
	Slug       string
	Calculator bool // embed the payout calculator in this page
	Draft      bool
	// Aliases are the page's old addresses, as Hugo's aliases list them
	// ("/old/leave/"): the build leads each to the page in force
	// (build.checkAliases); or, without a "/", its other names, as
	// Obsidian's are, for wiki links.
	Aliases []string
	// NotRendered is the field that keeps the page out of the site as
	// Hugo keeps it out ("headless: true", "build: render: never"), as
	// written; "" for a page that is published. A headless bundle's
	// other files are its resources, not pages (dropUnrendered).
	NotRendered string
}

// Body is a page file's text after its front matter (the whole of it
// without any).
func Body(src []byte) []byte {
	if _, _, start, ok := splitFrontMatter(src); ok {
		return src[start:]
	}
	return src
}

// Blankness is what a page file's source leaves of its page: nothing
// (Empty: no byte but spaces, a byte order mark aside), a title over
// nothing (NoText: front matter and no text under it), or a page.
type Blankness int

const (
	NotBlank Blankness = iota
	Empty
	NoText
)

// Blank says whether the page file src leaves its page with nothing in it:
// publish refuses such a chapter, build -drafts warns of it.
func Blank(src []byte) Blankness {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		return Empty
	case len(bytes.TrimSpace(Body(src))) == 0:
		return NoText
	}
	return NotBlank
}

// unopenedFrontMatter reports whether src starts with lines of "key:
// value" (a letter first, a key Hugo's front matter has) closed by a line
// of ---, and that line's number: front matter whose opening --- is gone.
func unopenedFrontMatter(src []byte) (int, bool) {
	return frontMatterLines(src, "---", ":")
}

// frontMatterLines reports whether src starts with lines of fields (key,
// sep, value: a key Hugo's front matter has) closed by a line of delim,
// and that line's number.
func frontMatterLines(src []byte, delim, sep string) (int, bool) {
	// Line by line from the top, the file not copied nor split whole: it
	// is asked of every page without front matter.
	keys, n := 0, 0
	for b := range bytes.Lines(src) {
		n++
		line := strings.TrimRight(string(b), " \t\r\n")
		if line == delim {
			return n, keys > 0
		}
		if n > 31 {
			return 0, false
		}
		if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "- ") {
			continue // a list's or a folded value's line
		}
		k, _, ok := strings.Cut(line, sep)
		if !ok || !frontMatterKey[strings.ToLower(strings.Trim(strings.TrimSpace(k), `"'`))] {
			return 0, false
		}
		keys++
	}
	return 0, false
}

// frontMatterKey are the keys that make lines front matter's.
var frontMatterKey = map[string]bool{"title": true, "weight": true, "order": true, "slug": true, "draft": true, "date": true,
	"aliases": true, "calculator": true, "linktitle": true, "description": true, "tags": true, "url": true}

// splitFrontMatter separates a YAML (---) or TOML (+++) block from the body.
// It returns the block, its format, and the byte offset where the body starts.
func splitFrontMatter(src []byte) (block []byte, format string, bodyStart int, ok bool) {
	// The opening line, as the closing one, may end in spaces or tabs
	// (an editor's, invisible): as Hugo reads it. Not reading it published
	// the block as text and a draft: true page with it.
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 {
		return nil, "", 0, false
	}
	var delim string
	switch string(bytes.TrimRight(src[:nl], " \t\r")) {
	case "---":
		delim, format = "---", "yaml"
	case "+++":
		delim, format = "+++", "toml"
	default:
		return nil, "", 0, false
	}
	start := nl + 1
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

// parseFrontMatter reads the front matter of file. The YAML side is parsed
// here (parseYAML) so that every error can name its line. Unknown keys are
// kept out of the model but are not errors, as in Hugo, so trees written
// for Hugo build.
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
		// Blank lines above the opening ---: the block is not front matter
		// but Markdown, and its first key was published as a heading
		// ("title: 第八章 order: 8"), the page named after its file. A
		// line holding only white space is blank, whatever the space: a
		// full-width one (an input method's) or a no-break one (a web
		// page's) shows as nothing in the editor.
		if d, ok := blankAboveFrontMatter(file, src); ok {
			errs.Add(d)
		}
		// Its opening --- deleted (a slip of the editor's): the keys
		// become a heading over the closing ---, and the page's title,
		// order and address change without a word.
		if line, ok := unopenedFrontMatter(src); ok {
			errs.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Warning,
				Msg:  "this looks like front matter without its opening line: it is not read, and the page shows its lines as a heading",
				Hint: fmt.Sprintf("put a line holding only --- above line 1 (the block ends at line %d)", line)})
		}
		// Hugo also reads JSON front matter: say it is not read here,
		// rather than show it as the page's first paragraph.
		if bytes.HasPrefix(src, []byte("{\n")) || bytes.HasPrefix(src, []byte("{\r\n")) {
			if end := bytes.Index(src, []byte("\n}")); end > 0 && bytes.Contains(src[:end], []byte(`"title"`)) {
				errs.Add(diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Warning,
					Msg:  "JSON front matter is not read: the page shows it as text",
					Hint: "write the front matter in YAML (between --- lines) or TOML (between +++ lines)"})
			}
		}
		return fm, src, 0, errs
	}
	blockLine := 2 // the block starts on the line after the opening delimiter
	if d, ok := frontMatterLeftInBody(file, src, block, format, bodyStart, blockLine); ok {
		errs.Add(d)
	}
	switch format {
	case "toml":
		var m map[string]any
		var dateRank int
		if _, err := toml.Decode(string(block), &m); err != nil {
			line, col, msg := 0, 0, firstLine(err.Error())
			if pe, ok := err.(toml.ParseError); ok {
				// The parser counts lines from the block's start; its
				// message would say "line 2" where the file has line 3.
				line, col = diag.SyntaxAt(block, pe.Position.Start, pe.Position.Len, pe.Position.Line, pe.Position.Col)
				msg = pe.Message
			}
			hint := `write it as key = "value" lines between +++ lines`
			if pe, ok := err.(toml.ParseError); ok {
				if h := tomlTypoHint(string(block), pe.Position.Start); h != "" {
					hint = h
				}
			}
			errs.Errorf(file, blockLine+line-1, col, "front matter is not valid TOML: "+msg, hint)
			return fm, nil, 0, errs
		}
		// In the file's order, not the map's (which is random): a field
		// given in two letter cases (title and Title) is said at its
		// second line, and of two keys for one field (order and weight)
		// the later one wins every time, as in YAML.
		lines := make(map[string]int, len(m))
		for k := range m {
			lines[k] = blockLine
			if l := lineOfKey(block, k); l > 0 {
				lines[k] = blockLine + l - 1
			}
		}
		keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
			return cmp.Or(cmp.Compare(lines[a], lines[b]), strings.Compare(a, b))
		})
		seen := fieldsSeen{}
		for _, k := range keys {
			seen.add(file, lines[k], k, &errs)
			setField(&fm, file, lines[k], k, m[k], " = ", &dateRank, &errs)
		}
	case "yaml":
		parseYAML(&fm, file, string(block), blockLine, &errs)
	}
	if len(fm.Aliases) > 1 { // in one order, whatever the keys' (url, aliases)
		slices.Sort(fm.Aliases)
		fm.Aliases = slices.Compact(fm.Aliases)
	}
	return fm, src[bodyStart:], bodyStart, errs
}

// delimiters are the lines that open and close front matter, by format.
var delimiters = map[string]string{"yaml": "---", "toml": "+++"}

// blankRune: white space, Unicode's included, and the characters that
// show as nothing (a byte order mark, a zero-width space, a word joiner).
func blankRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B' || r == '\u2060'
}

// blankAboveFrontMatter warns of front matter that is not read because
// blank lines, or white space on its first line, come before its opening
// delimiter.
func blankAboveFrontMatter(file string, src []byte) (diag.Diagnostic, bool) {
	lead := len(src) - len(bytes.TrimLeftFunc(src, blankRune))
	if lead == 0 {
		return diag.Diagnostic{}, false
	}
	_, f, _, closed := splitFrontMatter(src[lead:])
	if !closed {
		return diag.Diagnostic{}, false
	}
	delim := delimiters[f]
	// The blank lines, then the white space before the delimiter on its
	// own line.
	nl := bytes.LastIndexByte(src[:lead], '\n')
	lines, indent := src[:nl+1], src[nl+1:lead]
	if len(lines) == 0 {
		return diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Warning,
			Msg:  "the front matter is not read: its opening " + delim + " does not start the file (white space comes before it), so the page shows it as text",
			Hint: "remove the white space before " + delim + " on line 1" + unseen(indent, "it is ") + ": front matter starts a file"}, true
	}
	line, _ := diag.Position(src, len(lines))
	hint := "remove the blank lines above " + delim
	if len(indent) > 0 {
		hint += " and the white space before it"
	}
	n := 0
	for l := range bytes.Lines(lines) {
		n++
		if u := unseen(l, "line "+strconv.Itoa(n)+" is not empty: it holds "); u != "" {
			hint += u
			break
		}
	}
	return diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
		Msg:  "the front matter is not read: blank lines come before its first line, so the page shows it as text",
		Hint: hint + ": front matter starts a file"}, true
}

// unseen names the first character of white space in b that is not
// ASCII, after what (" (line 1 is not empty: it holds a full-width space
// (U+3000), which does not show)"), or "" when all of it is ASCII.
func unseen(b []byte, what string) string {
	for _, r := range string(b) {
		if r < utf8.RuneSelf {
			continue
		}
		name := map[rune]string{'\u3000': "a full-width space", '\u00A0': "a no-break space", '\uFEFF': "a byte order mark",
			'\u200B': "a zero-width space", '\u2060': "a word joiner", '\u202F': "a narrow no-break space"}[r]
		if name == "" {
			name = "a space character"
		}
		return fmt.Sprintf(" (%s%s (U+%04X), which does not show)", what, name, r)
	}
	return ""
}

// frontMatterLeftInBody warns of front matter opened twice (--- on lines
// 1 and 2): the block closes at once, empty, and the fields under it are
// the body's, published as a heading over the real closing ---, the page
// named after its file. block is the front matter split from src.
func frontMatterLeftInBody(file string, src, block []byte, format string, bodyStart, blockLine int) (diag.Diagnostic, bool) {
	if len(bytes.TrimFunc(block, blankRune)) > 0 {
		return diag.Diagnostic{}, false
	}
	body := src[bodyStart:]
	skipped := 0 // blank lines between the empty block and the fields
	for l := range bytes.Lines(body) {
		if len(bytes.TrimFunc(l, blankRune)) > 0 || l[len(l)-1] != '\n' {
			break
		}
		body = body[len(l):]
		skipped++
	}
	delim, sep := delimiters[format], map[string]string{"yaml": ":", "toml": "="}[format]
	n, ok := frontMatterLines(body, delim, sep)
	if !ok {
		return diag.Diagnostic{}, false
	}
	closed := blockLine + bytes.Count(block, []byte{'\n'})
	first := closed + 1 + skipped
	return diag.Diagnostic{File: file, Line: closed, Col: 1, Severity: diag.Warning,
		Msg:  fmt.Sprintf("the front matter closed on line %d is empty, and lines %d–%d after it look like front matter left in the body: they are not read, and the page shows them as text", closed, first, first+n-1),
		Hint: fmt.Sprintf("remove the extra %s on line %d, so that the front matter holds the fields up to the %s on line %d", delim, closed, delim, first+n-1)}, true
}

// fieldRead are the keys setField reads, in lower case: it reads them
// whatever their letter case.
var fieldRead = map[string]bool{
	"title": true, "slug": true, "linktitle": true, "order": true, "weight": true,
	"date": true, "lastmod": true, "publishdate": true, "expirydate": true, "url": true,
	"aliases": true, "calculator": true, "draft": true, "publish": true, "headless": true,
	"build": true, "_build": true,
}

// setField sets the field key names, if the model has one, from v: a
// TOML value, or a YAML one (plain for a scalar written without quotes,
// []any for a list, map[string]any for a map). A list or map given to a
// field that wants one value is an error; other keys are ignored, as Hugo
// keeps them for templates this generator does not have. dateRank is
// which of date (3), publishDate (2) and lastmod (1) gave fm.Date; sep is
// how the format writes a key and its value (": " in YAML, " = " in TOML),
// for the hint, which gives the field as the file names it.
func setField(fm *FrontMatter, file string, line int, key string, v any, sep string, dateRank *int, errs *diag.List) {
	k := strings.ToLower(key)
	wrongType := func(want string) {
		example := map[string]string{"text": "第一章 大客户部门职能", "a whole number": "1", "true or false": "true"}[want]
		if sep == " = " && want == "text" {
			example = `"` + example + `"`
		}
		errs.Errorf(file, line, 1, "front matter field "+key+" must be "+want+", not "+describe(v), "write it like "+key+sep+example)
	}
	switch k {
	case "title", "slug", "linktitle":
		s, ok := text(v)
		if !ok {
			wrongType("text")
			return
		}
		switch k {
		case "title":
			fm.Title = s
		case "linktitle":
			fm.LinkTitle = strings.TrimSpace(s)
		default:
			fm.Slug = s
		}
	case "order", "weight":
		n, ok := wholeNumber(v)
		if !ok {
			wrongType("a whole number")
			return
		}
		// Hugo reads weight 0 as no weight: the page comes after
		// those with one.
		fm.Weight, fm.HasWeight = n, n != 0
	case "date":
		setDate(fm, file, line, key, v, 3, dateRank, errs)
	case "lastmod":
		setDate(fm, file, line, key, v, 1, dateRank, errs)
	case "publishdate", "expirydate":
		if k == "publishdate" {
			setDate(fm, file, line, key, v, 2, dateRank, errs)
		}
		errs.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
			Msg:  "front matter field " + key + " is not followed: the page is published with the rest, whatever the date",
			Hint: "mark a page that is not ready with draft: true; a handbook's dates are its revisions' (handbook publish -effective)"})
	case "url":
		// Hugo published the page at url: that is its old address,
		// which leads to it as an alias's does.
		if u, ok := text(v); ok && strings.Contains(u, "/") {
			fm.Aliases = append(fm.Aliases, u)
			return
		}
		w := diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
			Msg:  "front matter field " + k + " is not supported: the page is published only at the URL made from its file name or slug",
			Hint: "give the URL's last part with slug: (e.g. slug: leave-policy), and keep the old address working with aliases: [" + strconvQuote(fmt.Sprint(v)) + "]"}
		errs.Add(w)
	case "aliases":
		list, ok := v.([]any)
		if !ok {
			list = []any{v} // aliases: /old/, as a single value
		}
		for _, a := range list {
			s, ok := text(a)
			if !ok {
				errs.Errorf(file, line, 1, "front matter field "+key+" must be a list of addresses, not one holding "+describe(a), "write it like aliases: [/old/leave/]")
				return
			}
			fm.Aliases = append(fm.Aliases, s)
		}
	case "calculator", "draft", "publish":
		b, ok := boolean(v)
		if !ok {
			wrongType("true or false")
			return
		}
		switch k {
		case "calculator":
			fm.Calculator = b
		case "draft":
			fm.Draft = fm.Draft || b // publish: false may have said so first
		default:
			// Obsidian Publish leaves a note with publish: false out
			// of the site: a private note stays private here too,
			// as a draft.
			if !b {
				fm.Draft = true
			}
		}
	case "headless":
		// A headless bundle holds snippets and images for other pages;
		// Hugo publishes none of it.
		if b, ok := boolean(v); ok && b {
			fm.NotRendered = key + ": true"
		}
	case "build", "_build":
		// Hugo's build options: render: never (false, before Hugo 0.65)
		// keeps the page out of the site.
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for rk, rv := range m {
			if !strings.EqualFold(rk, "render") {
				continue
			}
			if s, ok := text(rv); ok && strings.EqualFold(strings.TrimSpace(s), "never") {
				fm.NotRendered = key + ": render: never"
			} else if b, ok := boolean(rv); ok && !b {
				fm.NotRendered = key + ": render: false"
			}
		}
	default:
		unknownKey(file, line, key, v, errs)
	}
}

// setDate sets fm.Date from v when no key of a higher rank set it: the
// date orders the page among those of its weight, so one that cannot be
// read is said.
func setDate(fm *FrontMatter, file string, line int, key string, v any, rank int, dateRank *int, errs *diag.List) {
	t, ok := dateOf(v)
	if !ok {
		errs.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
			Msg:  "front matter field " + key + " is not a date: the page is ordered as one without a date",
			Hint: "write it like " + strings.ToLower(key[:1]) + key[1:] + ": 2024-03-01 or 2024-03-01T09:30:00+08:00"})
		return
	}
	if rank > *dateRank {
		fm.Date, *dateRank = t.Unix(), rank
	}
	// Hugo leaves a page dated in the future out until its day (its
	// buildFuture is off); this build publishes it now. Said, so a tree
	// from Hugo does not publish a notice meant for later without a word.
	if rank == 3 && t.After(timeNow()) {
		errs.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
			Msg:  "front matter field " + key + " is in the future (" + t.Format("2006-01-02") + "): Hugo leaves such a page out until that day, this build publishes it now",
			Hint: "mark the page draft: true until it is to be published, or correct the date"})
	}
}

// timeNow is time.Now, for tests.
var timeNow = time.Now

// dateLayouts are the ways Hugo trees write a date (a time without a
// zone is UTC, as Hugo reads it without a timeZone setting).
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02",
}

// dateOf is v as a time: TOML's dates, or text in one of dateLayouts.
func dateOf(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, true
	case plain:
		return dateOf(string(v))
	case string:
		s := strings.TrimSpace(v)
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// plain is a YAML scalar written without quotes. Whether it is text, a
// number or true/false depends on the field it is given to, as when a YAML
// library decodes into a typed field: "title: 2024" is a title, "weight:
// 2024" a weight.
type plain string

// text is v as a title or slug: any single value, written as it was
// ("title: 404" is the title 404, as Hugo reads it).
func text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case plain:
		return string(v), true
	case int64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

// wholeNumber is v as a weight: an integer, or a number with nothing after
// the point (Hugo trees often say weight: 1.0).
func wholeNumber(v any) (int, bool) {
	if q, ok := v.(string); ok { // weight: "4", which Hugo reads as 4
		v = plain(strings.TrimSpace(q))
	}
	if p, ok := v.(plain); ok {
		s := strings.ReplaceAll(string(p), "_", "")
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			v = n
		} else if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXpP") {
			v = f
		}
	}
	switch v := v.(type) {
	case int64:
		if v == int64(int(v)) {
			return int(v), true
		}
	case float64:
		const limit = 1 << 53 // beyond it a float64 no longer holds every whole number
		if v == math.Trunc(v) && math.Abs(v) <= limit {
			return int(v), true
		}
	}
	return 0, false
}

// yamlBools are YAML 1.1's words for true and false, which Hugo trees use
// (draft: yes).
var yamlBools = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
	"true": true, "True": true, "TRUE": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false,
	"false": false, "False": false, "FALSE": false, "off": false, "Off": false, "OFF": false,
}

func boolean(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case plain:
		b, ok := yamlBools[string(v)]
		return b, ok
	case string: // draft: "true", which Hugo reads as true
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		return b, err == nil
	}
	return false, false
}

// describe names the kind of a front matter value, for messages.
func describe(v any) string {
	switch v := v.(type) {
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a map"
	case string:
		return "the text " + strconvQuote(v)
	case plain:
		if v == "" {
			return "empty"
		}
		return strconvQuote(string(v))
	}
	return fmt.Sprint(v)
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
