package markdown

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Obsidian (and Typora with its wiki link setting) links notes by name:
// [[考勤制度]], [[考勤制度#迟到与早退|迟到]], [[制度/考勤制度]], and
// shows files in place: ![[截图 1.png]], ![[截图 1.png|300]]. A wiki link
// is a Link of kind LinkWiki whose Dest is "name#heading" as written; the
// build finds the page or file by its name anywhere in the tree, as
// Obsidian does, and the heading by its text.

// wikiScheme marks, in a parsed node's destination, a wiki link;
// wikiEmbedScheme, a note shown in place (![[note]]), which becomes a
// link to it. newLink takes the mark off.
const (
	wikiScheme      = "obsidian-wiki:"
	wikiEmbedScheme = "obsidian-wiki-embed:"
)

// imageExts are the files ![[…]] shows as images; any other file (a PDF
// form, a spreadsheet) is a link to it, as a browser cannot show it in
// an <img>.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".bmp": true, ".avif": true}

// wikiParser reads [[…]] and ![[…]] on one line. It runs before
// goldmark's link parser, and leaves to it anything else starting with
// "[" or "!", and "[[x]](url)", a link whose text is in brackets.
type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'[', '!'} }

func (wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	embed := len(line) > 0 && line[0] == '!'
	open := 2
	if embed {
		open = 3
	}
	if len(line) < open+3 || !bytes.HasPrefix(line[open-2:], []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[open:], []byte("]]"))
	if end <= 0 {
		return nil
	}
	inner := line[open : open+end]
	after := open + end + 2
	if bytes.ContainsAny(inner, "[]\n") || after < len(line) && line[after] == '(' {
		return nil
	}
	// The target, then an alias after "|" ("\|" inside a table cell).
	target, alias := inner, []byte(nil)
	aliasAt := -1
	if k := bytes.IndexByte(inner, '|'); k >= 0 {
		target, alias = inner[:k], inner[k+1:]
		aliasAt = open + k + 1
		target = bytes.TrimSuffix(target, []byte(`\`))
	}
	name := strings.TrimSpace(string(target))
	if strings.Trim(name, "#") == "" && !strings.HasPrefix(name, "#") {
		return nil
	}
	start := seg.Start
	textSeg := func(from, to int) *ast.Text {
		return ast.NewTextSegment(text.NewSegment(start+from, start+to))
	}
	block.Advance(after)

	file, _, _ := strings.Cut(name, "#")
	ext := strings.ToLower(path.Ext(file))
	if embed && imageExts[ext] {
		// A file shown in place: an image, with its width after "|".
		img := ast.NewImage(ast.NewLink())
		img.Destination = []byte(wikiScheme + name)
		img.AppendChild(img, textSeg(open, open+len(target)))
		if w := strings.TrimSpace(string(alias)); w != "" {
			wd, _, _ := strings.Cut(w, "x") // 300 or 300x200
			if _, err := strconv.Atoi(wd); err == nil {
				img.SetAttributeString("width", []byte(wd))
			} else {
				img.FirstChild().(*ast.Text).Segment = text.NewSegment(start+aliasAt, start+aliasAt+len(alias))
			}
		}
		return img
	}
	link := ast.NewLink()
	scheme := wikiScheme
	if embed && (ext == "" || ext == ".md" || ext == ".markdown") {
		scheme = wikiEmbedScheme // a note shown in place
	}
	link.Destination = []byte(scheme + name)
	switch {
	case aliasAt >= 0 && len(bytes.TrimSpace(alias)) > 0:
		link.AppendChild(link, textSeg(aliasAt, aliasAt+len(alias)))
	case strings.Contains(name, "#"):
		// [[note#heading]] reads "note › heading", as Obsidian shows it;
		// [[#heading]], the heading.
		i := bytes.IndexByte(target, '#')
		if strings.TrimSpace(string(target[:i])) != "" {
			link.AppendChild(link, textSeg(open, open+i))
			link.AppendChild(link, ast.NewString([]byte(" › ")))
		}
		link.AppendChild(link, textSeg(open+i+1, open+len(target)))
	default:
		link.AppendChild(link, textSeg(open, open+len(target)))
	}
	return link
}
