package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Build indexes docs and returns the index files keyed by slash-separated
// paths under opts.Dir: meta.json, the postings shards and the doc shards.
// The output depends only on docs and opts.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	opts = opts.withDefaults()
	if err := checkDocs(docs); err != nil {
		return nil, err
	}
	seg, files, err := buildSegment(docs, opts, "")
	if err != nil {
		return nil, err
	}
	fold, trad := foldOf(seg.cjk)
	meta, err := json.Marshal(Meta{
		Format:       formatVersion,
		Tokenizer:    tokenizerVersion,
		Build:        seg.build,
		Docs:         len(docs),
		AvgLen:       seg.avgLen,
		Shards:       seg.shards,
		Common:       seg.common,
		DocsPerShard: seg.perShard,
		Files:        seg.build + "/",
		Encoding:     "gzip",
		Fold:         fold,
		Trad:         trad,
		Suggest:      seg.build + "/" + suggestFile,
	})
	if err != nil {
		return nil, err
	}
	files[path.Join(opts.Dir, "meta.json")] = meta
	return files, nil
}

func (opts Options) withDefaults() Options {
	if opts.Dir == "" {
		opts.Dir = "search"
	}
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = defaultShardBytes
	}
	if opts.DocShardBytes <= 0 {
		opts.DocShardBytes = defaultDocShardBytes
	}
	return opts
}

func checkDocs(docs []Doc) error {
	var errs []error
	for i, d := range docs {
		if d.URL == "" {
			errs = append(errs, fmt.Errorf("search: doc %d (%q): empty URL", i, d.Heading))
		}
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Heading) || !utf8.ValidString(d.Parent) {
			errs = append(errs, fmt.Errorf("search: doc %d (%s#%s): text is not valid UTF-8", i, d.URL, d.Anchor))
		}
	}
	if len(docs) > 1<<30 {
		errs = append(errs, errors.New("search: too many docs"))
	}
	return errors.Join(errs...)
}

// segment describes the files of one indexed set of docs (a whole index, or
// the delta of one), as meta.json lists them.
type segment struct {
	build    string
	avgLen   float64
	shards   int
	common   string
	perShard int
	cjk      cjkSet // the ideographs its docs hold (see foldOf)
}

// buildSegment indexes docs into files in the folder opts.Dir/<build>/,
// where build is a hash of tag and the files' names and content.
//
// Memory: the postings are the only large thing held at once. Each file
// is written straight into its hash and its compressor, never whole in
// memory (but for a dictionary shard's staging buffer), and a term's
// postings are dropped as soon as they are compressed; doc shards are
// encoded one at a time, after the postings, so the raw JSON of the docs
// never exists at once.
func buildSegment(docs []Doc, opts Options, tag string) (segment, map[string][]byte, error) {
	parts := max(1, min(runtime.GOMAXPROCS(0), len(docs)/minDocsPerWorker))
	v := index(docs, parts)
	lay := v.layout(opts.ShardBytes, inlineMax)
	avgLen := float64(v.totalLen) / float64(max(1, len(docs)))
	perShard := docsPerShard(docs, opts.DocShardBytes, parts)
	nDocShards := (len(docs) + perShard - 1) / perShard

	// The files, in the order their names and hashes make the build's
	// name: dictionary shards, then each common term's postings and
	// positions, then doc shards.
	nDict, nTerm := len(lay.dict), 2*len(lay.common)
	n := nDict + nTerm + nDocShards
	// A full index (not a delta, whose meta.json keeps its base's) has a
	// suggestion file too, last.
	withSuggest := tag == ""
	if withSuggest {
		n++
	}
	name := func(i int) string {
		switch {
		case withSuggest && i == n-1:
			return suggestFile
		case i < nDict:
			return "p" + strconv.Itoa(i) + ".bin"
		case i < nDict+nTerm:
			k := i - nDict
			ext := ".bin"
			if k%2 == 1 {
				ext = ".pos"
			}
			return "t" + strconv.Itoa(k/2) + ext
		}
		return "d" + strconv.Itoa(i-nDict-nTerm) + ".bin"
	}
	sums := make([][sha256.Size]byte, n)
	data := make([][]byte, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newSink()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				s.start(i >= nDict && i < nDict+nTerm)
				switch {
				case withSuggest && i == n-1:
					s.write(suggestTerms(v))
				case i < nDict:
					v.writeDict(s, lay.dict[i])
				case i < nDict+nTerm:
					k := i - nDict
					g := lay.common[k/2]
					if k%2 == 0 {
						s.uvarint(uint64(v.df(g)))
						v.writePostings(s, g, true)
					} else {
						v.writePositions(s, g, true)
					}
				default:
					k := i - nDict - nTerm
					writeDocShard(s, docs[k*perShard:min(len(docs), (k+1)*perShard)])
				}
				sums[i], data[i] = s.finish()
			}
		}()
	}
	wg.Wait()
	common := make([]string, len(lay.common))
	for k, g := range lay.common {
		common[k] = v.texts[g]
	}
	cjk := v.cjk
	v = nil

	h := sha256.New()
	h.Write([]byte(tag))
	for i := range n {
		h.Write([]byte(name(i)))
		h.Write(sums[i][:])
	}
	build := hex.EncodeToString(h.Sum(nil))[:12]

	files := make(map[string][]byte, n+1)
	for i := range n {
		files[path.Join(opts.Dir, build, name(i))] = data[i]
	}
	return segment{build: build, avgLen: avgLen, shards: nDict, common: strings.Join(common, " "), perShard: perShard, cjk: cjk}, files, nil
}

// sink is where one file is written: into its hash and its gzip stream,
// through a staging buffer. The compressed bytes do not depend on how the
// file is cut into writes (compress/flate at level 1, and Huffman-only,
// compress the stream in blocks of a fixed size), so they are those of
// gzipping the file at once; gzip with no name and no time is a function
// of its input.
type sink struct {
	h   hash.Hash
	z   bytes.Buffer
	zw  *gzip.Writer // the one start chose
	lz  *gzip.Writer // level 1: doc shards and dictionary shards
	huf *gzip.Writer // Huffman only: postings and positions
	buf []byte
}

const sinkBuf = 32 << 10

func newSink() *sink {
	s := &sink{h: sha256.New(), buf: make([]byte, 0, sinkBuf)}
	s.lz, _ = gzip.NewWriterLevel(&s.z, 1)
	s.huf, _ = gzip.NewWriterLevel(&s.z, gzip.HuffmanOnly)
	s.zw = s.lz
	return s
}

// start begins a file. Postings and positions (varints with little
// repetition) are coded Huffman-only: over a 10,000-page tree that is
// 2.7 % more bytes for postings and 6 % fewer for positions than level 1,
// in half the time (0.48 s instead of 0.9 s); doc shards, JSON text with
// repeated URLs and chapters, need level 1's matches (3.96× against 1.3×).
func (s *sink) start(huffmanOnly bool) {
	s.h.Reset()
	s.z.Reset()
	s.zw = s.lz
	if huffmanOnly {
		s.zw = s.huf
	}
	s.zw.Reset(&s.z)
	s.buf = s.buf[:0]
}

func (s *sink) flush() {
	s.h.Write(s.buf)
	s.zw.Write(s.buf)
	s.buf = s.buf[:0]
}

func (s *sink) write(p []byte) {
	if len(s.buf)+len(p) > cap(s.buf) {
		s.flush()
		if len(p) >= cap(s.buf)/2 {
			s.h.Write(p)
			s.zw.Write(p)
			return
		}
	}
	s.buf = append(s.buf, p...)
}

func (s *sink) writeString(p string) {
	if len(s.buf)+len(p) > cap(s.buf) {
		s.flush()
		if len(p) > cap(s.buf) {
			s.write([]byte(p))
			return
		}
	}
	s.buf = append(s.buf, p...)
}

func (s *sink) uvarint(x uint64) {
	if len(s.buf)+binary.MaxVarintLen64 > cap(s.buf) {
		s.flush()
	}
	s.buf = binary.AppendUvarint(s.buf, x)
}

// finish returns the hash of what was written and a copy of its gzip.
func (s *sink) finish() ([sha256.Size]byte, []byte) {
	s.flush()
	s.zw.Close()
	var sum [sha256.Size]byte
	s.h.Sum(sum[:0])
	return sum, bytes.Clone(s.z.Bytes())
}

// chunks is a growing byte string kept in pieces, so that it grows
// without copying and without more than about a fifth of slack: each
// piece is a quarter of what came before it (at least 16 bytes, at most
// 64 KiB).
type chunks struct {
	c [][]byte
	n int
}

func (c *chunks) write(p []byte) {
	if k := len(c.c) - 1; k >= 0 && len(c.c[k])+len(p) <= cap(c.c[k]) {
		c.c[k] = append(c.c[k], p...)
		c.n += len(p)
		return
	}
	for len(p) > 0 {
		k := len(c.c) - 1
		if k < 0 || len(c.c[k]) == cap(c.c[k]) {
			c.c = append(c.c, slices.Grow([]byte(nil), min(max(16, c.n/4), 64<<10)))
			k++
		}
		m := min(len(p), cap(c.c[k])-len(c.c[k]))
		c.c[k] = append(c.c[k], p[:m]...)
		c.n += m
		p = p[m:]
	}
}

// writeTo writes the string but its first skip bytes to s.
func (c *chunks) writeTo(s *sink, skip int) {
	for _, b := range c.c {
		if skip >= len(b) {
			skip -= len(b)
			continue
		}
		s.write(b[skip:])
		skip = 0
	}
}

// indexer accumulates the postings of every term of a range of docs,
// already encoded, one doc at a time, so memory stays close to the size
// of the finished index.
type indexer struct {
	// ids numbers the terms of three code points or more; short holds
	// those of one or two (nearly all: CJK bigrams), keyed by shortKey,
	// which makes no string of the term to look it up.
	ids   map[string]int32
	short map[uint64]int32
	texts []string
	terms []term
	hits  []uint64 // scratch for one doc, see hitOf
	key   []byte
	runes []rune // scratch for collect
	// Scratch for add, indexed by term: seen[t] is the doc number + 1
	// that last had term t, slot[t] its place in the doc's terms.
	seen, slot []int32
	// Scratch for add, per doc: its terms in first-seen order, the hits
	// of each (counts, then ends) and the hits grouped by term.
	order, ends []int32
	grouped     []uint32
	// totalLen is the sum of the text lengths, for the average in Meta.
	totalLen int
	// cjk is the ideographs of the docs.
	cjk cjkSet
}

// shortKey identifies a term of one or two code points (a, then b; a is 0
// for one): code points take 21 bits, and no term holds U+0000.
func shortKey(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

// term is a term's postings in the docs of one indexer: buf holds the
// encoded postings (see layout), whose first doc delta is first itself,
// and pos the encoded positions.
type term struct {
	df, first, last int32
	// weight is how often the term is in the docs' texts and headings,
	// a heading counting four times (as it ranks): the suggestion file's
	// order (suggestTerms).
	weight int32
	// before and after are, for a term of two code points, the
	// character of Chinese before it and the one after it where every
	// occurrence of it in texts and headings has the same one there, else
	// varies (0: none seen yet); both are varies once an occurrence has
	// no character of Chinese on a side. A term with both set is only
	// ever the middle of one longer run (外奖 of 额外奖金): the suggestion
	// file marks it, as no word to offer alone (suggestTerms). One side
	// alone is no mark: 采购 is always after 府 (政府采购), and a word.
	before, after rune
	buf, pos      chunks
}

// varies is term.before or term.after once two occurrences differ there.
const varies rune = -1

// meetAround records, in t.before and t.after, an occurrence of t with a
// before it and b after it (0 for none).
func (t *term) meetAround(a, b rune) {
	if !isCJK(a) || !isCJK(b) {
		t.before, t.after = varies, varies
		return
	}
	t.before, t.after = sameRune(t.before, a), sameRune(t.after, b)
}

// sameRune is what term.before (or after), was, is after seeing r there.
func sameRune(was, r rune) rune {
	if was == 0 || was == r {
		return r
	}
	return varies
}

// hitOf packs one occurrence of a term in the doc being added, so that
// hits sort by term, then position and kind: v is the position shifted
// left by two, with the kind (hitText, hitHeading, hitParent) below, all
// shifted left by hitNextBits, with the character after the occurrence
// (nextOf) below.
func hitOf(term int32, v uint32) uint64 { return uint64(term)<<32 | uint64(v) }

// hitNextBits is how many low bits of a hit hold nextOf.
const hitNextBits = 4

// maxField is how many code points of a heading (with its parents) or a
// text are indexed: a hit has 32-2-hitNextBits bits for a position, 2^26,
// 67 million characters in one clause. Terms past it are left out of the
// index (the doc's text is kept whole) rather than given positions that
// wrap around and match wherever they land. A variable for a test.
var maxField = 1 << (32 - 2 - hitNextBits)

// nextOf is what a hit keeps of the code point r that follows its term:
// 8 | nextHash(r), or 0 when none follows (the term ends its field).
func nextOf(rs []rune, end int) uint32 {
	if end >= len(rs) {
		return 0
	}
	return 8 | nextHash(rs[end])
}

// keepsNext reports whether a posting whose flags byte is flags ends with
// a byte of the characters after its term (see layout): one whose term is
// twice or more in the clause, in the text or in the heading and the text.
// Those are the postings whose offsets (mod 8) admit most clauses holding
// a phrase's terms apart, and they rank high for it; they are a twentieth
// of all.
func keepsNext(flags byte) bool { return flags>>1&3 >= 2 || flags&1 == 1 && flags>>1&3 >= 1 }

// nextHash is the bit of a posting's next-character byte that stands for
// code point r: the top three bits of r times a Fibonacci constant, as
// nextHash in search-core.ts.
func nextHash(r rune) uint32 { return uint32(r) * 0x9E3779B1 >> 29 }

func newIndexer() *indexer {
	return &indexer{ids: make(map[string]int32), short: make(map[uint64]int32), cjk: newCJKSet()}
}

// minDocsPerWorker is the fewest docs worth a goroutine of their own.
const minDocsPerWorker = 1024

// vocab is the terms of all the docs, indexed in contiguous ranges, one
// indexer each: term g is texts[g], and its postings are those it has in
// each part, in order, refs[g*len(parts)+p] being its number in part p
// (or -1). Its postings are the same bytes wherever the ranges start but
// for each part's first doc delta, which the writers rewrite.
type vocab struct {
	parts    []*indexer
	texts    []string
	refs     []int32
	totalLen int
	cjk      cjkSet
}

// index indexes docs in parts contiguous ranges, one goroutine each.
func index(docs []Doc, parts int) *vocab {
	ixs := make([]*indexer, parts)
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*len(docs)/parts, (w+1)*len(docs)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix := newIndexer()
			for i := lo; i < hi; i++ {
				ix.add(int32(i), docs[i])
			}
			ix.hits, ix.key, ix.runes = nil, nil, nil
			ix.seen, ix.slot, ix.order, ix.ends, ix.grouped = nil, nil, nil, nil, nil
			ix.ids, ix.short = nil, nil
			ixs[w] = ix
		}()
	}
	wg.Wait()
	v := &vocab{parts: ixs}
	ids := make(map[string]int32, len(ixs[0].texts))
	if parts > 1 {
		for g, text := range ixs[0].texts {
			ids[text] = int32(g)
		}
	}
	v.texts = slices.Clip(ixs[0].texts)
	v.refs = make([]int32, 0, len(v.texts)*parts)
	for g := range v.texts {
		v.refs = append(v.refs, int32(g))
		for range parts - 1 {
			v.refs = append(v.refs, -1)
		}
	}
	v.cjk = ixs[0].cjk
	for p, ix := range ixs {
		v.totalLen += ix.totalLen
		if p == 0 {
			continue
		}
		v.cjk.union(ix.cjk)
		ix.cjk = nil
		for l, text := range ix.texts {
			g, ok := ids[text]
			if !ok {
				g = int32(len(v.texts))
				ids[text] = g
				v.texts = append(v.texts, text)
				for range parts {
					v.refs = append(v.refs, -1)
				}
			}
			v.refs[int(g)*parts+p] = int32(l)
		}
		ix.texts = nil
	}
	ixs[0].texts = nil
	return v
}

// each calls f with the parts of term g, in order.
func (v *vocab) each(g int, f func(t *term)) {
	for p, ix := range v.parts {
		if l := v.refs[g*len(v.parts)+p]; l >= 0 {
			f(&ix.terms[l])
		}
	}
}

func (v *vocab) df(g int) int {
	df := 0
	v.each(g, func(t *term) { df += int(t.df) })
	return df
}

// inner is whether term g is only ever the middle of one longer run
// (term.before, term.after) over all docs.
func (v *vocab) inner(g int) bool {
	var before, after rune
	v.each(g, func(t *term) {
		if t.before != 0 {
			before, after = sameRune(before, t.before), sameRune(after, t.after)
		}
	})
	return before > 0 && after > 0
}

// weight is term g's weight (term.weight) over all docs.
func (v *vocab) weight(g int) int {
	w := 0
	v.each(g, func(t *term) { w += int(t.weight) })
	return w
}

// lens returns the length of term g's postings and of its positions.
func (v *vocab) lens(g int) (postings, positions int) {
	var last int32 = -1
	v.each(g, func(t *term) {
		postings += t.buf.n
		if last >= 0 {
			postings += uvarintLen(uint64(t.first-last)) - uvarintLen(uint64(t.first))
		}
		positions += t.pos.n
		last = t.last
	})
	return postings, positions
}

// writePostings writes term g's postings to s, and drops them if drop.
func (v *vocab) writePostings(s *sink, g int, drop bool) {
	var last int32 = -1
	v.each(g, func(t *term) {
		skip := 0
		if last >= 0 {
			s.uvarint(uint64(t.first - last))
			skip = uvarintLen(uint64(t.first))
		}
		t.buf.writeTo(s, skip)
		last = t.last
		if drop {
			t.buf = chunks{}
		}
	})
}

// writePositions writes term g's positions to s, and drops them if drop.
func (v *vocab) writePositions(s *sink, g int, drop bool) {
	v.each(g, func(t *term) {
		t.pos.writeTo(s, 0)
		if drop {
			t.pos = chunks{}
		}
	})
}

func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// The kinds of a term's occurrence, in the low bits of a hit.
const (
	hitText    = 0
	hitHeading = 1
	hitParent  = 2 // in Doc.Parent: shown with the heading, not the clause's own
)

func (ix *indexer) add(doc int32, d Doc) {
	ix.hits = ix.hits[:0]
	ix.collect(d.Parent, d.Heading, true)
	n := ix.collect(d.Text, "", false)
	// The notes after NoteMark are found, but are not the clause's words:
	// a long note made its clause read as a long one (BM25's length
	// normalisation), and a term it repeats as a term the clause stresses.
	// 销售人员奖惩办法.4, which says 不予发放绩效工资, came 14th of 15 for
	// 绩效工资 under its note on 末位淘汰.
	own := n
	if k := strings.Index(d.Text, NoteMark); k >= 0 {
		own = min(n, len(appendNormalized(ix.runes[:0], d.Text[:k])))
	}
	ix.totalLen += own
	lb := lengthBucket(own)
	grouped, ends := ix.group(doc)
	var scratch [3 * binary.MaxVarintLen32]byte
	for k, tid := range ix.order {
		i, j := 0, int(ends[k])
		if k > 0 {
			i = int(ends[k-1])
		}
		hits := grouped[i:j]
		inHeading, inText, inNotes, count := 0, 0, 0, 0
		var sig [2]byte // of the text, of the heading
		var psig byte   // of the parent
		var next byte   // the characters after it, in either
		for _, h := range hits {
			v := h >> hitNextBits
			switch v & 3 {
			case hitHeading:
				inHeading = 1
			case hitText:
				if int(v>>2) < own {
					inText++
				} else {
					inNotes++
				}
			}
			if v&3 == hitParent {
				psig |= 1 << (v >> 2 & 7)
			} else {
				sig[v&1] |= 1 << (v >> 2 & 7)
				if n := h & (1<<hitNextBits - 1); n != 0 {
					next |= 1 << (n & 7)
				}
				count++
			}
		}
		if inText == 0 && inNotes > 0 {
			inText = 1 // in the notes alone: present, in the text
		}
		t := &ix.terms[tid]
		// Positions, as the browser reads them: the offset shifted left by
		// one, plus one for the heading; none in the parent.
		b := binary.AppendUvarint(scratch[:0], uint64(count))
		prev := uint32(0)
		for _, h := range hits {
			v := h >> hitNextBits
			if v&3 == hitParent {
				continue
			}
			p := v>>2<<1 | v&1
			if len(b)+binary.MaxVarintLen32 > len(scratch) {
				t.pos.write(b)
				b = scratch[:0]
			}
			b = binary.AppendUvarint(b, uint64(p-prev))
			prev = p
		}
		t.pos.write(b)
		if t.df == 0 {
			t.first = doc
		}
		// A term only in the parent has neither the heading bit nor a text
		// count, and where it starts in the parent in place of the text's
		// starts: the browser counts it present, never part of a phrase of
		// the clause's own, and in the parent's if it may be.
		b = binary.AppendUvarint(scratch[:0], uint64(doc-t.last))
		flags := byte(inHeading | min(inText, 3)<<1 | lb<<3)
		if flags&7 == 0 {
			sig[0] = psig
		}
		b = append(b, flags, sig[0])
		if inHeading == 1 {
			b = append(b, sig[1])
		}
		if keepsNext(flags) {
			b = append(b, next)
		}
		t.buf.write(b)
		t.last = doc
		t.df++
		t.weight += int32(count + 3*inHeading)
	}
}

// group sorts the doc's hits by term without sorting them all: it lists
// the doc's terms in the order first seen (ix.order) and returns the hits'
// kinds and positions grouped by term (grouped), term k's ending at
// ends[k], each group in ascending order. Hits come from collect in
// ascending position within the heading, then within the text, so a
// group is already in order unless its term is in both.
func (ix *indexer) group(doc int32) (grouped []uint32, ends []int32) {
	if nt := len(ix.terms); len(ix.seen) < nt {
		ix.seen = append(ix.seen, make([]int32, nt-len(ix.seen)+nt/4)...)
		ix.slot = append(ix.slot, make([]int32, len(ix.seen)-len(ix.slot))...)
	}
	mark := doc + 1
	ix.order, ix.ends = ix.order[:0], ix.ends[:0]
	for _, h := range ix.hits {
		tid := int32(h >> 32)
		if ix.seen[tid] != mark {
			ix.seen[tid] = mark
			ix.slot[tid] = int32(len(ix.order))
			ix.order = append(ix.order, tid)
			ix.ends = append(ix.ends, 0)
		}
		ix.ends[ix.slot[tid]]++
	}
	// Counts to starts, then each hit to its place, then starts to ends.
	at := int32(0)
	for k, c := range ix.ends {
		ix.ends[k] = at
		at += c
	}
	ix.grouped = slices.Grow(ix.grouped[:0], len(ix.hits))[:len(ix.hits)]
	for _, h := range ix.hits {
		k := ix.slot[h>>32]
		ix.grouped[ix.ends[k]] = uint32(h)
		ix.ends[k]++
	}
	for k := range ix.ends {
		i := int32(0)
		if k > 0 {
			i = ix.ends[k-1]
		}
		g := ix.grouped[i:ix.ends[k]]
		for x := 1; x < len(g); x++ {
			if g[x] < g[x-1] {
				slices.Sort(g)
				break
			}
		}
	}
	return ix.grouped, ix.ends
}

// collect adds the terms of a+b to ix.hits, as a heading's (those that
// start in a, the parent, as the parent's) or the text's, and returns the
// length of a in code points.
func (ix *indexer) collect(a, b string, heading bool) int {
	rs := appendNormalized(ix.runes[:0], a)
	split := len(rs)
	rs = appendNormalized(rs, b)
	ix.runes = rs
	if len(rs) > maxField {
		rs = rs[:maxField]
		split = min(split, maxField)
	}
	starts := variantStarts()
	for i, r := range rs {
		if r >= cjkLow {
			ix.cjk.add(r)
			if starts.has(r) {
				foldVariantAt(rs, i)
			}
		}
	}
	scan(rs, func(start, end int, span bool) {
		var id int32
		var ok bool
		var sk uint64
		short := end-start <= 2 && !span
		if short {
			if end-start == 2 {
				sk = shortKey(rs[start], rs[start+1])
			} else {
				sk = shortKey(0, rs[start])
			}
			id, ok = ix.short[sk]
		} else {
			ix.key = ix.key[:0]
			if span {
				ix.key = utf8.AppendRune(utf8.AppendRune(utf8.AppendRune(ix.key, rs[start]), rangeGlue), rs[end-1])
			} else {
				for _, r := range rs[start:end] {
					ix.key = utf8.AppendRune(ix.key, r)
				}
			}
			id, ok = ix.ids[string(ix.key)]
		}
		if !ok {
			id = int32(len(ix.terms))
			text := termText(rs, start, end, span)
			if short {
				ix.short[sk] = id
			} else {
				ix.ids[text] = id
			}
			ix.texts = append(ix.texts, text)
			ix.terms = append(ix.terms, term{})
		}
		kind := uint32(hitText)
		if heading {
			kind = hitHeading
			if start < split {
				kind = hitParent
			}
		}
		if short && end-start == 2 && kind != hitParent {
			// Its neighbours in its own field: the heading's first
			// character follows no parent's.
			var a, b rune
			if start > 0 && (kind == hitText || start > split) {
				a = rs[start-1]
			}
			if end < len(rs) {
				b = rs[end]
			}
			ix.terms[id].meetAround(a, b)
		}
		ix.hits = append(ix.hits, hitOf(id, (uint32(start)<<2|kind)<<hitNextBits|nextOf(rs, end)))
	})
	return split
}

// lengthBucket quantises the length of a clause's text to five bits, stored
// with each posting so the browser can prefer short clauses (BM25's length
// normalisation) without a per-doc table: bucket b stands for about 1.25^b
// code points.
func lengthBucket(n int) int {
	b := int(math.Log(float64(n)+1) / math.Log(1.25))
	return min(b, 31)
}

// dictMagic starts every dictionary shard.
var dictMagic = []byte("HBD3")

// layout lays the term dictionary out in shards of about target bytes, the
// shard of a term chosen by shardOf, apart from the terms whose postings
// are longer than inlineMax bytes (the common terms, in byte order), which
// have files of their own: for common term k, t<k>.bin holds its df and
// postings and t<k>.pos its positions. The common terms are listed
// in meta.json, so the browser fetches a common term's file, or a rare
// term's shard, straight away: a query needs no dictionary lookup before
// its postings. A dictionary shard is dictMagic followed by its rare terms
// in byte order, each as
//
//	uvarint len(term), term (UTF-8), uvarint df,
//	uvarint len(postings), postings, uvarint len(positions), positions
//
// and a common term's postings file is uvarint df followed by its postings.
// Postings are, for each of the df docs in ascending order,
//
//	uvarint doc delta (the first is the doc number),
//	one byte: 1 if the term is in the heading
//	        | min(occurrences in the text, 3) << 1
//	        | length bucket of the text (see lengthBucket) << 3,
//	one byte: bit k set if the term starts in the text at a code point
//	        offset ≡ k (mod 8),
//	if the term is in the heading, one byte: the same for the heading,
//	if keepsNext(flags), one byte: bit nextHash(r) set if code point r
//	        follows the term somewhere in the text or heading
//
// (a term found only in the doc's Parent has neither the heading bit nor
// a text count, and no positions; its first byte after flags is the same
// for the Parent, the offset counted in Parent and Heading as one string)
//
// and positions, for the same docs in the same order,
//
//	uvarint count, count × uvarint position delta (the first is absolute)
//
// where a position is the code point offset in the normalised heading
// (Parent and Heading as one string) or text, shifted left by one, plus
// one for the heading. The browser needs
// positions only when the texts of the best candidates show that their
// terms are often apart; it checks phrases in those texts otherwise. The
// offsets mod 8 let it rule out most clauses where a phrase's terms are all
// present but apart, without positions: the terms of 工作报告 can be next
// to each other only if some k has bit k in 工作's byte and bit k+2 in 报告's.
// The characters that follow a term rule out most of the rest, whose
// terms' offsets collide (mod 8) but which hold the terms apart: 客户 is
// before 档 in a clause holding 客户档案 only if 客户's last byte has bit
// nextHash('档').
//
// layout returns the terms of each dictionary shard and the common terms,
// each in byte order; writeDict, writePostings and writePositions write
// the files.
func (v *vocab) layout(target, inlineMax int) layout {
	var rare, big []int
	total := 0
	for g := range v.texts {
		postings, positions := v.lens(g)
		if postings > inlineMax {
			big = append(big, g)
			continue
		}
		rare = append(rare, g)
		total += len(v.texts[g]) + 9 + postings + positions
	}
	byText := func(x, y int) int { return strings.Compare(v.texts[x], v.texts[y]) }
	slices.SortFunc(big, byText)
	n := max(1, (total+target-1)/target)
	dict := make([][]int, n)
	for _, g := range rare {
		k := shardOf(v.texts[g], n)
		dict[k] = append(dict[k], g)
	}
	for _, b := range dict {
		slices.SortFunc(b, byText)
	}
	return layout{dict: dict, common: big}
}

type layout struct {
	dict   [][]int // the terms of each dictionary shard
	common []int
}

// writeDict writes the dictionary shard of terms to s.
func (v *vocab) writeDict(s *sink, terms []int) {
	s.write(dictMagic)
	for _, g := range terms {
		postings, positions := v.lens(g)
		s.uvarint(uint64(len(v.texts[g])))
		s.writeString(v.texts[g])
		s.uvarint(uint64(v.df(g)))
		s.uvarint(uint64(postings))
		v.writePostings(s, g, true)
		s.uvarint(uint64(positions))
		v.writePositions(s, g, true)
	}
}

// shardOf is FNV-1a (32 bit) of the term's UTF-8 bytes, modulo n. The
// browser computes the same to know which shard to fetch.
func shardOf(term string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}

// docsPerShard returns how many docs a doc shard holds: the docs are
// written in shards of a fixed number of docs, chosen from the average size
// so a shard is about target bytes before compression; the browser finds
// doc i in shard i/perShard. A shard is a JSON array of docs, and a doc the
// JSON array [url, anchor, chapter, parent+heading, level, text, parent's
// length in code points], as
// encoding/json writes it (see appendDoc). Consecutive docs are mostly
// clauses of one page, so gzip takes out the repeated URL and chapter.
func docsPerShard(docs []Doc, target, parts int) int {
	sizes := make([]int, parts)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for i := w * len(docs) / parts; i < (w+1)*len(docs)/parts; i++ {
				n += docLen(&docs[i]) + 1
			}
			sizes[w] = n
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range sizes {
		total += n
	}
	if total == 0 {
		return 1
	}
	return max(1, target*len(docs)/total)
}

// writeDocShard writes the doc shard of docs to s.
func writeDocShard(s *sink, docs []Doc) {
	s.write([]byte{'['})
	for j := range docs {
		if j > 0 {
			s.write([]byte(",\n"))
		}
		// Appended whole, then flushed: the gzip does not depend on how
		// the file is cut into writes, and a doc's length is not worked out
		// twice (docsPerShard did it once).
		s.buf = appendDoc(s.buf, &docs[j])
		if len(s.buf) >= sinkBuf {
			s.flush()
		}
	}
	s.write([]byte("]\n"))
}

// appendDoc appends what json.Marshal returns for
// []any{d.URL, d.Anchor, d.Chapter, d.Parent + d.Heading, d.Level, d.Text,
// utf8.RuneCountInString(d.Parent)}, which is docLen(d) bytes, but for the
// format characters (isFormat) of the parent, heading and text, which it
// leaves out: the index does (normalize), and the browser's offsets are
// then those of the text it shows, where they were unseen anyway.
func appendDoc(b []byte, d *Doc) []byte {
	b = append(b, '[')
	b = appendJSONString(b, d.URL)
	b = append(b, ',')
	b = appendJSONString(b, d.Anchor)
	b = append(b, ',')
	b = appendJSONString(b, d.Chapter)
	b = append(b, ',')
	// One string of both, quoted as each is (both are valid UTF-8), so
	// without joining them first.
	b = appendJSONText(b, d.Parent, true)
	b = b[:len(b)-1]
	k := len(b)
	b = appendJSONText(b, d.Heading, true)
	b = append(b[:k], b[k+1:]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.Level), 10)
	b = append(b, ',')
	b = appendJSONText(b, d.Text, true)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(textLen(d.Parent)), 10)
	return append(b, ']')
}

func docLen(d *Doc) int {
	var digits [20]byte
	return 8 + jsonStringLen(d.URL) + jsonStringLen(d.Anchor) + jsonStringLen(d.Chapter) +
		jsonTextLen(d.Parent, true) + jsonTextLen(d.Heading, true) - 2 + len(strconv.AppendInt(digits[:0], int64(d.Level), 10)) + jsonTextLen(d.Text, true) +
		len(strconv.AppendInt(digits[:0], int64(textLen(d.Parent)), 10))
}

// textLen is the number of code points of s but its format characters.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		if !isFormat(r) {
			n++
		}
	}
	return n
}

// jsonEscape is, for an ASCII byte, the length of its escape in a JSON
// string as encoding/json writes it (HTML-safe), or 0 if it stands for
// itself.
var jsonEscape = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == '\\' || c == '"' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
			t[c] = 2
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			t[c] = 6
		}
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json does: HTML-safe,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte { return appendJSONText(b, s, false) }

// appendJSONText is appendJSONString, leaving out the format characters
// of s (isFormat) if dropFormat.
func appendJSONText(b []byte, s string, dropFormat bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonEscape[c] == 0 {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if plain3(s, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case dropFormat && isFormat(r):
			b = append(b, s[start:i]...)
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain3 reports whether s[i:] starts with a valid three-byte sequence
// that a JSON string holds as it is, and which is no format character:
// leads E1 and E3–EC, EE–EF (E0 has overlong forms, ED surrogates, E2
// U+2028 and U+2029 and most format characters) — CJK text — but for
// U+180E, U+FEFF and U+FFF9–U+FFFB.
func plain3(s string, i int) bool {
	if i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
		return false
	}
	switch c := s[i]; {
	case c == 0xE1:
		return s[i+1] != 0xA0 || s[i+2] != 0x8E
	case c == 0xEF:
		return s[i+1] != 0xBB && s[i+1] != 0xBF || s[i+1] == 0xBB && s[i+2] != 0xBF || s[i+1] == 0xBF && (s[i+2] < 0xB9 || s[i+2] > 0xBB)
	default:
		return c >= 0xE3 && c <= 0xEC || c == 0xEE
	}
}

// jsonStringLen is len(appendJSONString(nil, s)).
func jsonStringLen(s string) int { return jsonTextLen(s, false) }

// jsonTextLen is len(appendJSONText(nil, s, dropFormat)).
func jsonTextLen(s string, dropFormat bool) int {
	n := 2 + len(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if e := jsonEscape[c]; e != 0 {
				n += int(e) - 1
			}
			i++
			continue
		}
		if plain3(s, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case dropFormat && isFormat(r):
			n -= size
		case r == utf8.RuneError && size == 1:
			n += 5
		case r == '\u2028' || r == '\u2029':
			n += 3
		}
		i += size
	}
	return n
}
