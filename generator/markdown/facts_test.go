package markdown

import (
	"bytes"
	"reflect"
	"testing"
)

// TestFactsSurviveTheDisk: a page rebuilt from stored facts renders, keys
// and reports exactly like the page it was taken from.
func TestFactsSurviveTheDisk(t *testing.T) {
	src := []byte("---\ntitle: x\n---\n\n## 一、职责\n\n直接上级:大客户总监\n\n1. 负责[客户](other.md#二)开发;\n2. 维护。\n\n{{orgchart}}\n\n### 奖惩\n\n<!-- payout role=sales score=88 base=3000 dept=exceeded -->\n例：得分88分，绩效工资3000元。\n")
	eng := New(Options{})
	orig, errs := eng.Parse("ch.md", src, 16)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	orig.Release(true, "直接上级", "直接下级")

	bin := orig.Fork().Facts().AppendBinary([]byte("x"))
	f, rest, err := DecodeFacts(bin[1:])
	if err != nil || len(rest) != 0 {
		t.Fatalf("decode: %v, %d bytes left", err, len(rest))
	}
	for cut := range len(bin) - 1 {
		if _, _, err := DecodeFacts(bin[1 : 1+cut]); err == nil {
			t.Fatalf("facts cut to %d of %d bytes decoded without an error", cut, len(bin)-1)
		}
	}
	back := eng.FromFacts("ch.md", src, 16, orig.SourceSum(), f)

	for _, d := range []*Doc{orig, back} {
		d.SetLinkDest(0, "../other/#二")
		d.Fill("orgchart", []byte("<svg></svg>"))
	}
	if orig.Key() != back.Key() {
		t.Error("keys differ")
	}
	a, err := eng.Render(orig)
	if err != nil {
		t.Fatal(err)
	}
	b, err := eng.Render(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("renders differ:\n%s\n---\n%s", a, b)
	}
	if !bytes.Contains(b, []byte(`href="../other/#%E4%BA%8C"`)) || !bytes.Contains(b, []byte("<svg></svg>")) {
		t.Errorf("the edits were not applied:\n%s", b)
	}
	for name, pair := range map[string][2]any{
		"headings": {orig.Headings, back.Headings}, "ids": {orig.IDMap(), back.IDMap()},
		"fields":  {orig.Fields("直接上级", "直接下级"), back.Fields("直接上级", "直接下级")},
		"clauses": {orig.Clauses(), back.Clauses()}, "examples": {len(orig.Examples), len(back.Examples)},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differ: %v vs %v", name, pair[0], pair[1])
		}
	}
	if len(back.Fields("直接上级", "直接下级")) != 1 || len(back.Examples) != 1 || len(back.Links) != 1 {
		t.Errorf("facts lost: fields %v examples %v links %v", back.Fields("直接上级", "直接下级"), back.Examples, back.Links)
	}

	// A page made from stored facts keeps its IDs as listed until asked,
	// answers for each, and stores them again as they were.
	fresh := eng.FromFacts("ch.md", src, 16, orig.SourceSum(), f)
	if fresh.IDs != nil {
		t.Error("a page from stored facts made its ID map before anything asked")
	}
	for id := range orig.IDMap() {
		if !fresh.Fork().HasID(id) {
			t.Errorf("the page from stored facts lacks #%s", id)
		}
	}
	if fresh.HasID("一、职责") || !fresh.HasID("一职责") {
		t.Error("HasID answers for an ID the page does not have, or not for one it has")
	}
	again, _, err := DecodeFacts(fresh.Fork().Facts().AppendBinary(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := eng.FromFacts("ch.md", src, 16, orig.SourceSum(), again).IDMap(); !reflect.DeepEqual(got, orig.IDMap()) || len(got) < 4 {
		t.Errorf("IDs stored again: %v, want %v", got, orig.IDMap())
	}
}
