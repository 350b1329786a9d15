// Package search builds the full-text index of one edition of the handbook
// (a published revision, latest, or the draft). It takes the clauses of the
// edition as data and returns the index as files; it does no I/O, and the
// query side lives in the browser (theme/ts/search-core.ts), so there is one
// implementation of ranking, tested from Go by running that script in Node.
//
// Chinese is indexed as overlapping character bigrams, so any run of two or
// more characters that appears in the text is found without a dictionary;
// other letters and digits are indexed as words, and '%' as a term of its
// own. Every term keeps its positions, which is what lets the browser tell a
// clause that contains the exact phrase from one where its characters are
// merely scattered. The postings are split into shards by a hash of the term,
// so a query fetches only the shards its terms live in; clause texts (for
// snippets) live in separate doc shards fetched for the results shown.
package search

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
	// item of a clause list, pass the heading of the section it belongs to.
	Heading string
	// Anchor is the ID of the clause in the page, e.g. "销售人员奖惩办法" or
	// "销售人员奖惩办法.4"; empty for the top of the page.
	Anchor string
	// Level is the heading level (1 for a chapter title). It is stored for the
	// result list and not used for ranking.
	Level int
	// Text is the plain text of the clause. When list items are Docs of their
	// own, leave their text out of the section's Text, so a hit in an item
	// points to the item rather than to the section and the item both.
	Text string
}

// Options tunes the index. The zero value is a working default.
type Options struct {
	// Dir is the folder of the index in the returned file map; "" means
	// "search".
	Dir string
	// ShardBytes is the target size of one postings shard; 0 means 32 KiB.
	// A small site gets one shard.
	ShardBytes int
	// DocShardBytes is the target size of one doc shard; 0 means 16 KiB.
	DocShardBytes int
}

const (
	defaultShardBytes    = 32 << 10
	defaultDocShardBytes = 16 << 10
	formatVersion        = 1
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
	AvgLen       float64 `json:"avgLen"`
	Shards       int     `json:"shards"`
	DocsPerShard int     `json:"docsPerShard"`
	// Files is the folder of the shards relative to meta.json, ending in "/":
	// postings shard k is Files+"p<k>.bin", doc shard k is Files+"d<k>.json".
	Files string `json:"files"`
}
