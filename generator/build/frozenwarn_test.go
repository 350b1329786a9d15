package build

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"handbook/generator/diag"
)

// handbookTree is the repository's handbook, in memory, with edit
// applied to the working copy's file name.
func handbookTree(t *testing.T, name string, edit func(string) string) fstest.MapFS {
	t.Helper()
	src := os.DirFS("../../content")
	m := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before := string(m[name].Data)
	after := edit(before)
	if after == before {
		t.Fatalf("the edit left %s as it was", name)
	}
	m[name] = &fstest.MapFile{Data: []byte(after)}
	return m
}

func orgChartWarnings(t *testing.T, src fstest.MapFS, drafts bool) []diag.Diagnostic {
	t.Helper()
	_, res, err := run(t, src, func(o *Options) { o.Drafts = drafts })
	if err != nil {
		t.Fatal(err)
	}
	var out []diag.Diagnostic
	for _, d := range res.Warnings {
		if strings.Contains(d.Hint, "org chart") {
			out = append(out, d)
		}
	}
	return out
}

// The org chart's three remarks on 第三章's job descriptions are about
// text that published revision 2026.1 and the working copy share. An
// admin who added a line above them (or deleted the title) got six
// warnings from the preview and build -drafts, three of them at the
// frozen copy content/revisions/2026.1/03-job-descriptions.md, which no one
// may edit. They are said once, at the working copy's lines; a build
// without the draft says them there too, noting that the revision stays
// as published; and once the working copy is corrected, neither says them.
func TestFrozenRevisionsWarningsAreSaidOfTheWorkingCopy(t *testing.T) {
	const file = "03-job-descriptions.md"
	blank := handbookTree(t, file, func(s string) string { return strings.Replace(s, "---\n\n", "---\n\n\n", 1) })
	at := func(ws []diag.Diagnostic) []string {
		var out []string
		for _, d := range ws {
			out = append(out, d.String()[:strings.Index(d.String(), ": warning")])
		}
		return out
	}
	want := "content/03-job-descriptions.md:15:1 content/03-job-descriptions.md:54:1 content/03-job-descriptions.md:78:1"

	t.Run("the preview and build -drafts say them once, of the working copy", func(t *testing.T) {
		ws := orgChartWarnings(t, blank, true)
		if got := strings.Join(at(ws), " "); got != want {
			t.Errorf("warnings at %s, want %s", got, want)
		}
		for _, d := range ws {
			if strings.Contains(d.Hint, "published revision") {
				t.Errorf("the draft's own warning carries the frozen copy's note: %s", d)
			}
		}
	})

	t.Run("build says them at the working copy's lines, the revision left as published", func(t *testing.T) {
		ws := orgChartWarnings(t, blank, false)
		if got := strings.Join(at(ws), " "); got != want {
			t.Errorf("warnings at %s, want %s", got, want)
		}
		if len(ws) == 3 {
			w := ws[0].String()
			note := "— the org chart on 02-structure.md shows this as drawn; correct the job descriptions (titles, 直接上级/直接下级 lines) in a new revision if they are wrong" +
				" (published revision 2026.1 has the same line, content/revisions/2026.1/03-job-descriptions.md:14, and stays as published: nothing is wrong with its history; the correction is made here, in the working copy, for the next revision)"
			if !strings.HasSuffix(w, note) {
				t.Errorf("the first warning:\n%s\nwant it to end\n%s", w, note)
			}
		}
	})

	t.Run("once the working copy is corrected, no build says them", func(t *testing.T) {
		fixed := handbookTree(t, file, func(s string) string {
			return strings.Replace(s, "直接下级:大客户总监", "直接下级:内勤、大客户员", 1)
		})
		for _, drafts := range []bool{false, true} {
			if ws := orgChartWarnings(t, fixed, drafts); len(ws) > 0 {
				t.Errorf("drafts %v: %d warnings of a line corrected in the working copy: %s", drafts, len(ws), at(ws))
			}
		}
	})
}

// A warning about a published revision's file is said once, of the
// working copy, the one to edit, whether its line moved there or not; a
// build without the draft says it at the working copy's line of the same
// words; a revision's own warning (of text the working copy does not
// have) is left out once the working copy changed it; one of a file the
// working copy does not have, or about the revision's history, stays.
func TestWarningsOfFrozenCopiesAreSaidOnce(t *testing.T) {
	w := func(file string, line int, msg string) diag.Diagnostic {
		return diag.Diagnostic{File: file, Line: line, Col: 1, Msg: msg, Hint: "改" + msg, Severity: diag.Warning}
	}
	jobs := strings.Repeat("x\n", 13) + "直接下级:大客户总监\n" + strings.Repeat("y\n", 5) + "只在这一版\n"
	src := fstest.MapFS{
		"03-jobs.md":                  {Data: []byte("\n" + strings.Replace(jobs, "只在这一版", "改了", 1))},
		"revisions/2026.1/03-jobs.md": {Data: []byte(jobs)},
		"revisions/2026.1/09-gone.md": {Data: []byte("a\nb\n")},
		"revisions/2025.1/03-jobs.md": {Data: []byte(jobs)},
		"revisions/2026.1/01-a.md":    {Data: []byte("1\n2\n同\n")},
		"01-a.md":                     {Data: []byte("1\n2\n同\n")},
	}
	all := diag.List{
		w("content/03-jobs.md", 15, "大客户总监把自己列为自己的直接下级"),
		w("content/revisions/2026.1/03-jobs.md", 14, "大客户总监把自己列为自己的直接下级"),
		w("content/revisions/2026.1/03-jobs.md", 20, "只在这一版"),
		w("content/revisions/2026.1/09-gone.md", 2, "删了的一章"),
		w("content/revisions/2025.1/03-jobs.md", 14, "大客户总监把自己列为自己的直接下级"),
		w("content/revisions/2026.1/01-a.md", 3, "同"),
		w("content/01-a.md", 3, "同"),
		w("content/revisions/2026.1/01-a.md", 2, "its address was another chapter's until revision 2025.1"),
	}
	read := sourceReader(Options{Source: src, SourceName: "content"})
	said := func(drafts bool, l diag.List) string {
		res, err := finish(&Result{}, append(diag.List{}, l...), time.Now(), frozenSource{read: read, draftBuilt: drafts})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Warnings {
			got = append(got, d.String()[:strings.Index(d.String(), ": warning")]+" "+d.Msg)
		}
		return strings.Join(got, "\n")
	}
	want := "content/01-a.md:3:1 同\ncontent/03-jobs.md:15:1 大客户总监把自己列为自己的直接下级\n" +
		"content/revisions/2026.1/01-a.md:2:1 its address was another chapter's until revision 2025.1\ncontent/revisions/2026.1/09-gone.md:2:1 删了的一章"
	if got := said(true, all); got != want {
		t.Errorf("with the draft, warnings:\n%s\nwant\n%s", got, want)
	}
	// Without the draft's own, the revisions' are said of the working copy.
	if got := said(false, append(all[1:6:6], all[7])); got != want {
		t.Errorf("without the draft, warnings:\n%s", got)
	}
}
