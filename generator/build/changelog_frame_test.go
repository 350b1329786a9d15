package build

import (
	"strings"
	"testing"
)

// The changelog's frame is the revision in force's, as on that revision's
// own pages: its switcher said "2.0" with no 现行, its sidebar had no
// 打印全文, and 修订记录 was not marked as the page open. Before any
// revision is in force it shows the first, with no status (and so none of
// the banners an upcoming revision's pages carry).
func TestChangelogFrameIsTheRevisionInForces(t *testing.T) {
	dir := history(t)
	for _, c := range []struct{ today, summary string }{
		{"2026-06-01", "<summary>2.0 · 现行<"},
		{"2024-06-01", "<summary>1.0<"},
	} {
		files, err := buildDir(t, dir, c.today, false)
		if err != nil {
			t.Fatal(err)
		}
		page := string(files["changelog/index.html"])
		for _, want := range []string{c.summary, `<a href="/latest/print/">打印全文</a>`, `<a href="/changelog/" aria-current="page">修订记录</a>`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the changelog lacks %s", c.today, want)
			}
		}
		if strings.Contains(page, `class="banner`) {
			t.Errorf("%s: the changelog has a revision's banner:\n%s", c.today, between(page, `class="banner`, "</div>"))
		}
	}
}
