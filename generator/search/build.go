package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
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
	shards := ix.shards(opts.ShardBytes)
	docShards, perShard, err := encodeDocs(docs, opts.DocShardBytes)
	if err != nil {
		return nil, err
	}

	h := sha256.New()
	for _, s := range shards {
		h.Write(s)
	}
	for _, s := range docShards {
		h.Write(s)
	}
	build := hex.EncodeToString(h.Sum(nil))[:12]

	files := make(map[string][]byte, len(shards)+len(docShards)+1)
	for k, s := range shards {
		files[path.Join(opts.Dir, build, "p"+strconv.Itoa(k)+".bin")] = s
	}
	for k, s := range docShards {
		files[path.Join(opts.Dir, build, "d"+strconv.Itoa(k)+".json")] = s
	}
	meta, err := json.Marshal(Meta{
		Format:       formatVersion,
		Tokenizer:    tokenizerVersion,
		Build:        build,
		Docs:         len(docs),
		AvgLen:       float64(ix.totalLen) / float64(max(1, len(docs))),
		Shards:       len(shards),
		DocsPerShard: perShard,
		Files:        build + "/",
	})
	if err != nil {
		return nil, err
	}
	files[path.Join(opts.Dir, "meta.json")] = meta
	return files, nil
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
		for j < len(ix.hits) && ix.hits[j].term == ix.hits[i].term {
			j++
		}
		t := ix.terms[ix.hits[i].term]
		t.buf = binary.AppendUvarint(t.buf, uint64(doc-t.lastDoc))
		t.lastDoc = doc
		t.df++
		t.buf = binary.AppendUvarint(t.buf, uint64(j-i)<<5|uint64(lb))
		prev := uint32(0)
		for _, h := range ix.hits[i:j] {
			t.buf = binary.AppendUvarint(t.buf, uint64(h.v-prev))
			prev = h.v
		}
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

// shardMagic starts every postings shard.
var shardMagic = []byte("HBP1")

// shards lays the postings out in shards of about target bytes. A shard is
// shardMagic followed by its terms in byte order, each as
//
//	uvarint len(term), term (UTF-8), uvarint df, uvarint len(postings), postings
//
// and postings are, for each of the df docs in ascending order,
//
//	uvarint doc delta (the first is the doc number),
//	uvarint count<<5 | length bucket of the doc's text (see lengthBucket),
//	count × uvarint position delta (the first is absolute)
//
// where a position is the code point offset in the normalised heading or
// text, shifted left by one, plus one for the heading.
func (ix *indexer) shards(target int) [][]byte {
	total := 0
	for _, t := range ix.terms {
		total += len(t.text) + len(t.buf) + 6
	}
	n := max(1, (total+target-1)/target)
	buckets := make([][]*term, n)
	for _, t := range ix.terms {
		k := shardOf(t.text, n)
		buckets[k] = append(buckets[k], t)
	}
	out := make([][]byte, n)
	for k, b := range buckets {
		slices.SortFunc(b, func(x, y *term) int {
			return bytes.Compare([]byte(x.text), []byte(y.text))
		})
		size := len(shardMagic)
		for _, t := range b {
			size += len(t.text) + len(t.buf) + 3*binary.MaxVarintLen32
		}
		buf := make([]byte, 0, size)
		buf = append(buf, shardMagic...)
		for _, t := range b {
			buf = binary.AppendUvarint(buf, uint64(len(t.text)))
			buf = append(buf, t.text...)
			buf = binary.AppendUvarint(buf, uint64(t.df))
			buf = binary.AppendUvarint(buf, uint64(len(t.buf)))
			buf = append(buf, t.buf...)
		}
		out[k] = buf
	}
	return out
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
// the average size so a shard is about target bytes; the browser finds doc i
// in shard i/perShard. A doc is the JSON array
// [url, anchor, chapter, heading, level, text].
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
