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
	"sync"
	"unicode/utf8"
)

// Build indexes docs and returns the index files keyed by slash-separated
// paths under opts.Dir: meta.json, the postings shards and the doc shards.
// The output depends only on docs and opts.
func Build(docs []Doc, opts Options) (map[string][]byte, error) {
	if opts.Dir == "" {
		opts.Dir = "search"
	}
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = defaultShardBytes
	}
	if opts.DocShardBytes <= 0 {
		opts.DocShardBytes = defaultDocShardBytes
	}
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
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	ix := newIndexer()
	for i, d := range docs {
		ix.add(int32(i), d)
	}
	dict, termFiles := ix.shards(opts.ShardBytes, inlineMax)
	docShards, perShard, err := encodeDocs(docs, opts.DocShardBytes)
	if err != nil {
		return nil, err
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
	h := sha256.New()
	for _, f := range out {
		h.Write([]byte(f.name))
		h.Write(f.data)
	}
	build := hex.EncodeToString(h.Sum(nil))[:12]
	compressAll(len(out), func(i int) *[]byte { return &out[i].data })

	files := make(map[string][]byte, len(out)+1)
	for _, f := range out {
		files[path.Join(opts.Dir, build, f.name)] = f.data
	}
	meta, err := json.Marshal(Meta{
		Format:       formatVersion,
		Tokenizer:    tokenizerVersion,
		Build:        build,
		Docs:         len(docs),
		AvgLen:       avgLen,
		Shards:       len(dict),
		DocsPerShard: perShard,
		Files:        build + "/",
		Encoding:     "gzip",
	})
	if err != nil {
		return nil, err
	}
	files[path.Join(opts.Dir, "meta.json")] = meta
	return files, nil
}

// compressAll gzips n buffers in place, on every CPU. The output does not
// depend on the order or the number of CPUs: gzip with no name and no time
// is a function of its input.
func compressAll(n int, buf func(i int) *[]byte) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, 3) // 20% faster than the default, 3% larger
			for i := range next {
				p := buf(i)
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
	hits  []hit // scratch for one doc
	key   []byte
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

// hit is one occurrence of a term in the doc being added: v is the position
// shifted left by one, with the low bit set for the heading.
type hit struct {
	term int32
	v    uint32
}

func newIndexer() *indexer { return &indexer{ids: make(map[string]int32)} }

func (ix *indexer) add(doc int32, d Doc) {
	ix.hits = ix.hits[:0]
	ix.collect(d.Heading, 1)
	n := ix.collect(d.Text, 0)
	ix.totalLen += n
	lb := lengthBucket(n)
	slices.SortFunc(ix.hits, func(a, b hit) int {
		if a.term != b.term {
			return int(a.term - b.term)
		}
		return int(a.v) - int(b.v)
	})
	for i := 0; i < len(ix.hits); {
		j := i
		inHeading, inText := 0, 0
		for j < len(ix.hits) && ix.hits[j].term == ix.hits[i].term {
			if ix.hits[j].v&1 == 1 {
				inHeading = 1
			} else {
				inText++
			}
			j++
		}
		t := ix.terms[ix.hits[i].term]
		t.pos = binary.AppendUvarint(t.pos, uint64(j-i))
		prev := uint32(0)
		for _, h := range ix.hits[i:j] {
			t.pos = binary.AppendUvarint(t.pos, uint64(h.v-prev))
			prev = h.v
		}
		t.buf = binary.AppendUvarint(t.buf, uint64(doc-t.lastDoc))
		t.buf = append(t.buf, byte(inHeading|min(inText, 3)<<1|lb<<3))
		t.lastDoc = doc
		t.df++
		i = j
	}
}

// collect adds the terms of s to ix.hits and returns its length in code
// points.
func (ix *indexer) collect(s string, field uint32) int {
	rs := normalize(s)
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
		ix.hits = append(ix.hits, hit{id, uint32(start)<<1 | field})
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
var dictMagic = []byte("HBD2")

// shards lays the term dictionary out in shards of about target bytes, the
// shard of a term chosen by shardOf, and returns them with the files of
// the terms whose postings are longer than inlineMax bytes: for term file k,
// termFiles[2k] holds its postings and termFiles[2k+1] its positions. A
// dictionary shard is dictMagic followed by its terms in byte order, each as
//
//	uvarint len(term), term (UTF-8), uvarint df, uvarint x
//
// where x even means the postings follow, x>>1 bytes long, then uvarint
// len(positions) and the positions; x odd means they are in term file x>>1.
// Postings are, for each of the df docs in ascending order,
//
//	uvarint doc delta (the first is the doc number),
//	one byte: 1 if the term is in the heading
//	        | min(occurrences in the text, 3) << 1
//	        | length bucket of the text (see lengthBucket) << 3
//
// and positions, for the same docs in the same order,
//
//	uvarint count, count × uvarint position delta (the first is absolute)
//
// where a position is the code point offset in the normalised heading or
// text, shifted left by one, plus one for the heading. The browser needs
// positions only when the texts of the best candidates show that their
// terms are often apart; it checks phrases in those texts otherwise.
func (ix *indexer) shards(target, inlineMax int) (dict, termFiles [][]byte) {
	total := 0
	for _, t := range ix.terms {
		total += len(t.text) + 9
		if len(t.buf) <= inlineMax {
			total += len(t.buf) + len(t.pos)
		}
	}
	n := max(1, (total+target-1)/target)
	buckets := make([][]*term, n)
	for _, t := range ix.terms {
		k := shardOf(t.text, n)
		buckets[k] = append(buckets[k], t)
	}
	dict = make([][]byte, n)
	for k, b := range buckets {
		slices.SortFunc(b, func(x, y *term) int {
			return bytes.Compare([]byte(x.text), []byte(y.text))
		})
		var buf []byte
		buf = append(buf, dictMagic...)
		for _, t := range b {
			buf = binary.AppendUvarint(buf, uint64(len(t.text)))
			buf = append(buf, t.text...)
			buf = binary.AppendUvarint(buf, uint64(t.df))
			if len(t.buf) > inlineMax {
				buf = binary.AppendUvarint(buf, uint64(len(termFiles)/2)<<1|1)
				termFiles = append(termFiles, t.buf, t.pos)
				continue
			}
			buf = binary.AppendUvarint(buf, uint64(len(t.buf))<<1)
			buf = append(buf, t.buf...)
			buf = binary.AppendUvarint(buf, uint64(len(t.pos)))
			buf = append(buf, t.pos...)
		}
		dict[k] = buf
	}
	return dict, termFiles
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
	total := 0
	for i, d := range docs {
		b, err := json.Marshal([]any{d.URL, d.Anchor, d.Chapter, d.Heading, d.Level, d.Text})
		if err != nil {
			return nil, 0, err
		}
		enc[i] = b
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
