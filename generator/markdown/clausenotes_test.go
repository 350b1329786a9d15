package markdown

import "testing"

// A clause's text without the editor's notes written under it, whether
// under a heading or inside a numbered item, and wherever in the clause:
// what the rules file cites is the policy's words, not the editor's.
func TestClauseWithoutNotes(t *testing.T) {
	src := "## 奖惩办法 {#办法}\n\n" +
		"前言一句。\n\n> [!编者注]\n> 下表按上列各项整理。\n\n后记一句。\n\n" +
		"1. 得分在60分以下不发放。\n\n   > [!编者注]\n   > 59.5 分亦不发放。\n2. 超额完成另发5%。\n"
	d, errs := New(Options{}).Parse("p.md", []byte(src), 0)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := map[string][2]string{
		"办法":   {"前言一句。 下表按上列各项整理。 后记一句。", "前言一句。 后记一句。"},
		"办法.1": {"得分在60分以下不发放。 59.5 分亦不发放。", "得分在60分以下不发放。"},
		"办法.2": {"超额完成另发5%。", "超额完成另发5%。"},
	}
	seen := 0
	for _, c := range d.Clauses() {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		seen++
		if c.Text != w[0] {
			t.Errorf("%s: text %q, want %q", c.ID, c.Text, w[0])
		}
		if got := c.WithoutNotes(); got != w[1] {
			t.Errorf("%s: without notes %q, want %q", c.ID, got, w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d clauses found", seen, len(want))
	}
}
