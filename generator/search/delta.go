package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
)

// Range is a half-open range [From, To) of doc numbers of a base index
// (doc i is the i-th element of the docs slice given to Build).
type Range struct{ From, To int }

// deltaTag is hashed before a delta's files, so a delta's folder never has
// the name of a base's, even for the same docs.
const deltaTag = "delta\x00"

// BuildDelta returns the files of an index made of a base — the files an
// earlier Build returned, which stay published as they are — and a delta
// of docs (the clauses of pages changed or added since), with the base's
// docs in deleted never returned by a query. baseMeta is the base's
// meta.json exactly as Build returned it. The result holds the delta's
// files in a folder of their own under opts.Dir (named by a hash of their
// content, like Build's) and a new opts.Dir/meta.json pointing at both.
// Same input, same bytes.
//
// The delta replaces any earlier delta of the same base: docs are all the
// clauses of the pages changed since the base, and deleted all the base's
// clauses of those pages (and of pages removed), in any order; ranges may
// overlap. The base's folder must sit in opts.Dir, as Build put it. With
// no docs and nothing deleted, meta.json is baseMeta itself; with no docs,
// there is no folder. The delta's doc i ranks as if it followed the base's
// last doc (ties between equal scores go to the base's docs first).
//
// Queries get slower as the delta grows (a term's postings are read from
// both) and the base's deleted docs still count in its files; build a full
// index again when the delta is more than a few percent of the docs.
func BuildDelta(baseMeta []byte, deleted []Range, docs []Doc, opts Options) (map[string][]byte, error) {
	opts = opts.withDefaults()
	var base Meta
	dec := json.NewDecoder(bytes.NewReader(baseMeta))
	if err := dec.Decode(&base); err != nil {
		return nil, fmt.Errorf("search: base meta.json: %w", err)
	}
	switch {
	case base.Format != formatVersion || base.Tokenizer != tokenizerVersion:
		return nil, fmt.Errorf("search: base index has format %d/%d, want %d/%d: build it again", base.Format, base.Tokenizer, formatVersion, tokenizerVersion)
	case base.Delta != nil:
		return nil, errors.New("search: base meta.json already has a delta: pass the meta.json of a full Build")
	case base.Build == "" || base.Files != base.Build+"/" || base.Docs < 0:
		return nil, errors.New("search: base meta.json is not one Build returned")
	}
	ranges, err := normalizeRanges(deleted, base.Docs)
	if err != nil {
		return nil, err
	}
	if err := checkDocs(docs); err != nil {
		return nil, err
	}
	if len(docs) > 1<<30-base.Docs {
		return nil, errors.New("search: too many docs")
	}
	metaName := path.Join(opts.Dir, "meta.json")
	if len(docs) == 0 && len(ranges) == 0 {
		return map[string][]byte{metaName: bytes.Clone(baseMeta)}, nil
	}
	d := &Delta{Deleted: ranges, DeletedLen: opts.DeletedLen}
	files := map[string][]byte{}
	if len(docs) > 0 {
		seg, segFiles, err := buildSegment(docs, opts, deltaTag)
		if err != nil {
			return nil, err
		}
		if seg.build == base.Build {
			return nil, errors.New("search: the delta's folder has the base's name") // a hash collision
		}
		maps.Copy(files, segFiles)
		d.Build = seg.build
		d.Docs = len(docs)
		d.AvgLen = seg.avgLen
		d.Shards = seg.shards
		d.Common = seg.common
		d.DocsPerShard = seg.perShard
		d.Files = seg.build + "/"
		d.Encoding = "gzip"
		d.Fold, _ = deltaFold(base.Fold, base.Trad, seg.cjk)
	} else {
		d.Fold = base.Fold
	}
	base.Delta = d
	meta, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	files[metaName] = meta
	return files, nil
}

// normalizeRanges checks ranges against a base of n docs and returns them
// sorted, merged and without empty ones, as [from, to) pairs.
func normalizeRanges(rs []Range, n int) ([][2]int, error) {
	var out [][2]int
	for _, r := range rs {
		if r.From < 0 || r.To < r.From || r.To > n {
			return nil, fmt.Errorf("search: deleted range [%d, %d) is not within the base's %d docs", r.From, r.To, n)
		}
		if r.From < r.To {
			out = append(out, [2]int{r.From, r.To})
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	merged := [][2]int{}
	for _, r := range out {
		if k := len(merged) - 1; k >= 0 && r[0] <= merged[k][1] {
			merged[k][1] = max(merged[k][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged, nil
}

// Ranges returns, as few ranges as possible, the numbers of the docs for
// which drop is true: with the docs given to Build and drop telling the
// pages changed or removed since, the deleted argument of BuildDelta.
func Ranges(docs []Doc, drop func(d *Doc) bool) []Range {
	var out []Range
	for i := range docs {
		if !drop(&docs[i]) {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].To == i {
			out[k].To++
			continue
		}
		out = append(out, Range{i, i + 1})
	}
	return out
}
