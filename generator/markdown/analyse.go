package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handbook/generator/diag"

	"handbook/generator/editdist"
)

// maxClauseDepth is how deeply numbered lists nest and still give their
// items clause IDs (<id>.<n>.<m>…); policy text goes three deep at most.
const maxClauseDepth = 8

// analyse runs once per page, after parsing and before rendering: it gives
// every heading and numbered item its ID, turns marked blockquotes into
// editor's notes, finds directives, placeholders and links, and decides
// which ASCII punctuation sits in Chinese text.
// maxRepeatWarnings is how many repeated headings a page is warned of,
// one by one (see analyse).
const maxRepeatWarnings = 5

func (d *Doc) analyse(errs *diag.List) {
	body := d.src[d.off:]
	ids := newIDSet()
	given := giveIDs(d.root)
	imgAt := htmlImages(d.root, body) // Typora's <img> tags, as images

	// Explicit IDs first, so generated ones never take an ID the author
	// chose further down the page.
	var headings []*ast.Heading
	explicit := map[string]int{} // explicit ID → its heading's index
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			if !d.quiet {
				d.warnHeadingAttributes(h, body, errs)
			}
			if v, ok := h.AttributeString("id"); ok {
				id := string(v.([]byte))
				off := d.pos(blockStart(h))
				if id == "" {
					errs.Add(diag.At(d.File, d.src, off, "heading ID {#} is empty: the heading would have no address",
						"write the ID after the # ({#总则}), or remove the {#} to let the generator make one from the heading"))
				}
				if ids.used[id] {
					errs.Add(diag.At(d.File, d.src, off, "heading ID #"+id+" is used twice on this page",
						"give this heading another {#id}, or remove the {#…} to let the generator number it"))
				} else {
					explicit[id] = len(headings) - 1
				}
				ids.used[id] = true
			}
		}
		return ast.WalkContinue, nil
	})
	var slugs []string // each heading's ID made from its text
	if len(explicit) > 0 {
		slugs = make([]string, len(headings))
	}
	// The headings under each open heading, by ID made from their text:
	// a heading repeating a sibling's words (two ## 一、基本要求 in a
	// chapter) got #一基本要求-1 without a word, and its clauses
	// 一基本要求-1.n. Under different parents a repeat is the document's
	// shape (### 职位职责 under each job), not a slip.
	type scope struct {
		level int
		seen  map[string]int // slug → offset of the first
	}
	scopes := []scope{{0, map[string]int{}}}
	repeats := 0 // warned of: a page repeating one heading 25,000 times gets a few
	for i, h := range headings {
		txt := plainText(h, body)
		var id string
		v, has := h.AttributeString("id")
		slug := ""
		if !has || slugs != nil {
			// From the text as written, entities and all: IDs made
			// before entities were read (A&amp;B) keep their links.
			slug = Slug(plainTextAs(h, body, false))
		}
		for len(scopes) > 1 && scopes[len(scopes)-1].level >= h.Level {
			scopes = scopes[:len(scopes)-1]
		}
		if has {
			id = string(v.([]byte))
		} else {
			id = ids.unique(slug)
			given[h] = []byte(id)
			if first, dup := scopes[len(scopes)-1].seen[slug]; dup && !d.quiet && id != slug {
				if repeats++; repeats <= maxRepeatWarnings {
					line, _ := diag.Position(d.src, first)
					w := diag.At(d.File, d.src, d.pos(blockStart(h)),
						"the heading “"+txt+"” repeats the one on line "+strconv.Itoa(line)+", in the same section, so its ID is #"+id+" (and its clauses "+id+".n)",
						"if it is a second section, give it words of its own or an ID ({#…} after its title); if it is a leftover copy, remove it")
					if repeats == maxRepeatWarnings {
						w.Hint += " (further repeated headings on this page are not listed)"
					}
					w.Severity = diag.Warning
					errs.Add(w)
				}
			} else if !dup {
				scopes[len(scopes)-1].seen[slug] = d.pos(blockStart(h))
			}
		}
		scopes = append(scopes, scope{h.Level, map[string]int{}})
		if slugs != nil {
			slugs[i] = slug
		}
		off := d.pos(blockStart(h))
		d.Headings = append(d.Headings, Heading{Level: h.Level, ID: id, Text: txt, Offset: off})
		d.IDs[id] = off
	}

	// Numbered items take their section's ID and their number, so
	// "销售人员奖惩办法.5" stays the fifth item of that clause in every revision.
	current := ""
	var notes, callouts []*ast.Blockquote
	var tocs []ast.Node // Typora's [TOC] lines
	var replace []ast.Node
	depth, tooDeep := 0, false         // numbered lists open around the walk's position
	shortcodeSeen := map[string]bool{} // one warning a shortcode name
	rawLine := -1                      // the line last warned of raw HTML left out
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.List); ok && l.IsOrdered() {
			if entering {
				depth++
			} else {
				depth--
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			current = string(idOf(n))
		case *ast.List:
			if !n.IsOrdered() {
				break
			}
			if !d.quiet {
				d.warnRenumbered(n, body, errs)
			}
			// Each level's IDs extend their parent's, so IDs of a list
			// nested 10,000 deep would fill hundreds of megabytes.
			if depth > maxClauseDepth {
				if !tooDeep {
					tooDeep = true
					w := diag.At(d.File, d.src, d.pos(blockStart(n)),
						"numbered lists nested more than "+strconv.Itoa(maxClauseDepth)+" deep: the deeper items get no clause ID",
						"flatten the list; only items up to that depth can be linked to")
					w.Severity = diag.Warning
					errs.Add(w)
				}
				break
			}
			prefix := current
			if li, ok := n.Parent().(*ast.ListItem); ok {
				if v := idOf(li); v != nil {
					prefix = string(v)
				}
			}
			if prefix == "" {
				prefix = "条"
			}
			num := n.Start
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				want := prefix + "." + strconv.Itoa(num)
				id := ids.unique(want)
				if k, ok := explicit[want]; ok && id != want {
					// {#主要职责.1} on a heading took the item's
					// address: it became #主要职责.1-1.
					h := d.Headings[k]
					line, _ := diag.Position(d.src, d.pos(blockStart(c)))
					errs.Add(diag.At(d.File, d.src, h.Offset, "heading ID #"+want+" of “"+h.Text+"” is the clause ID of item "+strconv.Itoa(num)+
						" under its heading ("+d.File+":"+strconv.Itoa(line)+"), which is then #"+id+": links to that item lead to this heading",
						"pick another ID for this heading; a clause's ID is its heading's ID, a dot and its number"))
				}
				given[c] = []byte(id)
				d.IDs[id] = d.pos(blockStart(c))
				num++
			}
		case *ast.Blockquote:
			if p, ok := n.FirstChild().(*ast.Paragraph); ok && p.Lines().Len() > 0 {
				first := p.Lines().At(0)
				line := string(first.Value(body))
				if isNoteMarker(line) {
					notes = append(notes, n)
				} else if _, _, ok := calloutOf(line); ok {
					callouts = append(callouts, n)
				}
				if !d.quiet {
					d.warnMarker(line, first.Start, errs)
				}
			}
		case *ast.Paragraph:
			if isTOCMarker(n, body) {
				tocs = append(tocs, n)
				return ast.WalkSkipChildren, nil
			}
			if !d.quiet {
				d.warnUnmadeTable(n, body, errs)
			}
			if name, ok := placeholderName(n, body); ok {
				replace = append(replace, n)
				d.Placeholders = append(d.Placeholders, name)
			}
			warnShortcode(d, n, body, errs, shortcodeSeen)
			d.warnSpacedLinks(n, body, errs)
		case *ast.FencedCodeBlock:
			if !d.quiet {
				d.warnUnclosedFence(n, body, errs)
			}
		case *east.Table:
			if !d.quiet {
				d.warnSwallowedLine(n, body, errs)
			}
		case *east.TableRow:
			if !d.quiet {
				d.warnExtraCells(n, body, errs)
			}
		case *ast.HTMLBlock:
			d.directive(n, body, errs)
			if n.HTMLBlockType != ast.HTMLBlockType2 && n.Lines().Len() > 0 { // not a comment
				rawLine = d.warnRawHTML(rawLine, n.Lines().At(0).Start, body, errs)
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					d.warnRawLinks(lines.At(i), body, errs)
				}
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				if seg := n.Segments.At(0); !bytes.HasPrefix(seg.Value(body), []byte("<!--")) {
					rawLine = d.warnRawHTML(rawLine, seg.Start, body, errs)
					for i := 0; i < n.Segments.Len(); i++ {
						d.warnRawLinks(n.Segments.At(i), body, errs)
					}
				}
			}
		case *east.TaskCheckBox:
			// "1. [x](nope.md) 绩效…": GFM reads [x] at an item's start
			// as a ticked box even with "(" after it, so a link whose
			// text is x became a box and "(nope.md)", never checked.
			if next, ok := n.NextSibling().(*ast.Text); ok && !d.quiet && bytes.HasPrefix(next.Segment.Value(body), []byte("(")) {
				w := diag.At(d.File, d.src, d.pos(max(0, next.Segment.Start-3)), "a list item opening with [x] or [ ] shows a checkbox, so the link [x](…) here is not a link",
					"give the link other text ([第x条](…)), or put text before it")
				w.Severity = diag.Warning
				errs.Add(w)
			}
		case *ast.Link:
			if rest, ok := bytes.CutPrefix(n.Destination, []byte(wikiEmbedScheme)); ok {
				n.Destination = append([]byte(wikiScheme), rest...)
				w := diag.At(d.File, d.src, d.pos(inlineStart(n, body)), "![["+string(rest)+"]] shows a note in place in Obsidian; here it is a link to that note",
					"copy the text in where it is needed, or write a link: [["+string(rest)+"]]")
				w.Severity = diag.Warning
				errs.Add(w)
			}
			d.Links = append(d.Links, newLink(n, &n.Destination, d.pos(inlineStart(n, body))))
			if !d.quiet {
				d.warnScriptURL("link", n.Destination, d.pos(inlineStart(n, body)), errs)
			}
		case *ast.Image:
			off, ok := imgAt[n]
			if !ok {
				off = inlineStart(n, body)
			}
			d.Links = append(d.Links, newLink(n, &n.Destination, d.pos(off)))
			if !d.quiet {
				d.checkOutsideImage(n, d.pos(off), errs)
				d.warnScriptURL("image", n.Destination, d.pos(off), errs)
			}
		}
		return ast.WalkContinue, nil
	})
	if slugs != nil {
		d.checkTakenIDs(headings, slugs, explicit, errs)
	}
	for _, bq := range notes {
		if !d.quiet {
			d.checkNote(bq, body, errs)
		}
		p := bq.FirstChild().(*ast.Paragraph)
		end := p.Lines().At(0).Stop
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok && t.Segment.Start < end {
				p.RemoveChild(p, c)
			} else if ok {
				break
			}
			c = next
		}
		if p.ChildCount() == 0 {
			bq.RemoveChild(bq, p)
		}
		note := &Note{}
		parent := bq.Parent()
		for c := bq.FirstChild(); c != nil; {
			next := c.NextSibling()
			note.AppendChild(note, c)
			c = next
		}
		parent.ReplaceChild(parent, bq, note)
	}
	for _, bq := range callouts {
		makeCallout(bq, body)
	}
	for _, n := range tocs {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, n := range replace {
		name, _ := placeholderName(n.(*ast.Paragraph), body)
		ph := &placeholder{name: name}
		d.placeholders = append(d.placeholders, ph)
		n.Parent().ReplaceChild(n.Parent(), n, ph)
	}
	markCJKPunctuation(d.root, body)
}

// newLink records a link or image; a destination that was a ref
// shortcode (see hugoRefs) or a wiki link (wikiParser) loses its mark
// and says its kind.
func newLink(n ast.Node, dest *[]byte, off int) Link {
	for _, m := range []struct {
		scheme string
		kind   LinkKind
	}{{refScheme, LinkRef}, {wikiScheme, LinkWiki}} {
		if rest, ok := bytes.CutPrefix(*dest, []byte(m.scheme)); ok {
			*dest = rest
			return Link{Dest: string(rest), Offset: off, Kind: m.kind, node: n}
		}
	}
	return Link{Dest: string(*dest), Offset: off, node: n}
}

// spacedLink is a link or image whose path has a space, written bare:
// Markdown reads it as text ("![图](截图 1.png)"), and the page showed
// it so without a word.
var spacedLink = regexp.MustCompile(`\]\(([^()<>"'\s][^()<>"'\n]*[ \t][^()<>"'\n]*\.[A-Za-z0-9]{1,5}(?:#[^()<>"'\n]*)?)\)`)

// warnSpacedLinks warns of each link in paragraph n that is text because
// its path has a space (outside code).
func (d *Doc) warnSpacedLinks(n *ast.Paragraph, body []byte, errs *diag.List) {
	lines := n.Lines()
	var code [][2]int
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(body)
		if !bytes.Contains(v, []byte("](")) {
			continue
		}
		for _, m := range spacedLink.FindAllSubmatchIndex(v, -1) {
			if code == nil {
				code = append(codeRanges(n), [2]int{-1, -1})
			}
			if inRanges(code, seg.Start+m[0]) {
				continue
			}
			dest := string(v[m[2]:m[3]])
			w := diag.At(d.File, d.src, d.pos(seg.Start+m[2]), "the link to "+strconv.Quote(dest)+" has a space in its path, so the page shows it as text",
				"write the path in angle brackets, ](<"+dest+">), or each space as %20")
			w.Severity = diag.Warning
			errs.Add(w)
		}
	}
}

// warnRawHTML warns that raw HTML at body offset off is left out:
// without trustHTML the page shows none (an <img> of a Hugo page would
// vanish without a word). Each block is warned of, and each line of
// inline HTML once (<span>…</span> is one); lastLine is the body offset
// of the line last warned of, and the line's is returned. Only a page's
// first was: <p>丙</p> further down was dropped unsaid.
func (d *Doc) warnRawHTML(lastLine, off int, body []byte, errs *diag.List) int {
	if d.quiet || d.eng == nil || d.eng.trustHTML {
		return lastLine
	}
	line := bytes.LastIndexByte(body[:off], '\n') + 1
	if line == lastLine {
		return lastLine
	}
	w := diag.At(d.File, d.src, d.pos(off), "raw HTML is left out of the page: this handbook renders Markdown only",
		"write it in Markdown (an image: ![text](file.png)), or set trustHTML = true in site.toml if every author is trusted")
	w.Severity = diag.Warning
	errs.Add(w)
	return line
}

// checkTakenIDs reports each explicit ID (explicit: ID → heading index)
// that another heading's text makes its automatic ID: "### 部门本职:
// {#主要职责}" took #主要职责 from "### 主要职责:", which became
// #主要职责-1, so every link to it and to its clauses (#主要职责.1 …)
// led to other text, without a word. A heading may pin its own
// automatic ID ({#主要职责} on 主要职责:, the first of two such
// headings). slugs are the headings' IDs made from their text.
func (d *Doc) checkTakenIDs(headings []*ast.Heading, slugs []string, explicit map[string]int, errs *diag.List) {
	// The IDs the page's headings would have without any {#…}.
	auto := make([]string, len(headings))
	byAuto := make(map[string]int, len(headings))
	plain := newIDSet()
	for i, slug := range slugs {
		auto[i] = plain.unique(slug)
		byAuto[auto[i]] = i
	}
	// Headings without an ID of their own, by the ID their text makes.
	bySlug := make(map[string]int, len(headings))
	for i := len(headings) - 1; i >= 0; i-- {
		if _, ok := headings[i].AttributeString("id"); !ok {
			bySlug[slugs[i]] = i
		}
	}
	for k, h := range headings {
		v, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		id := string(v.([]byte))
		if explicit[id] != k || id == auto[k] {
			continue // an ID used twice (said above), or its own automatic one
		}
		other, ok := byAuto[id]
		if ok {
			if _, has := headings[other].AttributeString("id"); has {
				ok = false // its automatic ID is not its address
			}
		}
		if !ok {
			other, ok = bySlug[id]
		}
		if !ok || other == k {
			continue
		}
		this, o := d.Headings[k], d.Headings[other]
		line, _ := diag.Position(d.src, o.Offset)
		links := "links to it no longer reach it"
		if _, ok := d.IDs[o.ID+".1"]; ok {
			links = "links to it, and to its clauses (#" + id + ".1 …), no longer reach them"
		}
		errs.Add(diag.At(d.File, d.src, this.Offset, "heading ID #"+id+" of “"+this.Text+"” is the automatic ID of the heading “"+o.Text+"” ("+d.File+":"+strconv.Itoa(line)+
			"), which is then #"+o.ID+": "+links,
			"pick another ID for this heading, one no other heading's text makes (without {#…} it is #"+auto[k]+")"))
	}
}

// warnMarker warns of a quotation's first line (line, at body offset
// start) that is nearly an editor's note's or a callout's marker but is
// not read as one: 【!编者注】 or [!编者住] was shown to readers as policy
// text, the marker with it, and publish froze it so.
func (d *Doc) warnMarker(line string, start int, errs *diag.List) {
	m, msg, hint, ok := markerAdvice(line)
	if !ok {
		return
	}
	w := diag.At(d.File, d.src, d.pos(start+m.at), msg, hint)
	w.Severity = diag.Warning
	errs.Add(w)
}

// warnHeadingAttributes warns of a heading's {…} that does not do what
// it says: attributes other than an ID and a class, which the page leaves
// out where the site does not trust its authors' HTML, and a {…} that is
// not read as attributes at all (an unquoted value with punctuation), so
// shows as the heading's text and its #id is lost. Both went unsaid.
func (d *Doc) warnHeadingAttributes(h *ast.Heading, body []byte, errs *diag.List) {
	off := d.pos(blockStart(h))
	if d.eng != nil {
		filter := untrustedHeadingAttributes // as the heading renders
		if d.eng.trustHTML {
			filter = html.HeadingAttributeFilter
		}
		var dropped []string
		for _, a := range h.Attributes() {
			if !filter.Contains(a.Name) {
				dropped = append(dropped, string(a.Name))
			}
		}
		if len(dropped) > 0 {
			what := "a heading's {…} gives its ID and class only"
			if d.eng.trustHTML {
				what = "a heading's {…} gives no event handler"
			}
			w := diag.At(d.File, d.src, off, "the heading's attributes "+strings.Join(dropped, ", ")+" are left out: "+what,
				"keep {#id} (and {.class}) and remove the rest")
			w.Severity = diag.Warning
			errs.Add(w)
		}
	}
	if lines := h.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		v := bytes.TrimRight(last.Value(body), " \t\r\n#")
		if i := bytes.LastIndex(v, []byte(" {")); i >= 0 && bytes.HasSuffix(v, []byte("}")) && bytes.ContainsAny(v[i:], "#=") {
			w := diag.At(d.File, d.src, off, "the heading's "+string(v[i+1:])+" is not read as its attributes, so the page shows it as text",
				"write the ID alone, {#id}, and quote any other value (key=\"value\")")
			w.Severity = diag.Warning
			errs.Add(w)
		}
	}
}

// rawLinkRE finds the addresses of raw HTML's links and images.
var rawLinkRE = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// warnRawLinks warns, where trustHTML shows raw HTML, of each address in
// it within the site (a page's file, a folder, an image): the build
// checks and rewrites Markdown's links, not HTML's, so <a
// href="target.md#anchor"> was published as written and led nowhere.
func (d *Doc) warnRawLinks(seg text.Segment, body []byte, errs *diag.List) {
	if d.eng == nil || !d.eng.trustHTML || d.quiet {
		return
	}
	v := seg.Value(body)
	for _, m := range rawLinkRE.FindAllSubmatchIndex(v, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		dest := string(v[a:b])
		if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") || urlScheme.MatchString(dest) {
			continue
		}
		w := diag.At(d.File, d.src, d.pos(seg.Start+a), "the address "+strconv.Quote(dest)+" in raw HTML is neither checked nor rewritten: under latest/ and the revisions' folders it may lead nowhere",
			"write the link in Markdown, [text]("+dest+") or ![text]("+dest+"), which the build checks, rewrites and publishes the file of")
		w.Severity = diag.Warning
		errs.Add(w)
	}
}

// urlScheme matches an address that starts with its scheme (https:, mailto:).
var urlScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// warnShortcode warns of each Hugo shortcode in paragraph n whose name
// the page has not shown before (seen): the page shows them as written.
// One warning a name, not one a page: after a {{< notice >}} a page's
// {{% details %}} and {{< youtube >}} went unsaid. A closing
// {{< /notice >}} is its opening one's.
func warnShortcode(d *Doc, n *ast.Paragraph, body []byte, errs *diag.List, seen map[string]bool) {
	lines := n.Lines()
	var inCode [][2]int // code spans show a shortcode as written, on purpose
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(body)
		for j := 0; j+3 <= len(v); j++ {
			if v[j] != '{' || v[j+1] != '{' || v[j+2] != '<' && v[j+2] != '%' {
				continue
			}
			if inCode == nil {
				inCode = append(codeRanges(n), [2]int{-1, -1})
			}
			if inRanges(inCode, seg.Start+j) {
				continue
			}
			code := v[j:]
			if end := bytes.Index(code, []byte("}}")); end >= 0 {
				code = code[:end+2]
			} else {
				// Over lines: its first line, not the line break.
				code = bytes.TrimRight(code, " \t\r\n")
				if len(code) > 40 {
					code = code[:40]
				}
				code = append(code[:len(code):len(code)], "…"...)
			}
			name := bytes.TrimLeft(code[3:], " \t/")
			if k := bytes.IndexAny(name, " \t%>}…"); k >= 0 {
				name = name[:k]
			}
			if seen[string(name)] {
				continue
			}
			seen[string(name)] = true
			w := diag.At(d.File, d.src, d.pos(seg.Start+j),
				"Hugo shortcode "+string(code)+" is not supported: the page shows it as written",
				shortcodeHint(string(name), string(code)))
			w.Severity = diag.Warning
			errs.Add(w)
		}
	}
}

// shortcodeHint says what to write in a shortcode's place, for the ones
// Hugo trees are full of; every one was told to become an editor's note
// (编者注), which a ref, a code block or a video is not, and which a
// docs tree's {{% note %}} (a note to readers, not the editor's) is
// only at a stretch.
func shortcodeHint(name, code string) string {
	switch strings.ToLower(name) {
	case "ref", "relref":
		return "make it a link's address, [text](" + code + "), which the handbook reads, or link to the page's file: [text](page.md)"
	case "figure":
		return "write it on one line, {{< figure src=\"a.png\" caption=\"…\" >}}, or as a Markdown image: ![text](a.png \"caption\")"
	case "highlight", "code":
		return "write the code as a fenced code block: ```go on the line before it and ``` on the line after"
	case "note", "notice", "hint", "tip", "tips", "info", "warning", "caution", "important", "danger", "alert", "admonition", "callout":
		return "write it as a callout: a blockquote whose first line is > [!" + strings.ToLower(name) + "] (or > [!编者注] for an editor's note), the lines of the note each starting with >"
	case "youtube", "vimeo", "tweet", "x", "instagram", "gist", "bilibili":
		return "link to it instead, [title](https://…): the handbook shows nothing fetched from other sites"
	case "param", "site", "siteparam":
		return "write the value itself"
	}
	return "write what it stands for in Markdown (a note to readers: a blockquote starting with [!编者注]), or remove it"
}

// A table cell of a few characters (class "nowrap", set by
// markCJKPunctuation's walk over the cell's text) stays on one line: on a
// phone the browser otherwise narrows its column until "60分" breaks
// between the figure and its unit. cellLength adds a text of the cell to
// its length, a space making it too long to keep whole.
func cellLength(runes int, v []byte) int {
	if bytes.ContainsAny(v, " \t") {
		runes = shortCell + 1
	}
	return runes + utf8.RuneCount(v)
}

// shortCell is the most characters a cell kept on one line holds.
const shortCell = 6

// DirectiveAttrs are the attributes of a payout directive, the inputs
// the build gives the calculator to check the example after it.
var DirectiveAttrs = []string{"role", "score", "base", "dept"}

// directiveField is one word of a directive comment and where it is.
type directiveField struct {
	text string
	off  int // body offset
}

// commentFields splits an HTML comment block into its words, with their
// body offsets, without the "<!--" and "-->" around them; false when the
// block is no comment.
func commentFields(n *ast.HTMLBlock, body []byte) ([]directiveField, bool) {
	var fields []directiveField
	segs := n.Lines().Sliced(0, n.Lines().Len())
	if n.HasClosure() {
		// A comment over lines keeps its last line apart: its attributes
		// (dept=exceeded -->) were lost, the example checked without them.
		segs = append(segs, n.ClosureLine)
	}
	for _, seg := range segs {
		v := seg.Value(body)
		for j := 0; j < len(v); {
			if c := v[j]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
				j++
				continue
			}
			k := j
			for k < len(v) && v[k] != ' ' && v[k] != '\t' && v[k] != '\r' && v[k] != '\n' {
				k++
			}
			fields = append(fields, directiveField{string(v[j:k]), seg.Start + j})
			j = k
		}
	}
	if len(fields) == 0 || !strings.HasPrefix(fields[0].text, "<!--") {
		return nil, false
	}
	fields[0].text = fields[0].text[len("<!--"):]
	fields[0].off += len("<!--")
	last := &fields[len(fields)-1]
	last.text = strings.TrimSuffix(last.text, "-->")
	return slices.DeleteFunc(fields, func(f directiveField) bool { return f.text == "" }), true
}

// directive records a <!-- payout … --> comment and the example after it.
// A comment that looks like one and is not (<!-- payot … -->) is warned
// of: the example after it went unchecked without a word. An attribute
// given twice is an error, and the example is not checked (which value
// it means is the author's to say: the last one was used, and each
// figure of a correct example called wrong); one the check does not read
// is warned of.
func (d *Doc) directive(n *ast.HTMLBlock, body []byte, errs *diag.List) {
	if n.Lines().Len() == 0 {
		return
	}
	fields, ok := commentFields(n, body)
	if !ok || len(fields) == 0 {
		return
	}
	if !commentClosed(n, body) {
		d.unclosedComment(n, body, fields, errs)
		return
	}
	if fields[0].text != "payout" {
		if !d.quiet && looksLikeDirective(fields) {
			w := diag.At(d.File, d.src, d.pos(fields[0].off), "this comment looks like a payout directive but is not one (it does not start with the word payout), so the example after it is not checked",
				"write it as <!-- payout role=sales score=88 base=3000 dept=exceeded -->, the word payout first, in lower case")
			w.Severity = diag.Warning
			errs.Add(w)
		}
		return
	}
	n.SetAttributeString("directive", []byte("payout"))
	ex := Example{Attrs: map[string]string{}}
	at := map[string]directiveField{}
	twice := false
	var unknown []directiveField
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f.text, "=")
		if !ok {
			errs.Add(diag.At(d.File, d.src, d.pos(f.off), "payout directive field "+strconv.Quote(f.text)+" is not key=value",
				"write it like <!-- payout role=sales score=88 base=3000 dept=exceeded -->"))
			continue
		}
		if first, ok := at[k]; ok {
			twice = true
			errs.Add(diag.At(d.File, d.src, d.pos(f.off), "payout directive gives "+k+" twice ("+first.text+", then "+f.text+"), so which one the example means is unclear; the example is not checked",
				"keep one "+k+"=…, the one the example's text uses, and remove the other"))
			continue
		}
		at[k] = f
		if !slices.Contains(DirectiveAttrs, k) {
			unknown = append(unknown, f)
		}
		ex.Attrs[k] = v
	}
	// The example's score and base are the directive's to give: without
	// one, it cannot be checked. Said at the directive, naming what stands
	// in its place (scroe=88): it was said at the example's figures, as a
	// figure to correct in the text.
	var missing []string
	incomplete := false
	for _, a := range []string{"score", "base"} {
		if _, ok := at[a]; ok {
			continue
		}
		incomplete = true
		i := slices.IndexFunc(unknown, func(f directiveField) bool { k, _, _ := strings.Cut(f.text, "="); return meantAttr(k) == a })
		if i < 0 {
			missing = append(missing, a)
			continue
		}
		k, v, _ := strings.Cut(unknown[i].text, "=")
		errs.Add(diag.At(d.File, d.src, d.pos(unknown[i].off), "payout directive attribute "+strconv.Quote(k)+" is not one the check reads, and the directive has no "+a+"=…, so the example after it is not checked",
			"write "+a+"="+v))
		unknown = slices.Delete(unknown, i, i+1)
	}
	if len(missing) > 0 {
		errs.Add(diag.At(d.File, d.src, d.pos(fields[0].off), "payout directive has no "+strings.Join(missing, "=… or ")+"=…, so the example after it is not checked",
			"give the example's inputs, as in <!-- payout role=sales score=88 base=3000 dept=exceeded -->"))
	}
	if !d.quiet {
		for _, f := range unknown {
			k, v, _ := strings.Cut(f.text, "=")
			hint := "the attributes are " + strings.Join(DirectiveAttrs, ", ") + "; remove " + f.text + " or correct its name"
			if a := meantAttr(k); a != "" {
				hint = "write " + a + "=" + v + " (the attributes are " + strings.Join(DirectiveAttrs, ", ") + ")"
			}
			w := diag.At(d.File, d.src, d.pos(f.off), "payout directive attribute "+strconv.Quote(k)+" is not one the check reads, so it is ignored", hint)
			w.Severity = diag.Warning
			errs.Add(w)
		}
	}
	next := n.NextSibling()
	if next == nil || next.Type() != ast.TypeBlock || next.Lines().Len() == 0 {
		errs.Add(diag.At(d.File, d.src, d.pos(n.Lines().At(0).Start), "payout directive is not followed by the example it checks",
			"put the example's text on the line right after the directive"))
		return
	}
	if twice || incomplete {
		return
	}
	ex.block = next
	ex.Text = plainText(next, body)
	first := next.Lines().At(0)
	ex.Offset = d.pos(first.Start)
	if li, ok := n.Parent().(*ast.ListItem); ok {
		if v := idOf(li); v != nil {
			ex.Clause = string(v)
		}
	}
	d.Examples = append(d.Examples, ex)
}

// commentClosed reports whether a comment block ends with -->, on its
// first line or on the one goldmark closed it at. One that does not runs
// on, as CommonMark reads it, to the end of its list item, quotation or
// page, everything in between hidden from readers.
func commentClosed(n *ast.HTMLBlock, body []byte) bool {
	if n.HasClosure() {
		return true
	}
	seg := n.Lines().At(0)
	first := seg.Value(body)
	i := bytes.Index(first, []byte("<!--"))
	return i >= 0 && bytes.Contains(first[i+len("<!--"):], []byte("-->"))
}

// unclosedComment reports a comment without its -->. A payout directive's
// is an error, said once at the directive: its example was hidden in the
// comment, and the directive's words were read on into the example's
// text, each reported as a field that is not key=value, one (举例:…=924元)
// as an attribute to remove, and the directive as followed by no
// example. Any other comment is warned of: the text after it is gone
// from the page without a word.
func (d *Doc) unclosedComment(n *ast.HTMLBlock, body []byte, fields []directiveField, errs *diag.List) {
	d.hidesText = true
	directive := fields[0].text == "payout" || looksLikeDirective(fields)
	if d.quiet && !directive {
		return
	}
	within := "the end of the page"
	switch n.Parent().(type) {
	case *ast.ListItem:
		within = "the end of its list item"
	case *ast.Blockquote:
		within = "the end of its quotation"
	}
	seg := n.Lines().At(0)
	line := seg.Value(body)
	at := d.pos(seg.Start + max(0, bytes.Index(line, []byte("<!--"))))
	if directive {
		errs.Add(diag.At(d.File, d.src, at, "this payout directive's comment is not closed: it has no -->, so the comment runs on to "+within+", hiding the example after it from readers and from the check",
			"end it with --> on its line: "+string(bytes.TrimSpace(line))+" -->"))
		return
	}
	w := diag.At(d.File, d.src, at, "this comment is not closed: it has no -->, so it runs on to "+within+", and readers see none of the text after it",
		"end the comment with -->")
	w.Severity = diag.Warning
	errs.Add(w)
}

// meantAttr is the directive attribute an unknown one is a slip for (scroe
// for score, Base for base), or "".
func meantAttr(k string) string {
	k = strings.ToLower(k)
	for _, a := range DirectiveAttrs {
		if nearName(k, a) || k == a {
			return a
		}
	}
	return ""
}

// looksLikeDirective reports whether a comment's words (not starting
// with "payout") look like a payout directive: payout written otherwise
// (Payout, payout:), a first word a letter or two off it (payot) before
// key=value words, or two of the directive's attributes (a directive
// without its first word). "<!-- layout: wide -->" is not one.
func looksLikeDirective(fields []directiveField) bool {
	attrs, pairs := 0, 0
	for _, f := range fields[1:] {
		if k, _, ok := strings.Cut(f.text, "="); ok {
			pairs++
			if slices.Contains(DirectiveAttrs, strings.ToLower(k)) {
				attrs++
			}
		}
	}
	if k, _, ok := strings.Cut(fields[0].text, "="); ok && slices.Contains(DirectiveAttrs, strings.ToLower(k)) {
		attrs++
	}
	w := strings.ToLower(strings.TrimRight(fields[0].text, ":：,，"))
	near := nearName(w, "payout") || len(w) >= 5 && editdist.Levenshtein(w, "payout") <= 2
	return w == "payout" || near && pairs > 0 || attrs >= 2
}

// isTOCMarker reports whether a paragraph is a table of contents marker,
// Typora's "[TOC]" (GitLab's "[[_TOC_]]"): the page shows its outline
// beside it, and the marker is left out rather than shown as text.
func isTOCMarker(p *ast.Paragraph, body []byte) bool {
	if p.Lines().Len() != 1 {
		return false
	}
	seg := p.Lines().At(0)
	s := strings.TrimSpace(string(seg.Value(body)))
	return strings.EqualFold(s, "[toc]") || s == "[[_TOC_]]"
}

// placeholderName reports whether a paragraph is exactly "{{name}}".
func placeholderName(p *ast.Paragraph, body []byte) (string, bool) {
	if p.Lines().Len() != 1 {
		return "", false
	}
	seg := p.Lines().At(0)
	s := strings.TrimSpace(string(seg.Value(body)))
	if strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}") {
		name := strings.TrimSpace(s[2 : len(s)-2])
		if name != "" && !strings.ContainsAny(name, " {}") {
			return name, true
		}
	}
	return "", false
}

// warnUnclosedFence warns of a code fence that is never closed.
// CommonMark lets it run to the end of its list item, quotation or page,
// so a forgotten closing ``` silently turned the rest of a chapter into
// code: every later heading, table and clause shown as raw Markdown and
// gone from the outline. The fence is closed when the line after its code
// is a run of at least as many of the same character (after any ">" of a
// quotation and the indentation), as CommonMark closes it.
func (d *Doc) warnUnclosedFence(n *ast.FencedCodeBlock, body []byte, errs *diag.List) {
	// The opening line: the one holding the info string, else the line
	// before the first line of code. An empty fence without an info
	// string (```, then ``` or nothing) leaves nothing to find it by.
	var at int
	switch {
	case n.Info != nil:
		at = n.Info.Segment.Start
	case n.Lines().Len() > 0:
		// The end of the line before the code's (whose segment starts
		// after any indentation or ">").
		at = bytes.LastIndexByte(body[:n.Lines().At(0).Start], '\n')
		if at < 0 {
			return
		}
	default:
		return
	}
	open := bytes.LastIndexByte(body[:at], '\n') + 1
	line := body[open:at]
	i := bytes.IndexAny(line, "`~")
	if i < 0 {
		return
	}
	ch, width := line[i], 0
	for i+width < len(line) && line[i+width] == ch {
		width++
	}
	if width < 3 {
		return
	}
	end := at
	if n.Lines().Len() > 0 {
		end = n.Lines().At(n.Lines().Len() - 1).Stop
	} else if k := bytes.IndexByte(body[at:], '\n'); k >= 0 {
		end = at + k + 1
	} else {
		end = len(body)
	}
	next := body[end:]
	if k := bytes.IndexByte(next, '\n'); k >= 0 {
		next = next[:k]
	}
	next = bytes.TrimLeft(next, " \t>")
	run := 0
	for run < len(next) && next[run] == ch {
		run++
	}
	if run >= width && len(bytes.TrimSpace(next[run:])) == 0 {
		return
	}
	fence := strings.Repeat(string(ch), width)
	what := "everything after it on the page"
	if end < len(bytes.TrimRight(body, " \t\r\n")) {
		what = "the rest of its list item or quotation"
	}
	w := diag.At(d.File, d.src, d.pos(open+i), "the code block opened with "+fence+" here is never closed, so "+what+" shows as code",
		"put a line of "+fence+" after the block's last line of code")
	w.Severity = diag.Warning
	errs.Add(w)
}

// warnExtraCells warns of a table row with more cells than the table has
// columns (its header and |---| line): GFM drops the extra cells, so a
// cell added to one row, or a "|" meant as text, silently took text out
// of the handbook. Cells are counted as goldmark splits them: at every
// "|" not escaped as "\|", in code too.
func (d *Doc) warnExtraCells(n *east.TableRow, body []byte, errs *diag.List) {
	pos := n.Pos()
	if pos < 0 || pos >= len(body) {
		return
	}
	line := body[pos:]
	if k := bytes.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	line = bytes.TrimSpace(line)
	line = bytes.TrimPrefix(line, []byte("|"))
	if len(line) > 0 && line[len(line)-1] == '|' && (len(line) < 2 || line[len(line)-2] != '\\') {
		line = line[:len(line)-1]
	}
	cells, from := 1, 0
	var starts []int
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			cells++
			starts = append(starts, i+1)
		}
	}
	cols := len(n.Alignments)
	if cols == 0 || cells <= cols {
		return
	}
	from = starts[cols-1]
	lost := strings.TrimSpace(string(line[from:]))
	if r := []rune(lost); len(r) > 30 {
		lost = string(r[:30]) + "…"
	}
	w := diag.At(d.File, d.src, d.pos(pos), "this table row has "+strconv.Itoa(cells)+" cells but the table has "+strconv.Itoa(cols)+
		" columns, so the page leaves out "+strconv.Quote(lost),
		"add the column to the header row and its |---| line, or put the text in one of the row's cells (a | that is text is written \\|)")
	w.Severity = diag.Warning
	errs.Add(w)
}

// tableCells splits a table row's line into its cells as goldmark's table
// extension does: the | at either end dropped, a \| kept as text.
func tableCells(line []byte) []string {
	line = bytes.TrimSpace(line)
	line = bytes.TrimPrefix(line, []byte("|"))
	if len(line) > 0 && line[len(line)-1] == '|' && (len(line) < 2 || line[len(line)-2] != '\\') {
		line = line[:len(line)-1]
	}
	var cells []string
	from := 0
	for i := 0; i <= len(line); i++ {
		if i == len(line) || line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			cells = append(cells, strings.TrimSpace(string(line[from:i])))
			from = i + 1
		}
	}
	return cells
}

// reDelimCell is one column of a table's |---| line.
var reDelimCell = regexp.MustCompile(`^\s*:?-+:?\s*$`)

// delimColumns is how many columns a table's |---| line gives, as
// goldmark's table extension reads it, or 0 when the line is no such line.
func delimColumns(line []byte) int {
	t := bytes.TrimSpace(line)
	if !bytes.ContainsRune(t, '-') || len(bytes.Trim(t, "-")) == 0 {
		return 0 // --- alone is a rule or a heading's underline
	}
	cols := bytes.Split(t, []byte("|"))
	if len(cols) > 0 && len(bytes.TrimSpace(cols[0])) == 0 {
		cols = cols[1:]
	}
	if len(cols) > 0 && len(bytes.TrimSpace(cols[len(cols)-1])) == 0 {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		if !reDelimCell.Match(c) {
			return 0
		}
	}
	return len(cols)
}

// warnUnmadeTable warns of a paragraph that is a table written with a
// |---| line of fewer columns than its header row: goldmark
// makes no table of it, and the page showed its lines run together as
// text, pipes and dashes included, without a word. A paragraph that
// only holds a | in its text has no |---| line under it, and is not one.
func (d *Doc) warnUnmadeTable(n *ast.Paragraph, body []byte, errs *diag.List) {
	lines := n.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(body)
		cols := delimColumns(v)
		hseg := lines.At(i - 1)
		header := hseg.Value(body)
		if cols == 0 || !bytes.ContainsRune(header, '|') && !bytes.ContainsRune(v, '|') {
			continue
		}
		heads := tableCells(header)
		if len(heads) == cols {
			continue
		}
		headers := "headers"
		if len(heads) == 1 {
			headers = "header"
		}
		columns := "columns"
		if cols == 1 {
			columns = "column"
		}
		at := seg.Start + len(v) - len(bytes.TrimLeft(v, " \t"))
		w := diag.At(d.File, d.src, d.pos(at), "this looks like a table, but its |---| line has "+strconv.Itoa(cols)+" "+columns+" for "+strconv.Itoa(len(heads))+" "+headers+
			" ("+strings.Join(heads, ", ")+"), so it is no table: the page shows its lines as one paragraph, | and --- included",
			"give the |---| line one --- for each of the header row's cells: |"+strings.Repeat(" --- |", len(heads)))
		w.Severity = diag.Warning
		errs.Add(w)
		return
	}
}

// warnSwallowedLine warns of a line of text right under a table: without
// a blank line between them, GFM reads it as one more row, and the page
// showed the paragraph as the table's last row, its text in the first
// cell. A row without any | is such a line (every row written as a row
// has one); only the first is said, the lines after it being the same
// paragraph.
func (d *Doc) warnSwallowedLine(n *east.Table, body []byte, errs *diag.List) {
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row, ok := r.(*east.TableRow)
		if !ok {
			continue
		}
		pos := row.Pos()
		if pos < 0 || pos >= len(body) {
			continue
		}
		line := body[pos:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if bytes.ContainsRune(line, '|') {
			continue
		}
		at := pos + len(line) - len(bytes.TrimLeft(line, " \t"))
		text := strings.TrimSpace(string(line))
		if r := []rune(text); len(r) > 20 {
			text = string(r[:20]) + "…"
		}
		w := diag.At(d.File, d.src, d.pos(at), "the table runs on into this line, "+strconv.Quote(text)+": with no blank line after the table, the page shows it as one more row of the table",
			"leave a blank line between the table's last row and this line (a row meant for the table is written between |s: | "+text+" |)")
		w.Severity = diag.Warning
		errs.Add(w)
		return
	}
}

// warnRenumbered warns of a numbered list whose items are written with
// numbers the page does not show: Markdown numbers items in order from
// the first one's number, so an item written "4." after "2." shows as
// 3 — a clause number in the page (and its link, #….3) that the source
// text does not have. A list written 1. 1. 1. (numbered by Markdown on
// purpose) is fine.
func (d *Doc) warnRenumbered(l *ast.List, body []byte, errs *diag.List) {
	var written []int
	var at []int
	delim := "."
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		c := it.FirstChild()
		if c == nil || c.Type() != ast.TypeBlock || c.Lines().Len() == 0 {
			return // an item with no text on its first line: not read
		}
		start := c.Lines().At(0).Start
		ls := bytes.LastIndexByte(body[:start], '\n') + 1
		prefix := body[ls:start]
		end := bytes.LastIndexAny(prefix, ".)")
		if end < 0 {
			return
		}
		i := end
		for i > 0 && prefix[i-1] >= '0' && prefix[i-1] <= '9' {
			i--
		}
		num, err := strconv.Atoi(string(prefix[i:end]))
		if err != nil {
			return
		}
		written = append(written, num)
		at = append(at, ls+i)
		delim = string(prefix[end])
	}
	same := true
	for _, w := range written {
		same = same && w == written[0]
	}
	if same {
		return
	}
	for k, w := range written {
		if shown := l.Start + k; w != shown {
			e := diag.At(d.File, d.src, d.pos(at[k]), "this item is written "+strconv.Itoa(w)+delim+" but the page shows it as "+strconv.Itoa(shown)+
				": Markdown numbers a list's items in order from its first ("+strconv.Itoa(l.Start)+delim+")",
				"renumber the list so the text and the page agree (clause links follow the number shown), or start a new list with a line of text between")
			e.Severity = diag.Warning
			errs.Add(e)
			return
		}
	}
}

// blockStart is the body offset of a block's first line (or of its first
// child's, for containers such as list items).
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

// isWiki reports whether n is a wiki link or image not yet recorded.
func isWiki(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Link:
		return bytes.HasPrefix(n.Destination, []byte(wikiScheme))
	case *ast.Image:
		return bytes.HasPrefix(n.Destination, []byte(wikiScheme))
	}
	return false
}

// inlineStart is the body offset of an inline node: that of its first text,
// less one for the "[" or "![" that opens a link.
func inlineStart(n ast.Node, body []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			s := t.Segment.Start
			for s > 0 && body[s-1] != '[' {
				s--
			}
			if s > 1 && body[s-2] == '[' && isWiki(n) {
				s-- // [[note]]: from its first bracket
			}
			if s > 0 {
				s--
			}
			if s > 0 && body[s-1] == '!' {
				s--
			}
			return s
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// plainText is what a reader sees of a node: its text with markup gone.
func plainText(n ast.Node, body []byte) string { return plainTextAs(n, body, true) }

// plainTextAs is plainText, with HTML entities (&nbsp;, &yen;, &#20013;)
// read as the characters the page shows when entities is set: a search
// snippet showed "&yen;100" where the page shows "¥100". Code keeps them.
func plainTextAs(n ast.Node, body []byte, entities bool) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(body)
				if entities && !c.IsRaw() && bytes.IndexByte(v, '&') >= 0 && bytes.IndexByte(v, '\\') < 0 {
					v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
				} else {
					v = unescape(v)
				}
				b.Write(v)
				if c.HardLineBreak() || c.SoftLineBreak() && !breakJoins(c, v, body) {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c)
			case *ast.AutoLink:
				// A bare address is its own text (it has no children).
				b.Write(c.Label(body))
			case *ast.RawHTML, *ast.HTMLBlock:
			default:
				if c.Type() == ast.TypeBlock && b.Len() > 0 {
					b.WriteByte(' ')
				}
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// unescape drops Markdown backslash escapes from a text segment.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]) {
			i++
		}
		out = append(out, v[i])
	}
	return out
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// Clauses lists the page's headings and numbered items with their text, for
// the search index: the text as written, without the notes the build adds
// (the index puts those where they are shown).
func (d *Doc) Clauses() []Clause {
	if d.clauses != nil {
		return d.clauses
	}
	if d.root == nil {
		// Parsed again, without the edits a rendering replays: with them,
		// a page whose clauses were not kept (one from the build cache)
		// had each editor's note in its clause's text, and the index, which
		// adds the notes itself, held them twice.
		bare, _ := d.eng.parse(d.File, d.src, d.off, true)
		return bare.Clauses()
	}
	body := d.src[d.off:]
	var out []Clause
	var cur *Clause
	var b strings.Builder
	var notes []int32
	flush := func() {
		if cur != nil {
			// A copy of exactly its size: the builder's spare capacity
			// would otherwise stay alive with every clause.
			text := b.String()
			lead := len(text) - len(strings.TrimLeft(text, " \t\n"))
			cur.Text = strings.Clone(strings.TrimSpace(text))
			for i := range notes {
				notes[i] = min(max(notes[i]-int32(lead), 0), int32(len(cur.Text)))
			}
			if len(notes) > 0 {
				cur.Notes = notes
			}
			out = append(out, *cur)
		}
		notes = nil
		b.Reset()
	}
	// An item is named by its heading and, under a sub-heading, the
	// section above it: "B、内勤 · 职位责任 第2条".
	headingText := ""
	var parents [7]string
	for c := d.root.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			flush()
			v := idOf(h)
			text := plainText(h, body)
			parents[h.Level] = strings.TrimRight(text, ":：")
			for l := h.Level + 1; l < len(parents); l++ {
				parents[l] = ""
			}
			headingText = ""
			for l := 2; l <= h.Level; l++ {
				if parents[l] != "" {
					if headingText != "" {
						headingText += " · "
					}
					headingText += parents[l]
				}
			}
			cur = &Clause{ID: string(v), Heading: strings.Clone(text), Level: h.Level}
			continue
		}
		if l, ok := c.(*ast.List); ok && l.IsOrdered() {
			prefix := ""
			if headingText != "" {
				prefix = headingText + " "
			}
			out = appendItems(out, l, prefix, "条", body)
			continue
		}
		if cur == nil {
			cur = &Clause{Level: 0}
		}
		t := plainText(c, body)
		if _, note := c.(*Note); note {
			notes = append(notes, int32(b.Len()), int32(b.Len()+len(t)))
		}
		b.WriteString(t)
		b.WriteByte(' ')
	}
	flush()
	// Kept for the life of the build: no spare capacity.
	return append([]Clause(nil), out...)
}

// appendItems adds the numbered items of an ordered list as clauses,
// named "heading 第n条" (heading is "" or ends in a space): each item's own text, then the items of the
// numbered lists it holds, which have IDs of their own (人员的培训.2.1), as
// clauses named after it, "heading 第2条第1项" (第…目 below): a search
// for what one of them says lands on it, showing its words.
func appendItems(out []Clause, l *ast.List, heading, unit string, body []byte) []Clause {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		v := idOf(it)
		if v == nil {
			continue
		}
		id := string(v)
		name := heading + "第" + id[strings.LastIndexByte(id, '.')+1:] + unit
		var b strings.Builder
		var nested []*ast.List
		var notes []int32
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok && sub.IsOrdered() && sub.FirstChild() != nil && idOf(sub.FirstChild()) != nil {
				nested = append(nested, sub)
				continue
			}
			if t := plainText(c, body); t != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				if _, note := c.(*Note); note {
					notes = append(notes, int32(b.Len()), int32(b.Len()+len(t)))
				}
				b.WriteString(t)
			}
		}
		out = append(out, Clause{ID: id, Heading: strings.TrimSpace(name), Level: 7, Text: strings.Clone(b.String()), Notes: notes})
		for _, sub := range nested {
			next := "项"
			if unit != "条" {
				next = "目"
			}
			out = appendItems(out, sub, name, next, body)
		}
	}
	return out
}

// markCJKPunctuation decides, paragraph by paragraph, which ASCII
// punctuation marks stand in Chinese text and should print full-width
// (",;:?!()" next to a Chinese character). The source is left as written;
// only what the reader sees changes. A ")" closes as full-width when its
// "(" did, so brackets always match. In the same walk it marks short
// table cells (see cellLength).
func markCJKPunctuation(root ast.Node, body []byte) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell, *east.DefinitionTerm:
		default:
			return ast.WalkContinue, nil
		}
		// The texts to typeset are outside code; a table cell's length
		// (cellLength) counts its code too.
		cell, isCell := n.(*east.TableCell)
		var texts []*ast.Text
		inCode, runes := 0, 0
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			switch c := c.(type) {
			case *ast.CodeSpan:
				if !isCell {
					return ast.WalkSkipChildren, nil
				}
				if entering {
					inCode++
				} else {
					inCode--
				}
			case *ast.Text:
				if !entering {
					break
				}
				if inCode == 0 {
					texts = append(texts, c)
				}
				if isCell {
					runes = cellLength(runes, c.Segment.Value(body))
				}
			}
			return ast.WalkContinue, nil
		})
		if isCell && runes > 0 && runes <= shortCell {
			cell.SetAttributeString("class", []byte("nowrap"))
		}
		var opened []bool
		var prevOut []byte // the text before, as typeset
		for i, t := range texts {
			v := t.Segment.Value(body)
			pv := prevOut
			prevOut = v
			if !bytes.ContainsAny(v, ",;:?!()") {
				continue
			}
			var prevRune, nextRune rune
			if i > 0 {
				// Typeset: "考评:" then "(60分)" in two texts sees "：".
				prevRune, _ = utf8.DecodeLastRune(pv)
			}
			if i+1 < len(texts) {
				nextRune, _ = utf8.DecodeRune(texts[i+1].Segment.Value(body))
			}
			out, changed := typesetRunes(v, prevRune, nextRune, &opened)
			if changed {
				t.SetAttributeString("cjk", out)
				prevOut = out
			}
		}
		return ast.WalkContinue, nil
	})
}

// openingQuote is the opening mark of a closing quotation mark, or 0.
func openingQuote(r rune) rune {
	switch r {
	case '”':
		return '“'
	case '’':
		return '‘'
	}
	return 0
}

func isURLColon(v []byte, j int) bool {
	return bytes.HasPrefix(v[j:], []byte("//"))
}

// isCJK reports whether r is a Chinese character or Chinese punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF ||
		r == '—' || r == '…' || r == '℅'
}

// typesetRunes turns the ASCII punctuation of v that stands next to Chinese
// into its full-width form. prevRune and nextRune are the characters just
// outside v; opened carries the open brackets across calls, so a ")"
// matches its "(".
func typesetRunes(v []byte, prevRune, nextRune rune, opened *[]bool) (out []byte, changed bool) {
	out = make([]byte, 0, len(v)+16)
	for j := 0; j < len(v); {
		r, size := utf8.DecodeRune(v[j:])
		// The character before is taken from what is already typeset, so
		// "考评:(60分)" sees the colon as "：" and its bracket goes wide too.
		before, after := prevRune, nextRune
		if len(out) > 0 {
			before, _ = utf8.DecodeLastRune(out)
		}
		if j+size < len(v) {
			after, _ = utf8.DecodeRune(v[j+size:])
		}
		// After a quotation ("原文“::”,2026.1 勘误"), what counts is what
		// stands before the quotation: Chinese there makes the comma wide.
		if open := openingQuote(before); open != 0 {
			if k := bytes.LastIndex(out, []byte(string(open))); k >= 0 {
				before = prevRune
				if k > 0 {
					before, _ = utf8.DecodeLastRune(out[:k])
				}
			}
		}
		wide := isCJK(before) || isCJK(after)
		escaped := j > 0 && v[j-1] == '\\'
		switch {
		case escaped:
		case r == '(':
			*opened = append(*opened, wide)
			if wide {
				r = '\uFF08' // （
			}
		case r == ')':
			if len(*opened) > 0 {
				wide = (*opened)[len(*opened)-1]
				*opened = (*opened)[:len(*opened)-1]
			}
			if wide {
				r = '\uFF09' // ）
			}
		case wide && r == ',':
			r = '\uFF0C' // ，
		case wide && r == ';' && !inEntity(out):
			r = '\uFF1B' // ；
		case wide && r == ':' && !isURLColon(v, j):
			r = '\uFF1A' // ：
		case wide && r == '?':
			r = '\uFF1F' // ？
		case wide && r == '!' && after != '[':
			r = '\uFF01' // ！
		}
		changed = changed || size == 1 && r != rune(v[j])
		out = utf8.AppendRune(out, r)
		j += size
	}
	return out, changed
}

// inEntity reports whether out ends with the start of an HTML entity
// (&nbsp, &#20013, &#x4E2D), whose ; is no punctuation: made ；, it
// left "&nbsp；" on the page, the entity no longer read.
func inEntity(out []byte) bool {
	i := len(out)
	for i > 0 && len(out)-i < 32 {
		c := out[i-1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			i--
			continue
		}
		break
	}
	if i == len(out) {
		return false
	}
	if i > 0 && out[i-1] == '#' {
		i--
	} else if i > 1 && (out[i-1] == 'x' || out[i-1] == 'X') && out[i-2] == '#' {
		i -= 2
	}
	return i > 0 && out[i-1] == '&'
}

// Typeset gives plain text (an editor's note from the rules file) the
// full-width punctuation of Chinese text, as Markdown text gets when
// rendered.
func Typeset(s string) string {
	if !strings.ContainsAny(s, ",;:?!()") {
		return s // nothing typesetRunes would change
	}
	var opened []bool
	out, changed := typesetRunes([]byte(s), 0, 0, &opened)
	if !changed {
		return s // most text is typeset already: no copy
	}
	return string(out)
}
