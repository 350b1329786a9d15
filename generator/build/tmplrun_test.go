package build

import (
	"bytes"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"handbook/generator/bench/gentree"
	"handbook/generator/output"
	"handbook/theme"
)

// Every file a build makes with tmplrun running the templates is the file
// html/template makes, byte for byte: the handbook (both revisions, the
// draft, the changelog, calculator, search, print and 404 pages), a
// history of three revisions read on days when each is upcoming, in force
// and superseded, and a generated tree of sections. And the built-in
// theme's pages are all tmplrun's: none is handed back.
func TestTemplatesRunAsHTMLTemplate(t *testing.T) {
	files, err := gentree.Files(300, 3)
	if err != nil {
		t.Fatal(err)
	}
	tree := fstest.MapFS{}
	for name, data := range files {
		if rest, ok := cutContent(name); ok {
			tree[rest] = &fstest.MapFile{Data: data}
		}
	}
	hist := os.DirFS(history(t))
	builds := []struct {
		name string
		opts Options
	}{
		{"handbook", Options{Source: os.DirFS("../../content"), Drafts: true}},
		{"handbook before 2026.1", Options{Source: os.DirFS("../../content"), Today: date(t, "2025-06-01")}},
		{"history, nothing in force", Options{Source: hist, Drafts: true, Today: date(t, "2024-06-01")}},
		{"history 1.0", Options{Source: hist, Today: date(t, "2025-06-01")}},
		{"history 2.0", Options{Source: hist, Drafts: true, Today: date(t, "2026-06-01")}},
		{"history 3.0", Options{Source: hist, Today: date(t, "2027-06-01")}},
		{"generated tree", Options{Source: tree}},
		{"generated tree, no search", Options{Source: tree, NoSearch: true}},
	}
	defer func(on bool) { fastTemplates = on }(fastTemplates)
	for _, b := range builds {
		made := map[bool]map[string][]byte{}
		before := handedBack.Load()
		for _, fast := range []bool{true, false} {
			fastTemplates = fast
			opts := b.opts
			opts.SourceName, opts.Theme, opts.ThemeName = "content", theme.FS, "theme"
			mem := output.NewMemory()
			opts.Out = mem
			if _, err := Run(opts); err != nil {
				t.Fatalf("%s: %v", b.name, err)
			}
			made[fast] = mem.Files
		}
		if n := handedBack.Load() - before; n != 0 {
			t.Errorf("%s: %d pages handed back to html/template", b.name, n)
		}
		fast, slow := made[true], made[false]
		names := slices.Sorted(func(yield func(string) bool) {
			for n := range slow {
				if !yield(n) {
					return
				}
			}
		})
		if len(fast) != len(slow) {
			t.Errorf("%s: %d files with tmplrun, %d without", b.name, len(fast), len(slow))
		}
		for _, n := range names {
			if !bytes.Equal(fast[n], slow[n]) {
				t.Errorf("%s: %s differs:\n%s", b.name, n, firstDifference(fast[n], slow[n]))
			}
		}
	}
}

func cutContent(name string) (string, bool) {
	const p = "content/"
	if len(name) > len(p) && name[:len(p)] == p {
		return name[len(p):], true
	}
	return "", false
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "tmplrun:       …" + string(a[from:min(len(a), i+80)]) + "\nhtml/template: …" + string(b[from:min(len(b), i+80)])
}
