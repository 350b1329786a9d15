package output

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildsKnowTheirRedirectPages: a build may write, beside latest/ and
// the rest, the redirect pages of pages' old addresses (old/leave/,
// leave.html, at the top of the site where the old site had them). The
// next build, full or incremental, knows them as its own, whether they
// came in with a full build, an incremental one (a small change or one
// committed whole), or went; a file of the user's own is still refused.
func TestBuildsKnowTheirRedirectPages(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeBuild(t, target, map[string]string{"index.html": "r", "latest/index.html": "a", "old/leave/index.html": "r1"})
	if err := CheckTarget(target, t.TempDir()); err != nil {
		t.Fatalf("after a full build: %v", err)
	}
	files := func(m map[string]string) map[string]Sum {
		out := map[string]Sum{}
		for n, c := range m {
			out[n] = sha256.Sum256([]byte(c))
		}
		return out
	}
	prev := files(map[string]string{"index.html": "r", "latest/index.html": "a", "old/leave/index.html": "r1"})
	update := func(next map[string]string) {
		t.Helper()
		u, err := BeginUpdate(target, prev)
		if err != nil {
			t.Fatal(err)
		}
		for n, c := range next {
			if err := u.WriteFile(n, []byte(c)); err != nil {
				t.Fatal(err)
			}
		}
		if prev, err = u.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := CheckTarget(target, t.TempDir()); err != nil {
			t.Fatalf("after an update to %v: %v", next, err)
		}
	}
	update(map[string]string{"index.html": "r", "latest/index.html": "a", "leave.html": "r2"})
	update(map[string]string{"index.html": "r", "latest/index.html": "b", "旧/index.html": "r3"})
	many := map[string]string{"index.html": "r", "latest/index.html": "c", "kaoqin.html": "r4"}
	for i := range SmallChange + 1 {
		many[fmt.Sprintf("latest/p%d/index.html", i)] = "p"
	}
	update(many) // committed whole
	if got := snapshot(t, target); !strings.Contains(got, "kaoqin.html") || strings.Contains(got, "旧/") {
		t.Fatalf("the target is not the last build:\n%s", got)
	}

	if err := os.WriteFile(filepath.Join(target, "CNAME"), []byte("hr.example.com"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckTarget(target, t.TempDir()); err == nil || !strings.Contains(err.Error(), "holds CNAME, which no build made") {
		t.Errorf("a file of the user's own: %v", err)
	}
}
