package markdown

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"handbook/generator/diag"
)

// checkOutsideImage refuses an image on another site, ![标志](https://
// cdn.example.com/logo.png), in Markdown or an <img> tag: the handbook
// fetches nothing from outside itself, and every page's policy (img-src
// 'self' data:) keeps the browser from loading it, so the reader saw an
// empty frame and the build said nothing. (An image whose address is
// script, "javascript:…", is dropped as goldmark drops it: it never was
// an image.) off is the image's file offset.
func (d *Doc) checkOutsideImage(n *ast.Image, off int, errs *diag.List) {
	// An address on another site has a scheme (a ':') or starts "//";
	// most images are the handbook's own files, not parsed as URLs.
	if bytes.IndexByte(n.Destination, ':') < 0 && !bytes.HasPrefix(n.Destination, []byte("//")) {
		return
	}
	dest := string(n.Destination)
	u, err := url.Parse(dest)
	if err != nil {
		return
	}
	switch u.Scheme {
	case "http", "https", "ftp", "file":
	case "":
		if u.Host == "" && !strings.HasPrefix(dest, "//") {
			return
		}
	default:
		return
	}
	name := path.Base(u.Path)
	if name == "." || name == "/" || !strings.Contains(name, ".") {
		name = "logo.png"
	}
	errs.Add(diag.At(d.File, d.src, off, "image “"+dest+"” is on another site: the handbook fetches nothing from outside itself, so the page would show no image",
		"save the image into the source folder and link the file, e.g. ![…](images/"+name+")"))
}

// Typora writes an image it was asked to resize as raw HTML:
// <img src="assets/image-20240301.png" alt="…" style="zoom:50%;" />.
// Raw HTML is left out unless trusted, and, trusted, its file was never
// published: the image vanished either way. Such a tag, alone in its
// block or inline in a paragraph, is read as the Markdown image it
// stands for (its src, alt, title, width and height; nothing else of
// the tag is kept), so it is checked, published and shown like one.

// htmlImages turns the <img> tags under root into images and returns
// each one's body offset (inlineStart has no "![" to find).
func htmlImages(root ast.Node, body []byte) map[ast.Node]int {
	type swap struct {
		old ast.Node
		img *ast.Image
		off int
	}
	var swaps []swap
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() == 0 {
				break
			}
			var b bytes.Buffer
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(body))
			}
			if img := imgTag(b.Bytes()); img != nil {
				swaps = append(swaps, swap{n, img, lines.At(0).Start})
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				break
			}
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(body))
			}
			if img := imgTag(b.Bytes()); img != nil {
				swaps = append(swaps, swap{n, img, n.Segments.At(0).Start})
			}
		}
		return ast.WalkContinue, nil
	})
	if len(swaps) == 0 {
		return nil
	}
	offs := make(map[ast.Node]int, len(swaps))
	for _, s := range swaps {
		var put ast.Node = s.img
		if s.old.Type() == ast.TypeBlock {
			p := ast.NewParagraph()
			p.AppendChild(p, s.img)
			put = p
		}
		s.old.Parent().ReplaceChild(s.old.Parent(), s.old, put)
		offs[s.img] = s.off
	}
	return offs
}

// imgTag reads b as one <img> tag and returns the image it shows, or nil.
func imgTag(b []byte) *ast.Image {
	s := strings.TrimSpace(string(b))
	if len(s) < 6 || !strings.EqualFold(s[:4], "<img") || s[4] != ' ' && s[4] != '\t' && s[4] != '\n' && s[4] != '/' ||
		!strings.HasSuffix(s, ">") || strings.Count(s, "<") != 1 || strings.Count(s, ">") != 1 {
		return nil
	}
	attrs := tagAttrs(strings.TrimSuffix(strings.TrimSuffix(s[4:], ">"), "/"))
	src := strings.TrimSpace(attrs["src"])
	if src == "" {
		return nil
	}
	img := ast.NewImage(ast.NewLink())
	img.Destination = []byte(src)
	if t := attrs["title"]; t != "" {
		img.Title = []byte(t)
	}
	if alt := attrs["alt"]; alt != "" {
		img.AppendChild(img, ast.NewString([]byte(alt)))
	}
	for _, k := range []string{"width", "height"} {
		if v := strings.TrimSuffix(strings.TrimSpace(attrs[k]), "px"); v != "" {
			if _, err := strconv.Atoi(v); err == nil {
				img.SetAttributeString(k, []byte(v))
			}
		}
	}
	return img
}

// cutValue cuts a value from the start of s: quoted by one of quotes
// (closed says whether its quote is), or bare up to one of ends.
func cutValue(s, quotes, ends string) (val, rest string, closed bool) {
	if s != "" && strings.IndexByte(quotes, s[0]) >= 0 {
		q := strings.IndexByte(s[1:], s[0])
		if q < 0 {
			return "", s, false
		}
		return s[1 : 1+q], s[2+q:], true
	}
	e := strings.IndexAny(s, ends)
	if e < 0 {
		e = len(s)
	}
	return s[:e], s[e:], true
}

// tagAttrs reads the attributes of a tag (after its name): name="value",
// name='value', name=value or name alone, names lower-cased, values with
// their character references read.
func tagAttrs(s string) map[string]string {
	attrs := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t\r\n/")
		if s == "" {
			return attrs
		}
		end := strings.IndexAny(s, " \t\r\n=/")
		if end < 0 {
			end = len(s)
		}
		name := strings.ToLower(s[:end])
		s = strings.TrimLeft(s[end:], " \t\r\n")
		if !strings.HasPrefix(s, "=") {
			attrs[name] = ""
			if end == 0 { // a stray "/" or "=": skip a byte
				s = s[1:]
			}
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\r\n")
		val, rest, closed := cutValue(s, "\"'", " \t\r\n")
		if !closed {
			val, rest = s[1:], "" // an unclosed quote runs to the tag's end
		}
		s = rest
		if name != "" {
			attrs[name] = html.UnescapeString(val)
		}
	}
}
