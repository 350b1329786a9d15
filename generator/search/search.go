// Package search builds the full-text index of one edition of the handbook
// (a published revision, latest, or the draft). It takes the clauses of the
// edition as data and returns the index as files; it does no I/O, and the
// query side lives in the browser (theme/ts/search-core.ts), so there is one
// implementation of ranking, tested from Go by running that script in Node.
//
// Chinese is indexed as overlapping character bigrams, so any run of two or
// more characters that appears in the text is found without a dictionary;
// other letters and digits are indexed as words, and '%' as a term of its
// own. Postings keep, per clause, whether the term is in the heading, how
// often it is in the text (up to 3), the text's length and, in one byte
// each for the text and the heading, the term's offsets modulo 8, but no
// positions: the browser ranks candidates by an upper bound of their rank
// and tells a clause that contains the exact phrase from one where its
// characters are merely scattered by reading the text of the best
// candidates, which it fetches anyway for the snippets. The term dictionary
// (with each term's df, and the postings of rare terms) is split into
// shards by a hash of the term; frequent terms have a postings file of
// their own, listed in meta.json so a query fetches it without a lookup,
// and clause texts live in doc shards, so a query fetches only what its
// terms and shown results need. Files are stored gzipped.
//
// An incremental build need not index every clause again: BuildDelta
// indexes the clauses of the pages changed since a full index (the base)
// into a folder of their own and writes a meta.json that lists both and the
// base's clauses that are gone; the browser queries the two as one index.
package search

// NoteMark heads the notes at the end of a Doc's Text, each of them: a
// snippet cut from after the first says it shows a note, not the clause's
// words run on, and a clause that says a phrase before it ranks above one
// whose notes alone say it. NOTE_MARK in theme/ts/search-core.ts.
const NoteMark = "〔编者注〕"

// Doc is one clause of an edition: the text under one heading (a section) or
// one numbered item of a clause list. It is the unit a search result points
// to.
type Doc struct {
	// URL is the page URL without fragment, e.g. "/latest/performance/". The
	// browser resolves it against the page's base URI.
	URL string
	// Chapter is the title of the chapter, shown above the result.
	Chapter string
	// Heading is the heading of the clause. It is indexed: a query that
	// matches a heading ranks above one that only matches body text. For an
	// item of a clause list, pass its number ("第2条") and the sections it
	// belongs to as Parent.
	Heading string
	// Parent is the path of the sections the clause belongs to, shown before
	// Heading as it is, separator included: "A、大客户总监 · " before
	// "职位职责：", "B、内勤 · 职位责任 " before "第2条". It is indexed, so a
	// query naming both a section and what one of its items says finds the
	// item, holding the query whole (大客户总监 述职), but a phrase found
	// only there is not the clause's own: a section title searched for
	// finds the section, then clauses that mention it, and only then the
	// items under it (which match through their parent alone, as scattered
	// characters do).
	Parent string
	// Anchor is the ID of the clause in the page, e.g. "销售人员奖惩办法" or
	// "销售人员奖惩办法.4"; empty for the top of the page.
	Anchor string
	// Level is the heading level (1 for a chapter title). It is stored for the
	// result list and not used for ranking.
	Level int
	// Text is the plain text of the clause. When list items are Docs of their
	// own, leave their text out of the section's Text, so a hit in an item
	// points to the item rather than to the section and the item both.
	// Notes on the clause that are not its own words (an editor's) go
	// last, after NoteMark.
	Text string
}

// Options tunes the index. The zero value is a working default.
type Options struct {
	// Dir is the folder of the index in the returned file map; "" means
	// "search".
	Dir string
	// ShardBytes is the target size of one dictionary shard before
	// compression; 0 means 32 KiB. A small site gets one shard.
	ShardBytes int
	// DocShardBytes is the target size of one doc shard before compression;
	// 0 means 4 KiB (about one page of a large site).
	DocShardBytes int
	// DeletedLen, for BuildDelta, is the sum of the text lengths (in code
	// points, utf8.RuneCountInString of Doc.Text) of the base docs it
	// deletes, when the caller knows it: the browser's average clause
	// length is then exactly a full Build's, and so are the scores.
	DeletedLen int
}

const (
	defaultShardBytes    = 32 << 10
	defaultDocShardBytes = 16 << 10
	// inlineMax is the longest postings list kept in a dictionary shard; a
	// longer one gets a file of its own, fetched only by queries that use
	// the term (after the dictionary told its df).
	inlineMax = 512
	// formatVersion 4: postings of terms found only in a doc's Parent
	// (flags with neither heading nor text), and docs of 7 fields.
	// 5: a posting whose term is twice or more in its clause (keepsNext)
	// ends with a byte of the characters after the term.
	// 6: that of a term found only in the Parent has the offsets (mod 8)
	// where it starts there in place of the text's.
	formatVersion = 6
)

// Meta is the content of meta.json, the only file of the index with a fixed
// name. Everything else lives under Files, a folder named after a hash of the
// index, so shards can be cached for ever and an edition that is republished
// never serves a stale shard with a new meta.
type Meta struct {
	Format    int    `json:"format"`
	Tokenizer int    `json:"tokenizer"`
	Build     string `json:"build"`
	Docs      int    `json:"docs"`
	// AvgLen is the average length of a clause's text in code points.
	AvgLen float64 `json:"avgLen"`
	// Shards is the number of dictionary shards.
	Shards int `json:"shards"`
	// Common lists, space-separated in byte order, the terms whose
	// postings have a file of their own: the k-th is in Files+"t<k>.bin"
	// (its positions in Files+"t<k>.pos"), every other term in dictionary
	// shard shardOf(term, Shards). A term never contains a space.
	Common       string `json:"common"`
	DocsPerShard int    `json:"docsPerShard"`
	// Files is the folder of the other files relative to meta.json, ending
	// in "/": dictionary shard k is Files+"p<k>.bin", the postings of a
	// frequent term Files+"t<k>.bin" and its positions Files+"t<k>.pos",
	// doc shard k Files+"d<k>.bin".
	Files string `json:"files"`
	// Encoding is "gzip": every file but meta.json is stored gzipped and
	// the browser inflates it (DecompressionStream), so the bytes fetched
	// are the compressed ones whether or not the server compresses.
	Encoding string `json:"encoding"`
	// Fold lists, as pairs of code points, the traditional characters the
	// browser reads as simplified in a query, each followed by its
	// simplified form: those whose simplified form the docs hold and which
	// they do not hold themselves (see fold.go), so 績效工資 finds 绩效工资.
	Fold string `json:"fold,omitempty"`
	// Trad lists the traditional characters of the fold table that the
	// docs hold, for BuildDelta to work Fold out again.
	Trad string `json:"trad,omitempty"`
	// Suggest is the suggestion file relative to meta.json (see
	// suggestTerms): the index's most frequent terms of two CJK
	// characters, most frequent first, which the browser fetches to offer
	// a query one character away when no clause holds a query whole.
	Suggest string `json:"suggest,omitempty"`
	// Delta, when present, is an index of the docs changed since this one
	// was built, queried with it (see BuildDelta); absent in what Build
	// returns.
	Delta *Delta `json:"delta,omitempty"`
}

// Delta is the part of meta.json that BuildDelta adds to a base's: the
// delta's own files, described as the base's are, and the base docs that
// are gone. The browser numbers the delta's doc i as Docs(base)+i, ranks
// the docs of both as one index (a term's df is counted over the live docs
// of both; the average length over the live docs when DeletedLen is given,
// else over both parts, deleted docs included) and never returns a deleted
// base doc.
type Delta struct {
	// Build names the folder of the delta's files, Files (relative to
	// meta.json, ending in "/"); both are empty when Docs is 0, and the
	// delta has no files.
	Build  string  `json:"build,omitempty"`
	Docs   int     `json:"docs"`
	AvgLen float64 `json:"avgLen"`
	// Shards, Common, DocsPerShard and Encoding are as in Meta, for the
	// delta's files.
	Shards       int    `json:"shards"`
	Common       string `json:"common"`
	DocsPerShard int    `json:"docsPerShard"`
	Files        string `json:"files,omitempty"`
	Encoding     string `json:"encoding,omitempty"`
	// Deleted lists, as [from, to) pairs in ascending order, disjoint and
	// not adjacent, the base docs no query returns.
	Deleted [][2]int `json:"deleted"`
	// DeletedLen is the text length of the deleted docs (Options.DeletedLen),
	// 0 when unknown.
	DeletedLen int `json:"deletedLen,omitempty"`
	// Fold is Meta.Fold for the base and the delta as one index, which the
	// browser reads in place of the base's.
	Fold string `json:"fold"`
}
