package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
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
	for _, parts := range []int{2, 3, 7} {
		ix := index(docs, parts)
		if len(ix.terms) != len(one.terms) || ix.totalLen != one.totalLen {
			t.Fatalf("%d parts: %d terms, length %d; one part: %d terms, length %d", parts, len(ix.terms), ix.totalLen, len(one.terms), one.totalLen)
		}
		for _, want := range one.terms {
			got := ix.terms[ix.ids[want.text]]
			if got.df != want.df || !bytes.Equal(got.buf, want.buf) || !bytes.Equal(got.pos, want.pos) {
				t.Fatalf("%d parts: term %q differs from one part's", parts, want.text)
			}
		}
	}
}
