package content

import (
	"strconv"
	"strings"

	"handbook/generator/diag"
)

// parseYAML reads a YAML front matter block into fm. It reads the
// top-level "key: value" lines itself, so that every error names its
// line, and takes the lines indented under a key (and "- " items right
// under it) as that key's value: a block list or map, a | or > block of
// text, a quoted or plain value folded over lines, or a [ … ] or { … }
// spread over lines. Hugo trees put tags, menus, aliases and descriptions
// there; the model has no field for them, so they are read only far
// enough to know where they end. block starts on line blockLine.
func parseYAML(fm *FrontMatter, file, block string, blockLine int, errs *diag.List) {
	var dateRank int
	seen := fieldsSeen{}
	lines := strings.Split(block, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	for i := 0; i < len(lines); i++ {
		line, n := lines[i], blockLine+i
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		colon := strings.Index(line, ":")
		if colon <= 0 || indented(line) || strings.HasPrefix(line, "-") {
			msg := "front matter line is not \"key: value\": " + strconvQuote(t)
			hint := "write one field per line, e.g. title: 第一章 大客户部门职能"
			if indented(line) || strings.HasPrefix(line, "-") {
				hint = "indent a list or map only under a key that ends with a colon, e.g.\ntags:\n  - 制度"
			} else if k, v, ok := strings.Cut(t, "："); ok {
				// Typed with a Chinese input method on: the colon
				// looks the same, and the message alone does not
				// say which character is wrong.
				hint = "the colon after " + strings.TrimSpace(k) + " is a full-width ：; type it as a half-width : followed by a space: " + strings.TrimSpace(k) + ": " + strings.TrimSpace(v)
			}
			errs.Errorf(file, n, 1, msg, hint)
			continue
		}
		key := unquoteKey(strings.TrimSpace(line[:colon]))
		// A key set twice (a title pasted over without removing the old
		// one): the last one won without a word. Hugo refuses the file.
		seen.add(file, n, key, errs)
		rest := line[colon+1:]
		valCol := colon + 2 + len(rest) - len(strings.TrimLeft(rest, " \t")) // 1-based
		val := strings.TrimSpace(rest)
		// The key's value goes on over the lines after it that are
		// indented, blank or comments, and over "- " items at the left
		// edge when nothing follows the colon (YAML lets a list under a
		// key start there).
		end := i + 1
		for end < len(lines) {
			l := lines[end]
			lt := strings.TrimSpace(l)
			if lt == "" || strings.HasPrefix(lt, "#") || indented(l) ||
				val == "" && (l == "-" || strings.HasPrefix(l, "- ")) {
				end++
				continue
			}
			break
		}
		// Trailing blank lines and comments are not part of the value.
		for end > i+1 {
			lt := strings.TrimSpace(lines[end-1])
			if lt != "" && !strings.HasPrefix(lt, "#") {
				break
			}
			end--
		}
		cont := lines[i+1 : end]
		i = end - 1
		v, msg, hint := yamlValue(val, cont)
		if msg != "" {
			errs.Errorf(file, n, valCol, msg, hint)
			continue
		}
		if _, ok := v.(plain); ok && val != "" {
			// A plain value folded over indented lines cannot hold
			// "key: value" in YAML (Hugo fails on it): such a line
			// is a field indented by mistake (a tab, a stray space),
			// whose value the one above swallowed.
			for j, l := range cont {
				lt := strings.TrimSpace(l)
				if k, _, found := strings.Cut(lt, ": "); found && !strings.HasPrefix(lt, "#") && !strings.ContainsAny(k, " \t\"'") || strings.HasSuffix(lt, ":") && !strings.ContainsAny(lt, " \t") {
					errs.Add(diag.Diagnostic{File: file, Line: n + 1 + j, Col: 1, Severity: diag.Warning,
						Msg:  "front matter line " + strconvQuote(lt) + " is indented, so it goes on with the value of " + key + " above, which is now " + strconvQuote(string(v.(plain))),
						Hint: "if it is a field of its own, write it at the left edge, indented by no space or tab"})
					break
				}
			}
		}
		setField(fm, file, n, key, v, ": ", &dateRank, errs)
	}
}

// yamlValue is the value written after a key (val) and on the lines that
// go on from it (cont): plain, string, []any (of the items that are
// scalars) or map[string]any (of its first level's scalars: build:
// render: never, see blockMap).
// msg and hint say what is wrong when it is not a YAML value.
func yamlValue(val string, cont []string) (v any, msg, hint string) {
	// A tag or an anchor before the value (!!str, &defaults) changes
	// nothing the model reads.
	for strings.HasPrefix(val, "!") || strings.HasPrefix(val, "&") {
		_, after, _ := strings.Cut(val, " ")
		val = strings.TrimSpace(after)
	}
	switch {
	case val == "" || strings.HasPrefix(val, "#"):
		for _, l := range cont {
			lt := strings.TrimSpace(l)
			switch {
			case lt == "" || strings.HasPrefix(lt, "#"):
				continue
			case lt == "-" || strings.HasPrefix(lt, "- "):
				return blockList(cont), "", ""
			}
			return blockMap(cont), "", ""
		}
		return plain(""), "", "" // "key:" alone is empty (null)
	case val[0] == '|' || val[0] == '>':
		return blockScalar(val[0] == '>', cont), "", ""
	case val[0] == '[' || val[0] == '{':
		all := strings.Join(append([]string{val}, cont...), "\n")
		if open := unclosed(all); open != 0 {
			return nil, "the " + map[byte]string{'[': "list", '{': "map"}[open] + " opened with " + string(open) + " is not closed",
				"close it with " + map[byte]string{'[': "]", '{': "}"}[open] + ", or write it as lines indented under the key"
		}
		if val[0] == '[' {
			return flowList(all), "", ""
		}
		return flowMap(all), "", ""
	}
	// A scalar, folded over its lines: each line break is a space.
	parts := []string{val}
	for _, l := range cont {
		if lt := strings.TrimSpace(l); lt != "" {
			parts = append(parts, lt)
		}
	}
	return yamlScalar(strings.Join(parts, " "))
}

// blockList is the items of a list written as "- item" lines: each a
// scalar as yamlScalar reads it, or an empty map for an item that is a
// map, a list or goes on over lines (the model reads lists of scalars
// only: aliases).
func blockList(cont []string) []any {
	items := []any{}
	indent := -1
	for _, l := range cont {
		lt := strings.TrimSpace(l)
		if lt == "" || strings.HasPrefix(lt, "#") {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 {
			indent = n
		}
		if n != indent || lt != "-" && !strings.HasPrefix(lt, "- ") {
			if len(items) > 0 { // a line of the item above
				items[len(items)-1] = map[string]any{}
			}
			continue
		}
		items = append(items, listItem(strings.TrimSpace(lt[1:])))
	}
	return items
}

// flowList is the items of a list written as [a, "b", c], closed (see
// unclosed).
func flowList(all string) []any {
	items := []any{}
	for _, item := range flowItems(all) {
		items = append(items, listItem(item))
	}
	return items
}

// flowMap is a map written as {render: never, list: never}, closed (see
// unclosed), with its scalar values as blockMap keeps them: build:
// {render: never} was read as an empty map, and the page published.
func flowMap(all string) map[string]any {
	m := map[string]any{}
	for _, item := range flowItems(all) {
		mapEntry(m, item)
	}
	return m
}

// flowItems are the items of a flow list or map (all opens it), each
// trimmed, without the empty ones.
func flowItems(all string) []string {
	var items []string
	depth, start := 0, 1
	for i := 0; i < len(all); i++ {
		switch c := all[i]; c {
		case '"', '\'':
			if depth == 1 && strings.TrimSpace(all[start:i]) == "" {
				if end := closingQuote(all[i:], c); end > 0 {
					i += end
				}
			}
		case '[', '{':
			depth++
		case ']', '}', ',':
			if c != ',' {
				depth--
			}
			if depth == 1 && c == ',' || depth == 0 {
				if item := strings.TrimSpace(all[start:i]); item != "" {
					items = append(items, item)
				}
				start = i + 1
			}
			if depth == 0 {
				return items
			}
		}
	}
	return items
}

// listItem reads one item of a list: a scalar, else an empty map.
func listItem(item string) any {
	if item == "" || item[0] == '[' || item[0] == '{' || item[0] == '#' ||
		item[0] != '"' && item[0] != '\'' && (strings.Contains(item, ": ") || strings.HasSuffix(item, ":")) {
		return map[string]any{}
	}
	v, msg, _ := yamlScalar(item)
	if msg != "" {
		return plain(item)
	}
	return v
}

// yamlScalar reads one quoted or plain value, with any comment after it.
func yamlScalar(v string) (any, string, string) {
	const fix = "quote the value with \"…\" or remove the stray quote"
	switch v[0] {
	case '"':
		end := closingQuote(v, '"')
		if end < 0 {
			return nil, "the quoted value is not closed", fix
		}
		s, err := strconv.Unquote(v[:end+1])
		if err != nil {
			return nil, "the quoted value has an escape that is not valid: " + strconvQuote(v[:end+1]), `write \" for a quote and \\ for a backslash`
		}
		if !onlyComment(v[end+1:]) {
			return nil, "text follows the closing quote", fix
		}
		return s, "", ""
	case '\'':
		end := closingQuote(v, '\'')
		if end < 0 {
			return nil, "the quoted value is not closed", fix
		}
		if !onlyComment(v[end+1:]) {
			return nil, "text follows the closing quote", fix
		}
		return strings.ReplaceAll(v[1:end], `''`, `'`), "", ""
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return plain(v), "", ""
}

// closingQuote is the index of the quote that closes the value v opens,
// or -1. In "…", a backslash escapes the next character; in '…', a quote
// is written twice.
func closingQuote(v string, q byte) int {
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

func onlyComment(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.HasPrefix(s, "#")
}

// blockScalar is the text of a | (literal) or > (folded) block: its lines
// without their indentation, joined by line breaks or spaces, without the
// blank lines around it. A title or slug written so is one line of text
// in every use this generator has for it.
func blockScalar(folded bool, cont []string) string {
	indent := -1
	var out []string
	for _, l := range cont {
		lt := strings.TrimSpace(l)
		if lt == "" {
			out = append(out, "")
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
		out = append(out, l)
	}
	for i, l := range out {
		if len(l) >= indent && indent >= 0 {
			out[i] = strings.TrimRight(l[indent:], " \t")
		}
	}
	sep := "\n"
	if folded {
		sep = " "
	}
	return strings.TrimSpace(strings.Join(out, sep))
}

// unclosed is the bracket of a flow list or map that is not closed in s,
// or 0: brackets inside quotes do not count.
func unclosed(s string) byte {
	var stack []byte
	prev := byte(0) // the last character other than a space
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' {
			continue
		}
		quoteStarts := prev == '[' || prev == '{' || prev == ',' || prev == ':'
		prev = c
		switch c {
		case '"', '\'':
			if !quoteStarts { // it's, a quote inside a plain value
				continue
			}
			end := closingQuote(s[i:], c)
			if end < 0 {
				return stack[len(stack)-1]
			}
			i += end
		case '[', '{':
			stack = append(stack, c)
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case '#':
			// A comment runs to the end of its line.
			if s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n' {
				if nl := strings.IndexByte(s[i:], '\n'); nl >= 0 {
					i += nl
				} else {
					i = len(s)
				}
			}
		}
		if len(stack) == 0 {
			return 0 // closed; anything after it is YAML's to reject
		}
	}
	if len(stack) > 0 {
		return stack[len(stack)-1]
	}
	return 0
}

func indented(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
}

// unquoteKey reads a key written in quotes ("title": …) as its text.
func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	return k
}

// blockMap is a map written as lines indented under its key, with the
// scalar values of its first level ("render: never" under build:, which
// keeps a page out of the site); deeper maps and lists, which no field
// read here holds, are left out.
func blockMap(cont []string) map[string]any {
	m := map[string]any{}
	depth := -1
	for _, l := range cont {
		lt := strings.TrimSpace(l)
		if lt == "" || strings.HasPrefix(lt, "#") {
			continue
		}
		d := len(l) - len(strings.TrimLeft(l, " \t"))
		if depth < 0 || d < depth {
			depth = d
		}
	}
	for _, l := range cont {
		lt := strings.TrimSpace(l)
		if len(l)-len(strings.TrimLeft(l, " \t")) != depth || strings.HasPrefix(lt, "#") {
			continue
		}
		mapEntry(m, lt)
	}
	return m
}

// mapEntry puts "key: value", a line of a block map or an item of a flow
// map, in m, unless the value is empty or not a YAML value.
func mapEntry(m map[string]any, kv string) {
	k, v, ok := strings.Cut(kv, ":")
	if v = strings.TrimSpace(v); !ok || v == "" || strings.HasPrefix(v, "#") {
		return
	}
	if sv, msg, _ := yamlValue(v, nil); msg == "" {
		m[unquoteKey(strings.TrimSpace(k))] = sv
	}
}

// fieldsSeen are the front matter keys read so far, each with its line
// and as written, by the name the loader knows it by: its own for a key
// no one reads, in lower case for one setField reads (title, TITLE and
// Title are one field there).
type fieldsSeen map[string]fieldSeen

type fieldSeen struct {
	line int
	key  string
}

// add notes key, set on line, and says so when it is set a second time.
func (s fieldsSeen) add(file string, line int, key string, errs *diag.List) {
	name := key
	if fieldRead[strings.ToLower(key)] {
		name = strings.ToLower(key)
	}
	if name == "order" || name == "weight" {
		// One field under two names: the later one wins, and the page
		// was listed where neither of the two its editor saw said.
		if p, ok := s["\x00place"]; ok && strings.ToLower(p.key) != name {
			errs.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning,
				Msg:  "front matter sets the page's place twice, as " + p.key + " on line " + strconv.Itoa(p.line) + " and as " + key + " here: the later, " + key + ", is used",
				Hint: "keep one of them (order and weight are the same field)"})
		}
		s["\x00place"] = fieldSeen{line, key}
	}
	first, ok := s[name]
	if !ok {
		s[name] = fieldSeen{line, key}
		return
	}
	at := strconv.Itoa(first.line)
	if first.key != key {
		at += " (as " + first.key + ")"
	}
	errs.Errorf(file, line, 1, "front matter field "+key+" is set twice, on lines "+at+" and "+strconv.Itoa(line),
		"keep the one you mean and delete the other")
}
