package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// loadLinked makes the symbolic links (name in the folder → what it
// holds) in the content folder and loads it through an os.Root, as the
// handbook command does.
func loadLinked(t *testing.T, content string, links map[string]string) (*Tree, diag.List) {
	t.Helper()
	for link, to := range links {
		if err := os.Symlink(to, filepath.Join(content, link)); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(content)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return LoadWith(root.FS(), "content", LoadOptions{})
}

// TestSymlinkedFoldersAreFollowedAsHugoDoes: a folder of a Hugo tree that
// is a symbolic link to another folder of the tree is read, as Hugo reads
// it (its pages were silently missing); a link that leads out of the
// tree or nowhere, or back to a folder that holds it, is not followed,
// with a warning naming it, and the build does not go round for ever.
func TestSymlinkedFoldersAreFollowedAsHugoDoes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, "content", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("shared/guide.md", "---\ntitle: Guide\n---\ntext\n")
	write("docs/_index.md", "---\ntitle: Docs\n---\n")
	write("outside/secret.md", "# secret\n")
	if err := os.Rename(filepath.Join(dir, "content", "outside"), filepath.Join(dir, "outside")); err != nil {
		t.Fatal(err)
	}
	tr, errs := loadLinked(t, filepath.Join(dir, "content"), map[string]string{
		"docs/manual": "../shared", // inside the tree: followed
		"shared/loop": "..",        // a folder that holds it
		"away":        "../outside",
		"gone":        "nowhere",
	})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var files []string
	for _, p := range tr.Pages {
		files = append(files, p.File+" "+p.URL)
	}
	for _, want := range []string{"docs/manual/guide.md docs/manual/guide/", "shared/guide.md shared/guide/"} {
		if !slices.Contains(files, want) {
			t.Errorf("pages %v lack %s", files, want)
		}
	}
	for _, f := range files {
		if strings.Contains(f, "secret") || strings.Count(f, "loop") > 0 {
			t.Errorf("read %s", f)
		}
	}
	warned := map[string]string{}
	for _, d := range errs {
		if d.Severity == diag.Warning {
			warned[d.File] = d.Msg
		}
	}
	for file, want := range map[string]string{
		"content/away":        "is a symbolic link that leads outside the content folder (to ../outside): not followed",
		"content/gone":        "is a symbolic link to nowhere, which is not there: not followed",
		"content/shared/loop": "a folder that holds it: not followed",
	} {
		if !strings.Contains(warned[file], want) {
			t.Errorf("%s: warned %q, want %q (all: %v)", file, warned[file], want, errs)
		}
	}
}

// TestSymlinkedPagesSayWhereTheyLead: a page file that is a symbolic link
// to a file since moved or renamed says which file it names and that it
// is not there (it was "leads outside the content folder, or nowhere",
// for a link that leads nowhere inside it); one out of the tree says
// where it leads.
func TestSymlinkedPagesSayWhereTheyLead(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "hr"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outside.md"), []byte("# secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := loadLinked(t, filepath.Join(dir, "content"), map[string]string{
		"hr/leave.md": "../old/leave.md", // moved away since
		"hr/out.md":   "../../outside.md",
		"hr/a.md":     "b.md", // each to the other
		"hr/b.md":     "a.md",
	})
	got := map[string]string{}
	for _, d := range errs {
		got[d.File] = d.Msg + " — " + d.Hint
	}
	for file, want := range map[string]string{
		"content/hr/leave.md": "is a symbolic link to ../old/leave.md, which is not there: not read — point the link at the file where it is now",
		"content/hr/out.md":   "is a symbolic link that leads outside the content folder (to ../../outside.md): not read — copy the file into the content folder",
		"content/hr/a.md":     "is a symbolic link that leads round in a loop (hr/a.md → hr/b.md → hr/a.md): not read — point one of the links at the file itself",
	} {
		if !strings.HasPrefix(got[file], want) {
			t.Errorf("%s: got %q, want %q… (all: %v)", file, got[file], want, errs)
		}
	}
}
