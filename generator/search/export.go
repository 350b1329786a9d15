package search

// Token is a term of the index and the code point offset where it starts.
type Token struct {
	Text string
	Pos  int
}

// Tokenize returns the terms the index stores for s, in order. It is exported
// for tests that compare it with the browser's tokenizer.
func Tokenize(s string) []Token {
	var out []Token
	for _, t := range tokenize(s) {
		out = append(out, Token{t.text, t.pos})
	}
	return out
}
