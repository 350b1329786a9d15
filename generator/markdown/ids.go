package markdown

import (
	"strconv"
	"strings"
	"unicode"
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
