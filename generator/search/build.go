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
	"math"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
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
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Heading) {
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
}

// buildSegment indexes docs into files in the folder opts.Dir/<build>/,
// where build is a hash of tag and the files' names and content.
func buildSegment(docs []Doc, opts Options, tag string) (segment, map[string][]byte, error) {
	ix := index(docs, max(1, min(runtime.GOMAXPROCS(0), len(docs)/minDocsPerWorker)))
	dict, common, termFiles := ix.shards(opts.ShardBytes, inlineMax)
	docShards, perShard, err := encodeDocs(docs, opts.DocShardBytes)
	if err != nil {
		return segment{}, nil, err
	}
	avgLen := float64(ix.totalLen) / float64(max(1, len(docs)))
	ix = nil

	type file struct {
		name string
		data []byte
	}
	var out []file
	for k, s := range dict {
		out = append(out, file{"p" + strconv.Itoa(k) + ".bin", s})
	}
	for k, s := range termFiles {
		ext := ".bin"
		if k%2 == 1 {
			ext = ".pos"
		}
		out = append(out, file{"t" + strconv.Itoa(k/2) + ext, s})
	}
	for k, s := range docShards {
		out = append(out, file{"d" + strconv.Itoa(k) + ".bin", s})
	}
	// Each file is hashed where it is compressed, on every CPU, and the
	// build is named after the names and hashes of the files.
	sums := make([][sha256.Size]byte, len(out))
	compressAll(len(out), func(i int) *[]byte { return &out[i].data }, func(i int, raw []byte) { sums[i] = sha256.Sum256(raw) })
	h := sha256.New()
	h.Write([]byte(tag))
	for i, f := range out {
		h.Write([]byte(f.name))
		h.Write(sums[i][:])
	}
	build := hex.EncodeToString(h.Sum(nil))[:12]

	files := make(map[string][]byte, len(out)+1)
	for _, f := range out {
		files[path.Join(opts.Dir, build, f.name)] = f.data
	}
	return segment{build: build, avgLen: avgLen, shards: len(dict), common: strings.Join(common, " "), perShard: perShard}, files, nil
}

// compressAll gzips n buffers in place, on every CPU, calling before with
// each buffer before it is compressed. The output does not depend on the
// order or the number of CPUs: gzip with no name and no time is a function
// of its input.
func compressAll(n int, buf func(i int) *[]byte, before func(i int, raw []byte)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, 1)
			for i := range next {
				p := buf(i)
				before(i, *p)
				b.Reset()
				zw.Reset(&b)
				zw.Write(*p)
				zw.Close()
				*p = bytes.Clone(b.Bytes())
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// indexer accumulates the postings of every term, already encoded, one doc
// at a time, so memory stays close to the size of the finished index.
type indexer struct {
	ids   map[string]int32
	terms []*term
	hits  []uint64 // scratch for one doc, see hitOf
	key   []byte
	runes []rune // scratch for collect
	// totalLen is the sum of the text lengths, for the average in Meta.
	totalLen int
}

type term struct {
	text    string
	df      int
	lastDoc int32
	buf     []byte // encoded postings, see shards
	pos     []byte // encoded positions, see shards
}

// hitOf packs one occurrence of a term in the doc being added, so that
// hits sort by term, then field and position: v is the position shifted
// left by one, with the low bit set for the heading.
func hitOf(term int32, v uint32) uint64 { return uint64(term)<<32 | uint64(v) }

func newIndexer() *indexer { return &indexer{ids: make(map[string]int32)} }

// minDocsPerWorker is the fewest docs worth a goroutine of their own.
const minDocsPerWorker = 1024

// index indexes docs in parts contiguous ranges, one goroutine each, and
// joins them in order. The postings do not depend on parts: a term's
// postings for a range are the same bytes wherever the range starts, but
// for the first doc delta, which join rewrites.
func index(docs []Doc, parts int) *indexer {
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
			ixs[w] = ix
		}()
	}
	wg.Wait()
	ix := ixs[0]
	for _, o := range ixs[1:] {
		ix.join(o)
	}
	return ix
}

// join appends the postings of o, which indexed docs after every doc of ix.
func (ix *indexer) join(o *indexer) {
	ix.totalLen += o.totalLen
	for _, t := range o.terms {
		id, ok := ix.ids[t.text]
		if !ok {
			ix.ids[t.text] = int32(len(ix.terms))
			ix.terms = append(ix.terms, t)
			continue
		}
		m := ix.terms[id]
		// t.buf starts with its first doc's number (a delta from 0).
		first, n := binary.Uvarint(t.buf)
		m.buf = binary.AppendUvarint(m.buf, first-uint64(m.lastDoc))
		m.buf = append(m.buf, t.buf[n:]...)
		m.pos = append(m.pos, t.pos...)
		m.df += t.df
		m.lastDoc = t.lastDoc
	}
}

func (ix *indexer) add(doc int32, d Doc) {
	ix.hits = ix.hits[:0]
	ix.collect(d.Heading, 1)
	n := ix.collect(d.Text, 0)
	ix.totalLen += n
	lb := lengthBucket(n)
	slices.Sort(ix.hits)
	for i := 0; i < len(ix.hits); {
		j := i
		inHeading, inText := 0, 0
		var sig [2]byte // of the text, of the heading
		for j < len(ix.hits) && ix.hits[j]>>32 == ix.hits[i]>>32 {
			v := uint32(ix.hits[j])
			if v&1 == 1 {
				inHeading = 1
			} else {
				inText++
			}
			sig[v&1] |= 1 << (v >> 1 & 7)
			j++
		}
		t := ix.terms[ix.hits[i]>>32]
		t.pos = binary.AppendUvarint(t.pos, uint64(j-i))
		prev := uint32(0)
		for _, h := range ix.hits[i:j] {
			t.pos = binary.AppendUvarint(t.pos, uint64(uint32(h)-prev))
			prev = uint32(h)
		}
		t.buf = binary.AppendUvarint(t.buf, uint64(doc-t.lastDoc))
		t.buf = append(t.buf, byte(inHeading|min(inText, 3)<<1|lb<<3), sig[0])
		if inHeading == 1 {
			t.buf = append(t.buf, sig[1])
		}
		t.lastDoc = doc
		t.df++
		i = j
	}
}

// collect adds the terms of s to ix.hits and returns its length in code
// points.
func (ix *indexer) collect(s string, field uint32) int {
	rs := ix.runes[:0]
	for _, r := range s {
		rs = append(rs, normalizeRune(r))
	}
	ix.runes = rs
	scan(rs, func(start, end int) {
		ix.key = ix.key[:0]
		for _, r := range rs[start:end] {
			ix.key = utf8.AppendRune(ix.key, r)
		}
		id, ok := ix.ids[string(ix.key)]
		if !ok {
			id = int32(len(ix.terms))
			text := string(ix.key)
			ix.ids[text] = id
			ix.terms = append(ix.terms, &term{text: text})
		}
		ix.hits = append(ix.hits, hitOf(id, uint32(start)<<1|field))
	})
	return len(rs)
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

// shards lays the term dictionary out in shards of about target bytes, the
// shard of a term chosen by shardOf, and returns them with the terms whose
// postings are longer than inlineMax bytes (the common terms, in byte
// order) and their files: for common term k, termFiles[2k] holds its
// postings and termFiles[2k+1] its positions. The common terms are listed
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
//	if the term is in the heading, one byte: the same for the heading
//
// and positions, for the same docs in the same order,
//
//	uvarint count, count × uvarint position delta (the first is absolute)
//
// where a position is the code point offset in the normalised heading or
// text, shifted left by one, plus one for the heading. The browser needs
// positions only when the texts of the best candidates show that their
// terms are often apart; it checks phrases in those texts otherwise. The
// offsets mod 8 let it rule out most clauses where a phrase's terms are all
// present but apart, without positions: the terms of 工作报告 can be next
// to each other only if some k has bit k in 工作's byte and bit k+2 in 报告's.
func (ix *indexer) shards(target, inlineMax int) (dict [][]byte, common []string, termFiles [][]byte) {
	var rare, big []*term
	total := 0
	for _, t := range ix.terms {
		if len(t.buf) > inlineMax {
			big = append(big, t)
			continue
		}
		rare = append(rare, t)
		total += len(t.text) + 9 + len(t.buf) + len(t.pos)
	}
	byText := func(x, y *term) int { return bytes.Compare([]byte(x.text), []byte(y.text)) }
	slices.SortFunc(big, byText)
	for _, t := range big {
		common = append(common, t.text)
		f := binary.AppendUvarint(make([]byte, 0, len(t.buf)+5), uint64(t.df))
		termFiles = append(termFiles, append(f, t.buf...), t.pos)
	}
	n := max(1, (total+target-1)/target)
	buckets := make([][]*term, n)
	for _, t := range rare {
		k := shardOf(t.text, n)
		buckets[k] = append(buckets[k], t)
	}
	dict = make([][]byte, n)
	for k, b := range buckets {
		slices.SortFunc(b, byText)
		size := len(dictMagic)
		for _, t := range b {
			size += len(t.text) + len(t.buf) + len(t.pos) + 4*binary.MaxVarintLen32
		}
		buf := make([]byte, 0, size)
		buf = append(buf, dictMagic...)
		for _, t := range b {
			buf = binary.AppendUvarint(buf, uint64(len(t.text)))
			buf = append(buf, t.text...)
			buf = binary.AppendUvarint(buf, uint64(t.df))
			buf = binary.AppendUvarint(buf, uint64(len(t.buf)))
			buf = append(buf, t.buf...)
			buf = binary.AppendUvarint(buf, uint64(len(t.pos)))
			buf = append(buf, t.pos...)
		}
		dict[k] = buf
	}
	return dict, common, termFiles
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

// encodeDocs writes the docs in shards of a fixed number of docs, chosen from
// the average size so a shard is about target bytes before compression; the
// browser finds doc i in shard i/perShard. A shard is a JSON array of docs,
// and a doc the JSON array [url, anchor, chapter, heading, level, text].
// Consecutive docs are mostly clauses of one page, so gzip takes out the
// repeated URL and chapter.
func encodeDocs(docs []Doc, target int) (shards [][]byte, perShard int, err error) {
	enc := make([][]byte, len(docs))
	parts := max(1, min(runtime.GOMAXPROCS(0), len(docs)/minDocsPerWorker))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * len(docs) / parts; i < (w+1)*len(docs)/parts; i++ {
				d := &docs[i]
				b, err := json.Marshal([]any{d.URL, d.Anchor, d.Chapter, d.Heading, d.Level, d.Text})
				if err != nil {
					errs[w] = err
					return
				}
				enc[i] = b
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	total := 0
	for _, b := range enc {
		total += len(b) + 1
	}
	perShard = 1
	if total > 0 {
		perShard = max(1, target*len(docs)/total)
	}
	for i := 0; i < len(docs); i += perShard {
		var buf bytes.Buffer
		buf.WriteByte('[')
		for j := i; j < min(len(docs), i+perShard); j++ {
			if j > i {
				buf.WriteString(",\n")
			}
			buf.Write(enc[j])
		}
		buf.WriteString("]\n")
		shards = append(shards, buf.Bytes())
	}
	return shards, perShard, nil
}
