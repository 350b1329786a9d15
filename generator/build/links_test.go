package build

import (
	"net/url"
	"strings"
	"testing"
)

// plainLink must split every link it accepts exactly as url.Parse does,
// and accept only links inside the handbook.
func FuzzPlainLink(f *testing.F) {
	for _, s := range []string{
		"06-performance.md#销售人员奖惩办法", "#一业绩考评", "../hr/leave.md", "chapter/", "a#b#c", "#", "x.md#",
		"https://example.com/a", "mailto:hr@example.com", "//cdn.example.com/x.js", "a%20b.md", "a b.md",
		"?q=1", "a.md?x#y", "\\\\server\\share", "/abs/path.md", "a\x7fb", "a\tb", "%zz", "#%E4%B8%AD",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		got, ok := plainLink(dest)
		if !ok {
			return
		}
		u, err := url.Parse(dest)
		if err != nil {
			t.Fatalf("plainLink(%q) accepted a link url.Parse rejects: %v", dest, err)
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
			t.Fatalf("plainLink(%q) accepted a link outside the handbook", dest)
		}
		if got.Path != u.Path || got.Fragment != u.Fragment {
			t.Fatalf("plainLink(%q) = %q #%q, url.Parse: %q #%q", dest, got.Path, got.Fragment, u.Path, u.Fragment)
		}
	})
}

func TestPlainLinkTakesTheUsualLinks(t *testing.T) {
	for _, s := range []string{"06-performance.md#销售人员奖惩办法", "#一业绩考评", "../hr/leave.md", "chapter/"} {
		if _, ok := plainLink(s); !ok {
			t.Errorf("plainLink(%q) left a usual link to url.Parse", s)
		}
	}
	for _, s := range []string{"https://example.com/a", "mailto:hr@example.com", "//cdn.example.com/x", "a%20b.md", "a b.md"} {
		if _, ok := plainLink(s); ok {
			t.Errorf("plainLink(%q) took a link only url.Parse can read", s)
		}
	}
}
