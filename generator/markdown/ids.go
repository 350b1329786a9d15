package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Slug turns heading text into an ID that keeps Chinese: letters and digits
// of every script stay, whitespace becomes "-", other punctuation goes, and
// ASCII letters are lower-cased. "一、部门职能" → "一部门职能". Unlike
// goldmark's default (which keeps only ASCII and yields "heading"), the ID
// reads like the heading, so a deep link says where it goes.
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || unicode.IsSpace(r):
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// idSet hands out IDs unique within one page. Explicit IDs are claimed first
// (a repeated explicit ID is the author's error); generated ones get a
// numeric suffix, so the first "(二)奖惩办法" keeps the plain ID in every
// revision and later repeats are numbered in order.
type idSet struct {
	used map[string]bool
	// next is, per base, the suffix to try first: IDs are never given
	// back, so the first free suffix only grows, and a page repeating one
	// heading 25,000 times costs linear time, not quadratic.
	next map[string]int
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}, next: map[string]int{}} }

func (s *idSet) unique(base string) string {
	if !s.used[base] {
		s.used[base] = true
		return base
	}
	for i := max(s.next[base], 1); ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !s.used[id] {
			s.used[id] = true
			s.next[base] = i + 1
			return id
		}
	}
}

// givenIDs are the IDs the analysis gives headings and numbered items,
// by node. They hang off the page's document node, in one attribute,
// rather than each off its own node: goldmark makes room for ten
// attributes (400 bytes) in the first one a node gets, and at 10,000
// pages, parsed twice, the IDs' attributes were a tenth of what a build
// allocated. An ID written in the source ({#id}) stays an attribute.
type givenIDs map[ast.Node][]byte

const givenIDsAttr = "handbook-ids"

// giveIDs attaches an empty table of given IDs to root and returns it.
func giveIDs(root ast.Node) givenIDs {
	g := make(givenIDs, 64)
	root.SetAttributeString(givenIDsAttr, g)
	return g
}

// idOf returns the ID of a heading or numbered item: the one given by the
// analysis, or one written in the source; nil if it has none.
func idOf(n ast.Node) []byte {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	// The analysis's IDs are on the document, found by walking up; no
	// node with an ID is more than a few levels down, and walking all the
	// way from every node of a list nested 10,000 deep (20 KB of "- - -")
	// took the render 2 s, 16 s at 20,000 (quadratic).
	root := n
	for k := 0; root.Parent() != nil; k++ {
		if k == maxIDDepth {
			return nil
		}
		root = root.Parent()
	}
	if v, ok := root.AttributeString(givenIDsAttr); ok {
		return v.(givenIDs)[n]
	}
	return nil
}

// maxIDDepth is how far below the document a node the analysis gives an
// ID may be: clause IDs stop at lists 8 deep (in quotes, items, notes).
const maxIDDepth = 256

// writeGivenID writes n's id attribute if the analysis gave it one (an
// ID from the source is among the attributes goldmark writes).
func writeGivenID(w util.BufWriter, n ast.Node) {
	if _, ok := n.AttributeString("id"); ok {
		return
	}
	if id := idOf(n); id != nil {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML(id))
		_ = w.WriteByte('"')
	}
}
