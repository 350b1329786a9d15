package markdown

import (
	"bytes"
	"crypto/sha256"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Hugo sites link to pages with the ref and relref shortcodes:
// [请假]({{< ref "leave.md#流程" >}}), or a reference definition
// "[请假]: {{< relref "leave" >}}". Hugo expands them before Markdown
// reads the page; here, such a shortcode in a link's destination becomes
// that destination, and the Link says it came from one (LinkRef), so the
// build finds its page as Hugo does: by its file, from the page's folder,
// else from the top of the tree.

// refScheme marks, in the text goldmark parses, a destination that was a
// ref shortcode; analyse takes it off again.
const refScheme = "hugoref:"

// hugoRefs finds the ref and relref shortcodes of a page's body that stand
// as a link's destination (after "](" or "]:"), outside code, and returns
// a copy of body with each replaced by "<hugoref:path>" and spaces, so
// every offset and line stays where it was. ok is false when there are
// none.
func hugoRefs(body []byte, codeOf func() [][2]int) (out []byte, ok bool) {
	if !bytes.Contains(body, []byte("ref")) || !(bytes.Contains(body, []byte("{{<")) || bytes.Contains(body, []byte("{{%"))) {
		return nil, false
	}
	code := codeOf()
	for i := 0; i < len(body); {
		j := bytes.Index(body[i:], []byte("{{"))
		if j < 0 {
			break
		}
		start := i + j
		i = start + 2
		end, path, found := refShortcode(body, start)
		if !found || !inDestination(body, start) || inRanges(code, start) {
			continue
		}
		// What Hugo's expansion runs into is part of the destination:
		// [x]({{< ref "a.md" >}}#流程) links to a.md#流程. Left after the
		// "<hugoref:…>", it made the destination no destination, and the
		// page showed "[x](hugoref:a.md #流程)", a link to nowhere.
		tail := end
		for tail < len(body) && !isDestEnd(body[tail]) {
			tail++
		}
		path += string(body[end:tail])
		repl := "<" + refScheme + path + ">"
		if len(repl) > tail-start || bytes.ContainsAny([]byte(path), "<>\n\\") || !destinationEnds(body, tail) {
			continue // shown as written, and warned of
		}
		out = overwrite(out, body, start, tail, repl)
		i = tail
	}
	return out, out != nil
}

// shortcodeAt reads the Hugo shortcode that opens at body[start:] with
// "{{<" or "{{%", up to its ">}}" or "%}}": where it ends, its name and
// the text after the name.
func shortcodeAt(body []byte, start int) (end int, name, params []byte, ok bool) {
	if start+3 > len(body) || body[start+2] != '<' && body[start+2] != '%' {
		return 0, nil, nil, false
	}
	closeMark := []byte(">}}")
	if body[start+2] == '%' {
		closeMark = []byte("%}}")
	}
	stop := bytes.Index(body[start:], closeMark)
	if stop < 0 {
		return 0, nil, nil, false
	}
	name, params, _ = bytes.Cut(bytes.TrimSpace(body[start+3:start+stop]), []byte(" "))
	return start + stop + 3, name, params, true
}

// refShortcode reads a ref or relref shortcode at body[start:] ("{{< ref
// "x.md" >}}", "{{% relref x %}}", "{{< ref path="x.md" lang="en" >}}"),
// returning where it ends and its path.
func refShortcode(body []byte, start int) (end int, path string, ok bool) {
	end, name, arg, ok := shortcodeAt(body, start)
	if s := string(name); !ok || s != "ref" && s != "relref" {
		return 0, "", false
	}
	path, ok = refPath(string(arg))
	if !ok {
		return 0, "", false
	}
	return end, path, true
}

// refPath is the page a ref's arguments name: its one positional
// argument, or its path= one, quoted ("x.md", `x.md`) or bare. lang= and
// outputFormat= choose among a multilingual site's outputs, which a
// handbook has one of; anything else is no ref this reads.
func refPath(args string) (string, bool) {
	path, have := "", false
	for args = strings.TrimSpace(args); args != ""; args = strings.TrimSpace(args) {
		key := ""
		if i := strings.IndexAny(args, "= \t\"`"); i > 0 && args[i] == '=' {
			key, args = args[:i], args[i+1:]
		}
		quoted := args[0] == '"' || args[0] == '`'
		val, rest, closed := cutValue(args, "\"`", " \t")
		if !closed || !quoted && strings.ContainsAny(val, "\"`=") {
			return "", false
		}
		args = rest
		switch key {
		case "", "path":
			if have || val == "" {
				return "", false
			}
			path, have = val, true
		case "lang", "outputFormat":
		default:
			return "", false
		}
	}
	return path, have
}

// isDestEnd reports whether c ends a link destination written bare.
func isDestEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')'
}

// destinationEnds reports whether a destination ending at body[at:] is
// followed by what may follow one: the link's ")", a title, or the end of
// the line. Anything else would make the rewritten link no link, and the
// text would show the "<hugoref:…>" mark as an address.
func destinationEnds(body []byte, at int) bool {
	for at < len(body) && (body[at] == ' ' || body[at] == '\t') {
		at++
	}
	return at == len(body) || bytes.IndexByte([]byte(")\"'(\r\n"), body[at]) >= 0
}

// inDestination reports whether body[at:] follows "](" or "]:" (spaces
// between), where a link's destination starts.
func inDestination(body []byte, at int) bool {
	k := at
	for k > 0 && (body[k-1] == ' ' || body[k-1] == '\t') {
		k--
	}
	return k >= 2 && body[k-2] == ']' && (body[k-1] == '(' || body[k-1] == ':')
}

// codeRanges lists the body ranges of code spans, code blocks and HTML:
// a shortcode shown there is shown as written.
func codeRanges(root ast.Node) [][2]int {
	var out [][2]int
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					out = append(out, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				out = append(out, [2]int{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func inRanges(rs [][2]int, at int) bool {
	for _, r := range rs {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// rewrite is body as the parser is to read it, when that is not body
// itself: Obsidian's comments blanked (obsidianComments), Hugo's ref
// shortcodes as link destinations (hugoRefs) and figures as images
// (hugoFigures). Every offset and line
// stays where it was. root is body parsed, for where its code is.
func rewrite(body []byte, root ast.Node) ([]byte, bool) {
	var code [][2]int
	codeOf := func() [][2]int {
		if code == nil {
			code = append(codeRanges(root), [2]int{-1, -1})
		}
		return code
	}
	out, changed := obsidianComments(body, codeOf)
	if !changed {
		out = body
	}
	if refs, ok := hugoRefs(out, codeOf); ok {
		out, changed = refs, true
	}
	if figs, ok := hugoFigures(out, codeOf); ok {
		out, changed = figs, true
	}
	return out, changed
}

// hugoFigures writes Hugo's figure shortcode, {{< figure src="a.png"
// alt="…" caption="…" >}}, Hugo sites' usual way to show an image, as the
// Markdown image it shows: ![alt](<a.png> "caption"), in its place, with
// spaces after it. Outside code, on one line; one that cannot be written
// so stays as it is (and is warned of).
func hugoFigures(body []byte, codeOf func() [][2]int) (out []byte, ok bool) {
	if !bytes.Contains(body, []byte("figure")) {
		return nil, false
	}
	for i := 0; i < len(body); {
		j := bytes.Index(body[i:], []byte("{{"))
		if j < 0 {
			break
		}
		start := i + j
		i = start + 2
		end, name, params, ok := shortcodeAt(body, start)
		if !ok || bytes.IndexByte(body[start:end], '\n') >= 0 || string(name) != "figure" || inRanges(codeOf(), start) {
			continue
		}
		attrs := tagAttrs(string(params))
		src, alt := attrs["src"], attrs["alt"]
		title := attrs["caption"]
		if title == "" {
			title = attrs["title"]
		}
		if strings.ContainsAny(title, "\"\\") {
			title = ""
		}
		repl := "![" + alt + "](<" + src + ">"
		if title != "" {
			repl += ` "` + title + `"`
		}
		repl += ")"
		if src == "" || strings.ContainsAny(alt, "[]\\") || strings.ContainsAny(src, "<>") || len(repl) > end-start {
			continue
		}
		out = overwrite(out, body, start, end, repl)
		i = end
	}
	return out, out != nil
}

// obsidianComments blanks Obsidian's comments, %%…%% (inline, or over
// lines), outside code: Obsidian hides them, and an author's notes to
// self ("待法务确认") must not be published. Line breaks stay, so the
// lines and offsets of the page are as written.
func obsidianComments(body []byte, codeOf func() [][2]int) (out []byte, ok bool) {
	if !bytes.Contains(body, []byte("%%")) {
		return nil, false
	}
	code := codeOf()
	for i := 0; i < len(body); {
		j := bytes.Index(body[i:], []byte("%%"))
		if j < 0 {
			break
		}
		start := i + j
		if inRanges(code, start) {
			i = start + 2
			continue
		}
		k := bytes.Index(body[start+2:], []byte("%%"))
		if k < 0 {
			break
		}
		end := start + 2 + k + 2
		if out == nil {
			out = bytes.Clone(body)
		}
		for x := start; x < end; x++ {
			if out[x] != '\n' && out[x] != '\r' {
				out[x] = ' '
			}
		}
		i = end
	}
	return out, out != nil
}

// withRefs is src with its body rewritten (see rewrite), and the SHA-256
// of src as written: the page's source is the file, whatever the parser
// was given.
func withRefs(src []byte, off int, body []byte) ([]byte, [32]byte) {
	out := make([]byte, 0, len(src))
	out = append(out, src[:off]...)
	out = append(out, body...)
	return out, sha256.Sum256(src)
}

// overwrite writes repl over body[start:end] in out, a copy of body made
// at the first rewrite (out nil), and pads the rest of the span with
// spaces, so that every offset after it stays where it was.
func overwrite(out, body []byte, start, end int, repl string) []byte {
	if out == nil {
		out = bytes.Clone(body)
	}
	n := copy(out[start:end], repl)
	for k := start + n; k < end; k++ {
		out[k] = ' '
	}
	return out
}
