package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The postings do not depend on how many goroutines indexed the docs.
func TestIndexInPartsIsIndexInOne(t *testing.T) {
	words := strings.Fields("绩效工资 末位淘汰 政府采购 大客户经理 保密 105% 考核 2025.1 工作报告 客户档案 Ａ级 部门")
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []Doc
	for i := range 3000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString("，的")
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/p/%d/", i/10), Heading: words[rng.IntN(len(words))], Text: b.String()})
	}
	one := index(docs, 1)
	oneTerms := termBytes(t, one)
	for _, parts := range []int{2, 3, 7} {
		v := index(docs, parts)
		terms := termBytes(t, v)
		if len(terms) != len(oneTerms) || v.totalLen != one.totalLen {
			t.Fatalf("%d parts: %d terms, length %d; one part: %d terms, length %d", parts, len(terms), v.totalLen, len(oneTerms), one.totalLen)
		}
		for text, want := range oneTerms {
			if got := terms[text]; got != want {
				t.Fatalf("%d parts: term %q differs from one part's", parts, text)
			}
		}
	}
}

// termBytes returns, for each term, its df, postings and positions as
// written to a sink (and as long as lens says).
func termBytes(t *testing.T, v *vocab) map[string]string {
	out := map[string]string{}
	s := newSink()
	read := func() string {
		_, z := s.finish()
		zr, err := gzip.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for g, text := range v.texts {
		s.start(true)
		v.writePostings(s, g, false)
		postings := read()
		s.start(true)
		v.writePositions(s, g, false)
		positions := read()
		if p, q := v.lens(g); p != len(postings) || q != len(positions) {
			t.Fatalf("term %q: lens %d, %d; wrote %d, %d", text, p, q, len(postings), len(positions))
		}
		out[text] = fmt.Sprint(v.df(g), postings, positions)
	}
	return out
}

// appendDoc writes what json.Marshal does, the parent, heading and text
// without their format characters, and docLen tells its length.
func TestAppendDocIsJSON(t *testing.T) {
	strs := []string{"", "a", `"\`, "<a href='x'>&amp;</a>", "\b\f\n\r\t\x00\x1f\x7f", "中文\u2028\u2029段落", "\xff\xfe半\xe4\xb8", "Ａ级 105% 2025.1",
		"\xe0\x80\x80\xed\xa0\x80\xe0\xa4\x85", "—\uffff\ue000\u1000\ucfff", "中\xe4\xb8\x41", "\xe4",
		"绩\u200b效\u00ad工资\ufeff", "\u180e\u1800\ufff9\ufffc\ufefe\U000e0001\u2065x\u2064"}
	// s without its format characters, its invalid bytes kept.
	noFormat := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.Is(unicode.Cf, r) {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
		return b.String()
	}
	for _, a := range strs {
		for _, b := range strs {
			for _, level := range []int{0, 2, -3, 1234567} {
				d := Doc{URL: a, Anchor: b, Chapter: a + b, Parent: a, Heading: b + a, Level: level, Text: a + "。" + b}
				want, err := json.Marshal([]any{d.URL, d.Anchor, d.Chapter, noFormat(d.Parent) + noFormat(d.Heading), d.Level, noFormat(d.Text), utf8.RuneCountInString(noFormat(d.Parent))})
				if err != nil {
					t.Fatal(err)
				}
				if got := appendDoc(nil, &d); !bytes.Equal(got, want) || docLen(&d) != len(want) {
					t.Fatalf("%+v: got %s (docLen %d), want %s", d, got, docLen(&d), want)
				}
			}
		}
	}
}

// A sink's gzip is that of its file written at once, however the file was
// cut into writes: file names are content hashes, and an incremental
// build must name an unchanged file as the full build did.
func TestSinkIndependentOfWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	file := make([]byte, 300<<10)
	for i := range file {
		file[i] = byte(r.IntN(40)) // compressible, as postings are
	}
	for _, huff := range []bool{false, true} {
		level := 1
		if huff {
			level = gzip.HuffmanOnly
		}
		var want bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&want, level)
		zw.Write(file)
		zw.Close()
		s := newSink()
		for try := range 5 {
			s.start(huff)
			for rest := file; len(rest) > 0; {
				n := min(len(rest), 1+r.IntN(3*sinkBuf/(try+1)))
				if try%2 == 0 {
					s.write(rest[:n])
				} else {
					s.writeString(string(rest[:n]))
				}
				rest = rest[n:]
			}
			if sum, z := s.finish(); !bytes.Equal(z, want.Bytes()) || sum != sha256.Sum256(file) {
				t.Fatalf("huffman-only %v, try %d: the sink's gzip or hash differs from the file's written at once", huff, try)
			}
		}
	}
}

// NextHash is nextHash, for the tests that compare it with the browser's.
var NextHash = nextHash

// A posting of a term found twice or more in a clause keeps the characters
// after it, one bit each (nextHash), as the last byte of its posting;
// one of a term found once keeps none.
func TestPostingKeepsTheCharactersAfterARepeatedTerm(t *testing.T) {
	ix := newIndexer()
	ix.add(0, Doc{URL: "/a/", Heading: "档案", Text: "客户档案，客户资料"})
	ix.add(1, Doc{URL: "/a/", Heading: "新客户", Text: "客户"})   // in both, each time last
	ix.add(2, Doc{URL: "/a/", Heading: "名单", Text: "新客户名单"}) // once
	tm := &ix.terms[ix.short[shortKey('客', '户')]]
	if tm.df != 3 {
		t.Fatalf("客户 in %d docs, want 3", tm.df)
	}
	var rows []byte
	for _, c := range tm.buf.c {
		rows = append(rows, c...)
	}
	// Each posting as layout has it: doc delta, flags, the text's offsets
	// (mod 8), the heading's if in it, the next characters if kept.
	var got [][]byte
	for i := 0; i < len(rows); {
		_, n := binary.Uvarint(rows[i:])
		j := i + n + 2
		if rows[i+n]&1 == 1 {
			j++
		}
		if keepsNext(rows[i+n]) {
			j++
		}
		p := slices.Clone(rows[i+n : j])
		p[0] &= 7 // without the length bucket
		got = append(got, p)
		i = j
	}
	want := [][]byte{
		{2 << 1, 1<<0 | 1<<5, 1<<nextHash('档') | 1<<nextHash('资')},
		{1 | 1<<1, 1 << 0, 1 << 1, 0},
		{1 << 1, 1 << 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("postings (without doc deltas and length buckets)\n%08b, want\n%08b", got, want)
	}
	if !keepsNext(2<<1) || !keepsNext(1|1<<1) || keepsNext(1<<1) || keepsNext(1) || keepsNext(0) {
		t.Error("keepsNext: want a byte for twice in the text, or the heading and the text, only")
	}
	// The positions are those of the hits without the characters after.
	var pos []byte
	for _, c := range tm.pos.c {
		pos = append(pos, c...)
	}
	// Doc 0: 2 positions, text 0 and 5 (0<<1, 5<<1: deltas 0, 10); doc
	// 1: heading 1 (1<<1|1 = 3), text 0 (0): sorted 0, 3; doc 2: text 1.
	if want := []byte{2, 0, 10, 2, 0, 3, 1, 2}; !bytes.Equal(pos, want) {
		t.Errorf("positions % d, want % d", pos, want)
	}
}

// A position must fit a hit: the terms of a field past maxField are left
// out, not given a position that wraps around onto the field's start.
func TestTermsPastTheLongestFieldAreLeftOut(t *testing.T) {
	defer func(m int) { maxField = m }(maxField)
	text := "甲乙丙丁戊己庚辛壬癸子丑寅卯"
	for _, tc := range []struct {
		max    int
		doc    Doc
		inside map[string]bool // term → whether the index has it
	}{
		{10, Doc{URL: "/p/", Heading: "标题", Text: text},
			map[string]bool{"甲乙": true, "壬癸": true, "标题": true, "癸子": false, "子丑": false, "寅卯": false}},
		// The heading's parents count in its field.
		{3, Doc{URL: "/p/", Parent: "第六章", Heading: "奖惩办法", Text: text},
			map[string]bool{"第六": true, "六章": true, "甲乙": true, "章奖": false, "奖惩": false, "丙丁": false}},
	} {
		maxField = tc.max
		terms := termBytes(t, index([]Doc{tc.doc}, 1))
		for term, want := range tc.inside {
			if _, ok := terms[term]; ok != want {
				t.Errorf("maxField %d, %+v: %s in the index: %v, want %v", tc.max, tc.doc, term, ok, want)
			}
		}
	}
}

// isFormat is Go's unicode.Cf, written out so that search-core.ts can have
// the same table (Node's \p{Cf} is the same set of code points).
func TestIsFormatIsUnicodeCf(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isFormat(r) != unicode.Is(unicode.Cf, r) {
			t.Errorf("%U: isFormat %v, unicode.Cf %v", r, isFormat(r), !isFormat(r))
		}
	}
}

// VariantWords is variantWords, for the test that the browser folds them too.
var VariantWords = variantWords
