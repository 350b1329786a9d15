package build

import (
	"regexp"
	"strings"
	"testing"
)

// The search page is opened to search: its head asks for the index's
// meta.json at once, beside the page's script, instead of after it has run
// (one round of requests fewer before the first results). The preload must
// be what the script fetches — the same URL, a CORS fetch — or the browser
// fetches it twice; other pages have no use for it.
func TestSearchPagePreloadsItsIndex(t *testing.T) {
	mem, _, err := run(t, tree(handbook), nil)
	if err != nil {
		t.Fatal(err)
	}
	preload := regexp.MustCompile(`<link rel="preload" href="([^"]*)" as="fetch" crossorigin>`)
	page := string(mem.Files["latest/search/index.html"])
	m := preload.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the search page does not preload its index:\n%s", page[:strings.Index(page, "</head>")])
	}
	idx := regexp.MustCompile(`<meta name="search-index" content="([^"]*)">`).FindStringSubmatch(page)
	if idx == nil || m[1] != idx[1]+"meta.json" {
		t.Errorf("the search page preloads %s, but its script reads %v + meta.json", m[1], idx)
	}
	if _, ok := mem.Files[strings.TrimPrefix(m[1], "/")]; !ok {
		t.Errorf("the preloaded %s is not in the build", m[1])
	}
	for _, other := range []string{"latest/index.html", "latest/intro/index.html", "latest/pay/index.html"} {
		if strings.Contains(string(mem.Files[other]), "meta.json") {
			t.Errorf("%s preloads the search index it may never use", other)
		}
	}
}
