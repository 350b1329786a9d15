package revision

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbook/generator/internal/treesum"
)

// writeTree writes files (slash paths) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// digest hashes every file under dir except revisions/, so a test can
// prove the draft is byte-identical after a publish.
func digest(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == Dir && d.IsDir() {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		sum := sha256.Sum256(b)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func versions(t testing.TB, dir string) []string {
	t.Helper()
	revs, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil {
		t.Fatalf("Load after publish: %v", err)
	}
	var vs []string
	for _, r := range revs {
		vs = append(vs, r.Version)
	}
	return vs
}

func tmpLeft(t testing.TB, dir string) []string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, Dir, tmpPrefix+"*"))
	return matches
}

func newDraft(t testing.TB) string {
	dir := filepath.Join(t.TempDir(), "content")
	files := map[string]string{".DS_Store": "x", "notes.md~": "backup"}
	for p, s := range draft2025 {
		files[p] = s
	}
	writeTree(t, dir, files)
	return dir
}

func TestPublishRoundTrip(t *testing.T) {
	dir := newDraft(t)
	before := digest(t, dir)
	var checked []string
	req := Request{
		Version: "2025.1", Effective: day("2025-01-01"), Note: "首版：原文照录，附编者注。\n\"引号\"",
		Now: time.Date(2025, 1, 15, 23, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Check: func(snap fs.FS) ([]string, error) {
			checked = nil
			err := fs.WalkDir(snap, ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					checked = append(checked, p)
				}
				return err
			})
			return checked, err
		},
	}
	if err := Publish(dir, req); err != nil {
		t.Fatal(err)
	}
	if want := "01-functions.md 06-performance.md rules.toml sales/02-x.md site.toml"; strings.Join(checked, " ") != want {
		t.Errorf("check saw %v, want %s (no hidden files, backups or revisions)", checked, want)
	}
	revs, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil || len(revs) != 1 {
		t.Fatalf("Load: %d revisions, %v", len(revs), err)
	}
	r := revs[0]
	if r.Version != "2025.1" || !r.Effective.Equal(day("2025-01-01")) || !r.Published.Equal(day("2025-01-15")) || r.Note != req.Note {
		t.Errorf("round trip lost metadata: %+v", r)
	}
	for p, s := range draft2025 {
		if b, err := fs.ReadFile(r.Files, p); err != nil || string(b) != s {
			t.Errorf("%s: got %q, %v", p, b, err)
		}
	}
	man, err := os.ReadFile(filepath.Join(dir, Dir, "2025.1", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(man), "\n"), "\n")
	var paths []string
	for _, l := range lines {
		sum, p, _ := strings.Cut(l, "  ")
		if len(sum) != 64 {
			t.Errorf("manifest line %q", l)
		}
		paths = append(paths, p)
	}
	if want := "01-functions.md 06-performance.md revision.toml rules.toml sales/02-x.md site.toml"; strings.Join(paths, " ") != want {
		t.Errorf("manifest lists %v, want %s", paths, want)
	}
	if after := digest(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the draft changed")
	}

	// A later revision from an edited draft.
	writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n\n5、有对所属下级的工作争议的裁决权\n"})
	if err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Note: "勘误"}); err != nil {
		t.Fatal(err)
	}
	if got := versions(t, dir); strings.Join(got, " ") != "2025.1 2026.1" {
		t.Errorf("versions %v", got)
	}
}

func TestPublishRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		req   Request
		want  string
	}{
		{"an existing version", nil,
			Request{Version: "2025.1", Effective: day("2026-01-01")},
			"revision 2025.1 already exists"},
		{"an effective date before the latest revision's", nil,
			Request{Version: "2024.1", Effective: day("2024-12-31")},
			"effective date 2024-12-31 is earlier than that of revision 2025.1 (2025-01-01): a new revision cannot take effect before an existing one; choose 2025-01-02 or later"},
		{"a draft the check rejects", nil,
			Request{Version: "2026.1", Effective: day("2026-01-01"), Check: func(fs.FS) ([]string, error) {
				return nil, errors.New("content/06-performance.md:3:1: error: 举例 gives 2640, the rules give 2641")
			}},
			"the draft has errors, so nothing was published:\ncontent/06-performance.md:3:1"},
		{"the effective date of an existing revision, which would never be in force",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "2025.2", Effective: day("2025-01-01")},
			"effective date 2025-01-01 is that of revision 2025.1, which has taken effect: two revisions cannot take effect on the same day once it has come (readers had the first on it); choose 2025-01-02 or later"},
		{"a version id that reads as an existing one",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "2025.01", Effective: day("2026-01-01")},
			"version id 2025.01 reads as that of revision 2025.1 ("},
		{"a version id that sorts before the latest revision's, on a later date",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "2024.9", Effective: day("2026-01-01")},
			"version id 2024.9 comes before 2025.1, the latest revision's, yet would take effect after it: readers take the higher version for the newer text; choose a version id after 2025.1"},
		{"a chapter emptied (an editor that crashed while saving, a bad merge)",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "\ufeff \r\n\n", "sales/_index.md": ""})
			},
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"content/01-functions.md is empty: a published chapter would have no title and no text, for good; restore the file (git checkout -- "},
		{"a chapter emptied to its front matter",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "---\ntitle: 第一章\n---\n\n"})
			},
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"content/01-functions.md has front matter and no text: a published chapter would be a title over nothing, for good; restore its text (git checkout -- "},
		{"a version id with letters where every other is numbered",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "v2026.1", Effective: day("2026-01-01")},
			"version id v2026.1 is not numbers joined by dots, as every revision's here is (2025.1): published, it would order the versions after it for good; write it as they are, e.g. 2025.2"},
		{"a version id of a release candidate where every other is numbered",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "2026.1-rc1", Effective: day("2026-01-01")},
			"version id 2026.1-rc1 is not numbers joined by dots"},
		{"a version id that reads as an existing one with a .0 after it",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
			},
			Request{Version: "2025.1.0", Effective: day("2026-01-01")},
			"version id 2025.1.0 reads as that of revision 2025.1 ("},
		{"a draft with nothing changed since the latest revision", nil,
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"the draft is the same as revision 2025.1 ("},
		{"a draft that changed only in a comment of rules.toml",
			func(t *testing.T, dir string) {
				b, err := os.ReadFile(filepath.Join(dir, "rules.toml"))
				if err != nil {
					t.Fatal(err)
				}
				writeTree(t, dir, map[string]string{"rules.toml": "# 注释\n" + string(b) + "\n# 又一行注释\n\n"})
			},
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"the draft is the same as revision 2025.1"},
		{"a draft that changed only in files the published edition does not use",
			func(t *testing.T, dir string) { writeTree(t, dir, map[string]string{"notes.txt": "私人笔记"}) },
			Request{Version: "2026.1", Effective: day("2026-01-01"), Check: usesAllBut("notes.txt")},
			"the draft is the same as revision 2025.1"},
		// A typo in the year locked the scheme for good: every later
		// version had to sort after it.
		{"a version id whose year is not its effective date's", nil,
			Request{Version: "2062.1", Effective: day("2026-01-01")},
			"version id 2062.1 does not start with the year it takes effect in (2026-01-01), or the year before or after, as every revision's here does (2025.1): published, it would order the versions after it for good; did you mean 2025.2 or 2026.1?"},
		{"a version id whose first part is no year", nil,
			Request{Version: "99999999999999999999.1", Effective: day("2026-01-01")},
			"version id 99999999999999999999.1 does not start with the year it takes effect in (2026-01-01)"},
		{"a version id of an earlier year's, one taken", nil,
			Request{Version: "2024.2", Effective: day("2025-06-01")},
			"version id 2024.2 comes before 2025.1"},
		{"an effective date centuries ahead", nil,
			Request{Version: "2026.1", Effective: day("9999-12-31")},
			"effective date 9999-12-31 is more than 10 years after today ("},
		{"a version id with a slash", nil, Request{Version: "2026/1", Effective: day("2026-01-01")}, "not a valid version id"},
		{"a version id that climbs out", nil, Request{Version: "..", Effective: day("2026-01-01")}, "not a valid version id"},
		{"a version id that looks like a publish in progress", nil, Request{Version: ".tmp-1", Effective: day("2026-01-01")}, "not a valid version id"},
		{"an empty version id", nil, Request{Effective: day("2026-01-01")}, "not a valid version id"},
		{"a missing effective date", nil, Request{Version: "2026.1"}, "effective date (生效日期) is missing"},
		{"damaged history",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"revisions/2025.1/rules.toml": "[tiers]\nmin = 50\n"})
			},
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"content/revisions/2025.1/rules.toml: error: this file differs from the manifest"},
		{"a draft file with a reserved name",
			func(t *testing.T, dir string) { writeTree(t, dir, map[string]string{"revision.toml": ""}) },
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"revision.toml: this name is reserved"},
		{"a second publish while one is running",
			func(t *testing.T, dir string) {
				unlock, err := lockDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(unlock)
			},
			Request{Version: "2026.1", Effective: day("2026-01-01")},
			"another publish is running"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newDraft(t)
			if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := digest(t, dir)
			entries, _ := os.ReadDir(filepath.Join(dir, Dir))
			err := Publish(dir, tt.req)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Publish error = %v, want it to contain %q", err, tt.want)
			}
			after, _ := os.ReadDir(filepath.Join(dir, Dir))
			if len(after) != len(entries) {
				t.Errorf("revisions/ changed: %d entries, was %d", len(after), len(entries))
			}
			if fmt.Sprint(digest(t, dir)) != fmt.Sprint(before) {
				t.Errorf("the draft changed")
			}
		})
	}
}

// Versions numbered by year keep to the year of their effective date,
// give or take one; a handbook numbered otherwise is not held to years,
// and a date ten years ahead is still a date.
func TestPublishVersionYears(t *testing.T) {
	for _, c := range []struct {
		name string
		reqs []Request
	}{
		{"by year", []Request{
			{Version: "2025.1", Effective: day("2025-01-01")},
			{Version: "2025.2", Effective: day("2026-01-01")}, // decided in 2025
			{Version: "2027.1", Effective: day("2026-12-01")}, // named for the year it mostly runs in
			{Version: "2027.2", Effective: day("2027-03-01")},
		}},
		{"by number", []Request{
			{Version: "1.0", Effective: day("2025-01-01")},
			{Version: "2.0", Effective: day("2026-01-01")},
			{Version: "3000.1", Effective: day("2026-02-01")},
		}},
		{"ten years ahead", []Request{
			{Version: "2025.1", Effective: day("2025-01-01")},
			{Version: strconv.Itoa(time.Now().Year()+10) + ".1", Effective: Day(time.Now()).AddDate(10, 0, -1)},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := newDraft(t)
			for i, req := range c.reqs {
				writeTree(t, dir, map[string]string{"01-functions.md": fmt.Sprintf("# 第一章\n第%d版\n", i)})
				if err := Publish(dir, req); err != nil {
					t.Fatalf("%s: %v", req.Version, err)
				}
			}
		})
	}
}

// usesAllBut is a Check whose published edition uses every file of the
// draft but those named.
func usesAllBut(unused ...string) func(fs.FS) ([]string, error) {
	return func(snap fs.FS) ([]string, error) {
		var used []string
		err := fs.WalkDir(snap, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !slices.Contains(unused, p) {
				used = append(used, p)
			}
			return err
		})
		return used, err
	}
}

func TestPublishFreezesOnlyWhatTheEditionUses(t *testing.T) {
	dir := newDraft(t)
	writeTree(t, dir, map[string]string{"notes.txt": "私人笔记：明年裁员名单\n", "wip.md": "---\ndraft: true\n---\n# 草稿\n"})
	var calls [][]string
	check := usesAllBut("notes.txt", "wip.md")
	req := Request{Version: "2025.1", Effective: day("2025-01-01"), Check: func(snap fs.FS) ([]string, error) {
		all, _ := usesAllBut()(snap)
		calls = append(calls, all)
		return check(snap)
	}}
	if err := Publish(dir, req); err != nil {
		t.Fatal(err)
	}
	revs, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil || len(revs) != 1 {
		t.Fatalf("Load: %v", err)
	}
	got, _ := usesAllBut()(revs[0].Files)
	if want := "01-functions.md 06-performance.md rules.toml sales/02-x.md site.toml"; strings.Join(got, " ") != want {
		t.Errorf("the revision holds %v, want %s", got, want)
	}
	// The second check builds exactly what is frozen.
	if len(calls) != 2 || strings.Join(calls[1], " ") != strings.Join(got, " ") {
		t.Errorf("checks saw %v, want the whole draft, then what is frozen", calls)
	}
}

func TestPublishChainsRevisions(t *testing.T) {
	dir := newDraft(t)
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n改\n"})
	if err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01")}); err != nil {
		t.Fatal(err)
	}
	revs, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil || len(revs) != 2 {
		t.Fatalf("Load: %v", err)
	}
	if r := revs[0]; !r.Chained || r.Previous != "" {
		t.Errorf("the first revision records %q, chained %v; want it to say it is the first", r.Previous, r.Chained)
	}
	if r := revs[1]; !r.Chained || r.Previous != "2025.1" || r.PreviousManifest != revs[0].ManifestSum {
		t.Errorf("2026.1 records %q %q, want 2025.1 %s", r.Previous, r.PreviousManifest, revs[0].ManifestSum)
	}
}

// TestLoadVerifiesTheChain changes history in the ways a manifest alone
// cannot see, and checks that the build then fails naming the revision.
func TestLoadVerifiesTheChain(t *testing.T) {
	rehash := func(t *testing.T, dir, version string) {
		folder := filepath.Join(dir, Dir, version)
		files := map[string][]byte{}
		filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != ManifestFile {
				rel, _ := filepath.Rel(folder, p)
				files[filepath.ToSlash(rel)], _ = os.ReadFile(p)
			}
			return nil
		})
		if err := os.WriteFile(filepath.Join(folder, ManifestFile), formatManifest(files), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		tamper func(t *testing.T, dir string)
		want   string
	}{
		{"an earlier revision edited together with its manifest",
			func(t *testing.T, dir string) {
				writeTree(t, dir, map[string]string{"revisions/2026.1/rules.toml": "[tiers]\nmin = 50\n"})
				rehash(t, dir, "2026.1")
			},
			"content/revisions/2026.1/manifest.sha256: error: revision 2026.1 has changed since revision 2026.2 was published"},
		{"a file of an earlier revision deleted with its manifest line",
			func(t *testing.T, dir string) {
				os.Remove(filepath.Join(dir, Dir, "2025.1", "sales", "02-x.md"))
				rehash(t, dir, "2025.1")
			},
			"content/revisions/2025.1/manifest.sha256: error: revision 2025.1 has changed since revision 2026.1 was published"},
		{"a revision in the middle deleted",
			func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, Dir, "2026.1")) },
			"content/revisions/2026.1: error: revision 2026.1 is missing: revision 2026.2 was published after it"},
		{"a revision copied in between",
			func(t *testing.T, dir string) {
				os.CopyFS(filepath.Join(dir, Dir, "2026.0"), os.DirFS(filepath.Join(dir, Dir, "2025.1")))
				writeTree(t, dir, map[string]string{"revisions/2026.0/revision.toml": strings.NewReplacer("2025.1", "2026.0", "2025-01-01", "2025-06-01").Replace(
					string(must(os.ReadFile(filepath.Join(dir, Dir, "2025.1", MetaFile)))))})
				rehash(t, dir, "2026.0")
			},
			"content/revisions/2026.0: error: revision 2026.0 is not part of published history: revision 2026.1 was published right after 2025.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newDraft(t)
			for i, v := range []string{"2025.1", "2026.1", "2026.2"} {
				writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n" + v + "\n"})
				if err := Publish(dir, Request{Version: v, Effective: day(fmt.Sprintf("%d-0%d-01", 2025+min(i, 1), i+1))}); err != nil {
					t.Fatal(err)
				}
			}
			tt.tamper(t, dir)
			_, list := Load(os.DirFS(dir), "content")
			if err := list.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v\nwant an error containing %q", err, tt.want)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestPublishInterrupted stops a publish at every step in turn and
// checks that it leaves either nothing or a complete revision.
func TestPublishInterrupted(t *testing.T) {
	var steps []string
	dir := newDraft(t)
	err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01"),
		hook: func(s string) error { steps = append(steps, s); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < 8 || steps[len(steps)-1] != "committed" {
		t.Fatalf("steps %v", steps)
	}
	for k, stop := range steps {
		t.Run(fmt.Sprintf("stopped at step %d %s", k, stop), func(t *testing.T) {
			dir := newDraft(t)
			before := digest(t, dir)
			err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01"),
				hook: func(s string) error {
					if s == stop {
						return errors.New("interrupted")
					}
					return nil
				}})
			if err == nil {
				t.Fatal("want the injected error")
			}
			got := versions(t, dir)
			if stop == "committed" {
				if len(got) != 1 {
					t.Errorf("after the rename the revision must be complete, got %v", got)
				}
			} else if len(got) != 0 {
				t.Errorf("a publish stopped before the rename left %v", got)
			}
			if left := tmpLeft(t, dir); len(left) > 0 {
				t.Errorf("temporary folder left behind: %v", left)
			}
			if fmt.Sprint(digest(t, dir)) != fmt.Sprint(before) {
				t.Errorf("the draft changed")
			}
		})
	}
}

// A publish that fails leaves no trace, not even an empty folder: it
// made revisions/ first, so a first publish refused left an empty
// revisions/ in a new handbook, and one given a revision's folder as the
// draft (publish -source content/revisions/2026.1) left an empty
// revisions/ inside the frozen revision.
func TestPublishRefusedLeavesNoTrace(t *testing.T) {
	refuse := func(fs.FS) ([]string, error) { return nil, errors.New("content/01-functions.md:1:1: error: broken") }
	full := func(s string) error {
		if strings.HasPrefix(s, "wrote ") {
			return syscall.ENOSPC
		}
		return nil
	}
	for _, c := range []struct {
		name      string
		published bool   // 2025.1 is published first
		source    string // the folder given as the draft, under the handbook's
		req       Request
		want      string
	}{
		{"a new handbook's draft with errors", false, "",
			Request{Version: "2025.1", Effective: day("2025-01-01"), Check: refuse}, "the draft has errors"},
		{"a new handbook's first revision not written (a full disk)", false, "",
			Request{Version: "2025.1", Effective: day("2025-01-01"), hook: full}, "the disk is full"},
		{"a revision's folder given as the draft", true, "revisions/2025.1",
			Request{Version: "1", Effective: day("2026-01-01")}, "revisions/2025.1 is the folder of a published revision, not the handbook's folder of pages"},
		{"the revisions folder given as the draft", true, "revisions",
			Request{Version: "2026.1", Effective: day("2026-01-01")}, "revisions holds published revisions (2025.1), so it is the handbook's revisions/ folder, not its folder of pages"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := newDraft(t)
			if c.published {
				if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
					t.Fatal(err)
				}
			}
			before := treesum.Of(t, dir)
			err := Publish(filepath.Join(dir, filepath.FromSlash(c.source)), c.req)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Publish error = %v, want it to contain %q", err, c.want)
			}
			if after := treesum.Of(t, dir); after != before {
				t.Errorf("the tree changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

func TestPublishRemovesStaleTemporaryFolders(t *testing.T) {
	dir := newDraft(t)
	writeTree(t, dir, map[string]string{"revisions/.tmp-2025.1-dead/01-functions.md": "half"})
	if got := versions(t, dir); len(got) != 0 {
		t.Fatalf("Load must ignore a publish in progress, got %v", got)
	}
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
	if left := tmpLeft(t, dir); len(left) > 0 {
		t.Errorf("stale folder not removed: %v", left)
	}
}

const childEnv = "HANDBOOK_REVISION_PUBLISH_CHILD"

// TestPublishChild is not a test: it is the publish that
// TestPublishSurvivesSIGKILL runs in a child process and kills.
func TestPublishChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestPublishSurvivesSIGKILL")
	}
	fmt.Println("ready")
	start := time.Now()
	err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Note: "勘误",
		Check: func(snap fs.FS) ([]string, error) {
			if _, err := fs.ReadFile(snap, "06-performance.md"); err != nil {
				return nil, err
			}
			return usesAllBut()(snap)
		},
		// Slow each step a little so random kill times spread over all
		// of them, fsyncs included.
		hook: func(string) error { time.Sleep(300 * time.Microsecond); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(time.Since(start).Nanoseconds())
}

// killDraft is a bigger draft, so a publish has many steps to kill.
func killDraft(t *testing.T) string {
	dir := newDraft(t)
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("part%d/%02d-chapter.md", i%3, i)] = strings.Repeat(fmt.Sprintf("第%d条。政策文本。\n", i), 200)
	}
	writeTree(t, dir, files)
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n勘误\n"})
	return dir
}

// runChild starts a publish in a child process and returns once it is
// about to publish.
func runChild(t *testing.T, dir string) (*exec.Cmd, *bufio.Reader, time.Time) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPublishChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(out)
	line, err := rd.ReadString('\n')
	if err != nil || line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child did not start: %q, %v", line, err)
	}
	return cmd, rd, time.Now()
}

// TestPublishSurvivesSIGKILL kills a publishing child process at random
// moments and checks each time that history holds either no new revision
// or a complete, verified one, that the draft is byte-identical, and
// that the next publish succeeds.
func TestPublishSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	// Calibrate: how long an unkilled publish takes.
	dir := killDraft(t)
	cmd, out, _ := runChild(t, dir)
	line, _ := out.ReadString('\n')
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child publish failed: %v", err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
	if err != nil {
		t.Fatalf("child did not report its publish time: %q", line)
	}
	span := time.Duration(ns)
	if got := versions(t, dir); strings.Join(got, " ") != "2025.1 2026.1" {
		t.Fatalf("unkilled child published %v", got)
	}

	const iterations = 20
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	var before, partial, after int
	for i := range iterations {
		dir := killDraft(t)
		draft := digest(t, dir)
		cmd, _, start := runChild(t, dir)
		delay := time.Duration(r.Int64N(int64(span) * 6 / 5))
		time.Sleep(time.Until(start.Add(delay)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := versions(t, dir) // fails on any damaged or partial revision
		switch strings.Join(got, " ") {
		case "2025.1":
			before++
			if len(tmpLeft(t, dir)) > 0 {
				partial++
			}
		case "2025.1 2026.1":
			after++
			revs, _ := Load(os.DirFS(dir), "content")
			if b, err := fs.ReadFile(revs[1].Files, "part1/01-chapter.md"); err != nil || !strings.HasPrefix(string(b), "第1条") {
				t.Errorf("iteration %d: committed revision unreadable: %v", i, err)
			}
		default:
			t.Fatalf("iteration %d (killed after %v): revisions %v", i, delay, got)
		}
		if fmt.Sprint(digest(t, dir)) != fmt.Sprint(draft) {
			t.Fatalf("iteration %d: the draft changed", i)
		}
		// The next publish succeeds and clears what the kill left.
		next, eff := "2026.1", "2026-01-01"
		if slices.Contains(got, next) {
			next, eff = "2026.2", "2026-02-01"
			writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n再次勘误\n"})
		}
		if err := Publish(dir, Request{Version: next, Effective: day(eff)}); err != nil {
			t.Fatalf("iteration %d: publish after the kill: %v", i, err)
		}
		if left := tmpLeft(t, dir); len(left) > 0 {
			t.Fatalf("iteration %d: %v left behind", i, left)
		}
	}
	t.Logf("%d kills over a %v publish: %d before the commit (%d of them with a half-written folder), %d after",
		iterations, span.Round(time.Millisecond), before, partial, after)
}

// toCRLF rewrites every file of a revision folder with CRLF line ends,
// as a Git checkout on Windows (core.autocrlf=true, Git for Windows'
// default) writes text files; toLF undoes it, as Git commits them.
func rewriteRevision(t *testing.T, dir, version string, conv func(string) string) {
	t.Helper()
	root := filepath.Join(dir, Dir, version)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, []byte(conv(string(b))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func toCRLF(s string) string { return strings.ReplaceAll(toLF(s), "\n", "\r\n") }
func toLF(s string) string   { return strings.ReplaceAll(s, "\r\n", "\n") }

// History checked out with other line ends than it was published with
// (a Windows checkout with core.autocrlf; a Linux one of a revision
// published from CRLF files and committed from Windows) is the same
// history: it loads, chain included, with the bytes its manifest vouches
// for, where every file was "missing" and "not in the manifest" at once
// and no git checkout could help. An edit is still found.
func TestLoadAcceptsHistoryWithOtherLineEnds(t *testing.T) {
	dir := newDraft(t)
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01"), Note: "首版"}); err != nil {
		t.Fatal(err)
	}
	// The next one published from CRLF files.
	writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\r\n\r\n5、有对所属下级的工作争议的裁决权\r\n"})
	if err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Note: "勘误"}); err != nil {
		t.Fatal(err)
	}
	want, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	rewriteRevision(t, dir, "2025.1", toCRLF)
	rewriteRevision(t, dir, "2026.1", toLF)
	got, list := Load(os.DirFS(dir), "content")
	if err := list.Err(); err != nil || len(list) > 0 {
		t.Fatalf("history with other line ends: %v", list)
	}
	for i := range want {
		a, _ := readAll(want[i].Files)
		b, _ := readAll(got[i].Files)
		if fmt.Sprint(a) != fmt.Sprint(b) || got[i].ManifestSum != want[i].ManifestSum || got[i].Note != want[i].Note {
			t.Errorf("revision %s reads differently with other line ends", want[i].Version)
		}
	}
	// A publish over it records the manifest as published.
	writeTree(t, dir, map[string]string{"01-functions.md": "# 第一章\n\n改\n"})
	if err := Publish(dir, Request{Version: "2027.1", Effective: day("2027-01-01"), Note: "改"}); err != nil {
		t.Fatal(err)
	}
	if _, list := Load(os.DirFS(dir), "content"); list.Err() != nil {
		t.Fatal(list.Err())
	}
	// An edit is still an edit, whatever the line ends.
	f := filepath.Join(dir, Dir, "2025.1", "01-functions.md")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, []byte(strings.Replace(string(b), "裁决权", "决定权", 1)), 0o644)
	_, list = Load(os.DirFS(dir), "content")
	if err := list.Err(); err == nil || !strings.Contains(err.Error(), "content/revisions/2025.1/01-functions.md: error: this file differs from the manifest") {
		t.Errorf("an edit under CRLF: %v", err)
	}
}

// An empty section page (_index.md) is a section without words of its
// own, as in Hugo: it is published.
func TestPublishKeepsAnEmptySectionPage(t *testing.T) {
	dir := newDraft(t)
	writeTree(t, dir, map[string]string{"sales/_index.md": ""})
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
}

// A draft whose files were only saved with other line ends or a
// byte-order mark has nothing to publish: every chapter would read as
// changed, with no text changed.
func TestPublishRefusesADraftOnlySavedDifferently(t *testing.T) {
	dir := newDraft(t)
	if err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01")}); err != nil {
		t.Fatal(err)
	}
	for p, s := range draft2025 {
		writeTree(t, dir, map[string]string{p: "\ufeff" + toCRLF(s)})
	}
	err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01")})
	if err == nil || !strings.Contains(err.Error(), "the draft is the same as revision 2025.1") {
		t.Errorf("Publish = %v", err)
	}
}

// TestPublishOnAFullDisk: a write that fails for want of space says so,
// with what to do and that nothing was published ("no space left on
// device" alone left the admin to wonder what state the history was in).
func TestPublishOnAFullDisk(t *testing.T) {
	dir := newDraft(t)
	before := digest(t, dir)
	err := Publish(dir, Request{Version: "2025.1", Effective: day("2025-01-01"),
		hook: func(s string) error {
			if strings.HasPrefix(s, "wrote ") {
				return &fs.PathError{Op: "write", Path: s, Err: syscall.ENOSPC}
			}
			return nil
		}})
	if err == nil || !strings.Contains(err.Error(), "no space left on device — the disk is full: free some space and publish again; nothing was published") {
		t.Fatalf("got %v", err)
	}
	if got := versions(t, dir); len(got) != 0 {
		t.Errorf("revisions %v", got)
	}
	if left := tmpLeft(t, dir); len(left) > 0 {
		t.Errorf("temporary folder left behind: %v", left)
	}
	if fmt.Sprint(digest(t, dir)) != fmt.Sprint(before) {
		t.Errorf("the draft changed")
	}
}

// A draft that Same finds shows readers what the latest revision shows
// is refused, naming the revision and the files that differ only where
// no reader sees them, and nothing is written. Same is given the files
// about to be frozen and the latest revision's, without its records;
// it is not asked of a first revision, which has none to compare with.
func TestPublishRefusesWhatSameFindsUnchanged(t *testing.T) {
	dir := newDraft(t)
	asked := false
	first := Request{Version: "2025.1", Effective: day("2025-01-01"), Same: func(_, _ fs.FS) (bool, error) { asked = true; return true, nil }}
	if err := Publish(dir, first); err != nil || asked {
		t.Fatalf("first revision: %v, Same asked: %v", err, asked)
	}
	writeTree(t, dir, map[string]string{"01-functions.md": draft2025["01-functions.md"] + "\n"})
	var gotNew, gotOld []string
	same := func(snapshot, latest fs.FS) (bool, error) {
		for _, x := range []struct {
			fsys fs.FS
			out  *[]string
		}{{snapshot, &gotNew}, {latest, &gotOld}} {
			fs.WalkDir(x.fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					*x.out = append(*x.out, p)
				}
				return err
			})
		}
		return true, nil
	}
	err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Same: same})
	want := "nothing readers see changed since revision 2025.1 (" + filepath.ToSlash(dir) + "/revisions/2025.1): built, every chapter, the payout rules and the site settings show what that revision shows (the draft differs from it only in 01-functions.md, in ways that change nothing on the page, such as a blank line added); make the change you meant to publish, or publish these edits with the next change that readers will see"
	if err == nil || err.Error() != want {
		t.Errorf("Publish = %v\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, Dir, "2026.1")); err == nil {
		t.Error("2026.1 was written")
	}
	if !slices.Equal(gotNew, gotOld) || slices.Contains(gotOld, MetaFile) || slices.Contains(gotOld, ManifestFile) || len(gotOld) != len(draft2025) {
		t.Errorf("Same was given %q and %q", gotNew, gotOld)
	}
	// What Same finds changed is published.
	if err := Publish(dir, Request{Version: "2026.1", Effective: day("2026-01-01"), Same: func(_, _ fs.FS) (bool, error) { return false, nil }}); err != nil {
		t.Error(err)
	}
}
