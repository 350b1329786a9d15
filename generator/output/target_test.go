package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckTargetRefusesWhatABuildWouldLose: a build replaces its output
// folder whole, so the source, a folder holding it, and a folder of files
// no build made are refused; a new, empty or earlier build's folder is not.
func TestCheckTargetRefusesWhatABuildWouldLose(t *testing.T) {
	root := t.TempDir()
	mk := func(files ...string) string {
		for _, f := range files {
			p := filepath.Join(root, filepath.FromSlash(f))
			if strings.HasSuffix(f, "/") {
				if err := os.MkdirAll(p, 0o755); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return root
	}
	mk("site/content/a.md", "site/README.txt", "foreign/keep.txt", "empty/", "old/index.html", "old/assets/main.css", "old/latest/index.html",
		"half/index.html", "half/assets/", "afile")
	if err := os.Symlink(filepath.Join(root, "site", "content"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	writeBuild(t, filepath.Join(root, "built"), map[string]string{"index.html": "一", "latest/index.html": "二"})
	writeBuild(t, filepath.Join(root, "builtplus"), map[string]string{"index.html": "一"})
	mk("builtplus/CNAME")
	src := filepath.Join(root, "site", "content")
	for _, c := range []struct {
		out, want string // want "" for accepted
	}{
		{src, "is the source folder"},
		{src + "/", "is the source folder"},
		{filepath.Join(root, "site", "content", "..", "content"), "is the source folder"},
		{filepath.Join(root, "link"), "is the source folder"},
		{filepath.Join(root, "site"), "is inside the output folder"},
		{root, "is inside the output folder"},
		{filepath.Join(root, "foreign"), "holds files no build of handbook made (keep.txt, …)"},
		{filepath.Join(root, "half"), "holds files no build"},
		{filepath.Join(root, "afile"), "is a file"},
		{filepath.Join(root, "new"), ""},
		{filepath.Join(root, "new", "deeper"), ""},
		{filepath.Join(root, "empty"), ""},
		{filepath.Join(root, "old"), ""},
		{filepath.Join(root, "built"), ""},
		{filepath.Join(root, "builtplus"), "holds CNAME, which no build made"},
		{filepath.Join(root, "site", "content", "public"), "is inside the source folder"},
		{filepath.Join(root, "site", "public"), ""}, // beside the source, like Hugo's public/
	} {
		err := CheckTarget(c.out, src)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("CheckTarget(%s): %v, want it accepted", c.out, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("CheckTarget(%s) = %v, want an error saying %q", c.out, err, c.want)
		case err != nil && !strings.Contains(err.Error(), " — "):
			t.Errorf("CheckTarget(%s) = %v: no advice", c.out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "built", Marker)); err != nil {
		t.Errorf("a committed build has no marker: %v", err)
	}
	// Run inside the source folder (a handbook's own, with -source .),
	// the -out suggested is beside it, not the public/ just refused.
	t.Chdir(src)
	if err := CheckTarget("public", "."); err == nil || !strings.HasSuffix(err.Error(), "— choose an -out beside the source, e.g. -out ../public") {
		t.Errorf("-source . -out public: %v, want ../public suggested", err)
	}
}
