package revision

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"handbook/generator/diff"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func day(s string) time.Time {
	t, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return t
}

// addRevision writes a valid published revision into a MapFS content tree.
func addRevision(fsys fstest.MapFS, version, effective string, files map[string]string) {
	all := memFS{}
	for p, s := range files {
		all[p] = []byte(s)
	}
	all[MetaFile] = formatMeta(Revision{Version: version, Effective: day(effective), Published: day(effective), Note: "说明 " + version})
	all[ManifestFile] = formatManifest(all)
	for p, b := range all {
		fsys[path.Join(Dir, version, p)] = &fstest.MapFile{Data: b}
	}
}

var draft2025 = map[string]string{
	"site.toml":         "title = \"大客户部管理制度\"\n",
	"rules.toml":        "[tiers]\nmin = 60\n",
	"01-functions.md":   "# 第一章\n\n5、有对所属下级的工作争议的`裁决权\n",
	"06-performance.md": "# 第六章\n\n7、举例::本期考核得分88分,3000*88℅=2640元\n",
	"sales/02-x.md":     "# 节\n",
}

func TestValidVersion(t *testing.T) {
	for _, v := range []string{"2025.1", "2026.1-rc1", "v3", "2025_01", "A"} {
		if !ValidVersion(v) {
			t.Errorf("%q should be valid", v)
		}
	}
	for _, v := range []string{"", ".", "..", "../x", "a/b", `a\b`, ".tmp-1", "2025.", ".2025", "2025..1", "a b", "版本1", "2025.1/", strings.Repeat("1", 65)} {
		if ValidVersion(v) {
			t.Errorf("%q should be invalid", v)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	ordered := []string{"1", "2", "2025.1", "2025.2", "2025.10", "2025.10-rc1", "2026.1", "a", "b2", "b10"}
	for i := range ordered {
		for j := range ordered {
			got := CompareVersions(ordered[i], ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestLoadSortsByEffectiveDateThenVersion(t *testing.T) {
	fsys := fstest.MapFS{}
	addRevision(fsys, "2026.1", "2026-01-01", draft2025)
	addRevision(fsys, "2025.10", "2025-06-01", draft2025)
	addRevision(fsys, "2025.9", "2025-06-01", draft2025)
	addRevision(fsys, "2025.1", "2025-01-01", draft2025)
	fsys["revisions/.tmp-2027.1-abc/01-functions.md"] = &fstest.MapFile{Data: []byte("half written")}
	fsys["revisions/.gitkeep"] = &fstest.MapFile{}
	revs, list := Load(fsys, "content")
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range revs {
		got = append(got, r.Version)
	}
	if want := "2025.1 2025.9 2025.10 2026.1"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
	r := revs[0]
	if !r.Effective.Equal(day("2025-01-01")) || r.Note != "说明 2025.1" {
		t.Errorf("metadata %+v", r)
	}
	b, err := fsTestRead(r, "06-performance.md")
	if err != nil || b != draft2025["06-performance.md"] {
		t.Errorf("snapshot file = %q, %v", b, err)
	}
	if _, err := fsTestRead(r, MetaFile); err == nil {
		t.Errorf("%s should not be part of the snapshot", MetaFile)
	}
	if err := fstest.TestFS(r.Files, "01-functions.md", "06-performance.md", "rules.toml", "site.toml", "sales/02-x.md"); err != nil {
		t.Errorf("snapshot is not a well-behaved fs.FS: %v", err)
	}
}

func fsTestRead(r Revision, p string) (string, error) {
	b, err := r.Files.(memFS).ReadFile(p)
	return string(b), err
}

func TestLoadDetectsTampering(t *testing.T) {
	const hist = "published history cannot be edited; restore it (git checkout) and publish a new revision instead"
	edited := func(file string) string {
		return "content/revisions/2025.1/" + file + ": error: this file differs from the manifest of published revision 2025.1: the file, or its line in manifest.sha256, was edited — " +
			"published history cannot be edited; restore both as published (git checkout -- content/revisions/2025.1/" + file + " content/revisions/2025.1/manifest.sha256) and publish a new revision instead"
	}
	const unlisted = " — published history cannot be edited: if its line was deleted from manifest.sha256, restore the manifest (git checkout -- content/revisions/2025.1/manifest.sha256); if the file was put in by hand, remove it, and publish a new revision to add it"
	tests := []struct {
		name   string
		tamper func(fstest.MapFS)
		want   []string
	}{
		{"an edited chapter is named with its revision",
			func(m fstest.MapFS) { m["revisions/2025.1/06-performance.md"].Data = []byte("# 第六章\n改过\n") },
			[]string{edited("06-performance.md")}},
		{"an added file is named",
			func(m fstest.MapFS) { m["revisions/2025.1/08-new.md"] = &fstest.MapFile{Data: []byte("# 新\n")} },
			[]string{"content/revisions/2025.1/08-new.md: error: this file is not in the manifest of published revision 2025.1" + unlisted}},
		// The manifest edited, not the files: restoring the file (as the
		// hint said) changed nothing, and removing one (as it said of a
		// file whose line was deleted) would have lost a published chapter.
		{"a manifest line edited names the manifest too",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/manifest.sha256"]
				f.Data = []byte(regexp.MustCompile(`(?m)^[0-9a-f]{64}(  06-performance\.md)$`).ReplaceAllString(string(f.Data), strings.Repeat("0", 64)+"$1"))
			},
			[]string{edited("06-performance.md")}},
		{"a manifest line deleted says to restore the manifest, not only to remove the file",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/manifest.sha256"]
				f.Data = []byte(regexp.MustCompile(`(?m)^[0-9a-f]{64}  06-performance\.md\n`).ReplaceAllString(string(f.Data), ""))
			},
			[]string{"content/revisions/2025.1/06-performance.md: error: this file is not in the manifest of published revision 2025.1" + unlisted}},
		{"a deleted file is named",
			func(m fstest.MapFS) { delete(m, "revisions/2025.1/sales/02-x.md") },
			[]string{"content/revisions/2025.1/sales/02-x.md: error: this file of published revision 2025.1 is missing (it is listed in its manifest) — " + hist}},
		{"an edited effective date is caught by the manifest",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/revision.toml"]
				f.Data = []byte(strings.Replace(string(f.Data), "2025-01-01", "2024-01-01", 1))
			},
			[]string{edited("revision.toml")}},
		{"a removed manifest is reported",
			func(m fstest.MapFS) { delete(m, "revisions/2025.1/manifest.sha256") },
			[]string{"content/revisions/2025.1/manifest.sha256: error: published revision 2025.1 has no readable manifest: file does not exist — restore it (git checkout); revision folders are made only by handbook publish"}},
		{"a malformed manifest line is reported with its line",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/manifest.sha256"]
				f.Data = append(f.Data, "not a hash  x.md\n"...)
			},
			[]string{"content/revisions/2025.1/manifest.sha256:7:1: error: malformed manifest line (want \"<sha256 in hex>  <path>\") — " + hist}},
		{"a renamed revision folder no longer matches its version",
			func(m fstest.MapFS) {
				for p, f := range m {
					if rest, ok := strings.CutPrefix(p, "revisions/2025.1/"); ok {
						m["revisions/2025.2/"+rest] = f
						delete(m, p)
					}
				}
			},
			[]string{"content/revisions/2025.2/revision.toml: error: version \"2025.1\" does not match the folder name \"2025.2\" — " + hist}},
		{"a folder with an invalid version id is reported",
			func(m fstest.MapFS) { m["revisions/my draft/a.md"] = &fstest.MapFile{} },
			[]string{"content/revisions/my draft: error: \"my draft\" is not a valid version id — version ids are ASCII letters and digits joined by '.', '-' or '_' (e.g. 2025.1); revision folders are made only by handbook publish"}},
		{"an empty folder in revisions/ is ignored, and said to be",
			func(m fstest.MapFS) { m["revisions/2026.4"] = &fstest.MapFile{Mode: fs.ModeDir} },
			[]string{"content/revisions/2026.4: warning: an empty folder in revisions/ is not a published revision: it is ignored — remove it; revision folders are made only by handbook publish"}},
		{"a stray file in revisions/ is reported",
			func(m fstest.MapFS) { m["revisions/notes.md"] = &fstest.MapFile{} },
			[]string{"content/revisions/notes.md: error: not a published revision: revisions/ holds only revision folders made by handbook publish — move this file out of content/revisions"}},
		{"two edits are both reported",
			func(m fstest.MapFS) {
				m["revisions/2025.1/rules.toml"].Data = []byte("[tiers]\nmin = 50\n")
				m["revisions/2025.1/site.toml"].Data = []byte("")
			},
			[]string{
				edited("rules.toml"),
				edited("site.toml"),
			}},
		{"a hidden file (e.g. .DS_Store) is ignored, and said to be",
			func(m fstest.MapFS) { m["revisions/2025.1/.DS_Store"] = &fstest.MapFile{Data: []byte{0}} },
			[]string{"content/revisions/2025.1/.DS_Store: warning: a hidden file or editor backup in published revision 2025.1: it is not part of the revision and is ignored — remove it"}},
		{"a manifest cut short before revision.toml is said to be incomplete, once",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/manifest.sha256"]
				lines := strings.SplitAfter(string(f.Data), "\n")
				f.Data = []byte(strings.Join(lines[:2], ""))
			},
			[]string{"content/revisions/2025.1/manifest.sha256:3: error: the manifest of published revision 2025.1 is incomplete: it stops after 06-performance.md, and the 4 files after it (revision.toml, rules.toml, sales/02-x.md, site.toml) are not listed — the manifest was cut short; restore it (git checkout -- content/revisions/2025.1/manifest.sha256)"}},
		// Cut after revision.toml, it cannot be told from files put in
		// by hand: each is named, with both ways back.
		{"a manifest cut short after revision.toml names each file it misses",
			func(m fstest.MapFS) {
				f := m["revisions/2025.1/manifest.sha256"]
				lines := strings.SplitAfter(string(f.Data), "\n")
				f.Data = []byte(strings.Join(lines[:3], ""))
			},
			[]string{
				"content/revisions/2025.1/rules.toml: error: this file is not in the manifest of published revision 2025.1" + unlisted,
				"content/revisions/2025.1/sales/02-x.md: error: this file is not in the manifest of published revision 2025.1" + unlisted,
				"content/revisions/2025.1/site.toml: error: this file is not in the manifest of published revision 2025.1" + unlisted,
			}},
		// A file put in whose name sorts after the manifest's last line
		// was blamed on the manifest ("incomplete … restore it"), which
		// restored, still missed it.
		{"an added file sorting after every listed one is named, not the manifest",
			func(m fstest.MapFS) { m["revisions/2025.1/zz.md"] = &fstest.MapFile{Data: []byte("# 新\n")} },
			[]string{"content/revisions/2025.1/zz.md: error: this file is not in the manifest of published revision 2025.1" + unlisted}},
		{"an added folder sorting after every listed file is named, not the manifest",
			func(m fstest.MapFS) { m["revisions/2025.1/sub/a.md"] = &fstest.MapFile{Data: []byte("# 新\n")} },
			[]string{"content/revisions/2025.1/sub/a.md: error: this file is not in the manifest of published revision 2025.1" + unlisted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			addRevision(fsys, "2025.1", "2025-01-01", draft2025)
			addRevision(fsys, "2026.1", "2026-01-01", draft2025)
			tt.tamper(fsys)
			revs, list := Load(fsys, "content")
			list.Sort()
			var got []string
			for _, d := range list {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// The intact revision still loads; the damaged one is left out.
			wantRevs := 2
			if strings.Contains(strings.Join(tt.want, ""), "revisions/2025.") && strings.Contains(strings.Join(tt.want, ""), ": error:") {
				wantRevs = 1
			}
			if len(revs) != wantRevs || revs[len(revs)-1].Version != "2026.1" {
				t.Errorf("loaded %d revisions, want %d ending with 2026.1", len(revs), wantRevs)
			}
		})
	}
}

func TestInForce(t *testing.T) {
	revs := []Revision{
		{Version: "2025.1", Effective: day("2025-01-01")},
		{Version: "2026.1", Effective: day("2026-01-01")},
		{Version: "2027.1", Effective: day("2027-03-01")},
	}
	shanghai := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name     string
		today    time.Time
		current  int
		upcoming string
	}{
		{"before the first revision nothing is in force", day("2024-12-31"), -1, "2025.1 2026.1 2027.1"},
		{"a revision is in force on its effective date", day("2025-01-01"), 0, "2026.1 2027.1"},
		{"the latest past revision is in force", day("2026-06-30"), 1, "2027.1"},
		{"a future revision is upcoming, not in force", day("2027-02-28"), 1, "2027.1"},
		{"the last revision stays in force", day("2030-01-01"), 2, ""},
		{"only the calendar day of today counts", time.Date(2026, 1, 1, 0, 30, 0, 0, shanghai), 1, "2027.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur, up := InForce(revs, tt.today)
			var names []string
			for _, i := range up {
				names = append(names, revs[i].Version)
			}
			if cur != tt.current || strings.Join(names, " ") != tt.upcoming {
				t.Errorf("InForce = %d, %v; want %d, %s", cur, names, tt.current, tt.upcoming)
			}
		})
	}
	p := Periods(revs)
	if !p[0].To.Equal(day("2025-12-31")) || !p[1].To.Equal(day("2027-02-28")) || !p[2].Open {
		t.Errorf("periods %+v", p)
	}
	if !p[1].Contains(day("2027-02-28")) || p[1].Contains(day("2027-03-01")) || !p[2].Contains(day("2099-01-01")) {
		t.Errorf("Contains is off at the edges: %+v", p)
	}
	same := Periods([]Revision{{Effective: day("2025-01-01")}, {Effective: day("2025-01-01")}})
	if !same[0].To.Before(same[0].From) {
		t.Errorf("a revision superseded on its own effective date should never be in force: %+v", same[0])
	}
}

func TestChangesGolden(t *testing.T) {
	fsys := fstest.MapFS{}
	addRevision(fsys, "2025.1", "2025-01-01", draft2025)
	errata := map[string]string{}
	for p, s := range draft2025 {
		errata[p] = s
	}
	errata["01-functions.md"] = strings.Replace(errata["01-functions.md"], "`", "", 1)
	errata["06-performance.md"] = strings.NewReplacer("::", ":", "℅", "%").Replace(errata["06-performance.md"])
	errata["07-secrecy.md"] = "# 第七章\n\n保密。\n"
	errata["logo.png"] = "\x89PNG\x00"
	delete(errata, "sales/02-x.md")
	addRevision(fsys, "2026.1", "2026-01-01", errata)
	revs, list := Load(fsys, "content")
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	lastChanged, err := LastChangedAll(revs)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range revs {
		prev := Revision{}
		if i > 0 {
			prev = revs[i-1]
		}
		changes, err := Changes(prev, revs[i])
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("# " + revs[i].Version + "\n")
		for _, c := range changes {
			b.WriteString("## " + c.Path + ": " + c.Status.String())
			if path.Ext(c.Path) == ".md" {
				b.WriteString(" (chapter)")
			}
			if c.Binary {
				b.WriteString(" (binary)")
			}
			b.WriteString("\n" + diff.RenderText(c.Diff))
		}
		last := lastChanged[i]
		b.WriteString("## last changed in\n")
		for _, p := range sortedKeys(last) {
			b.WriteString(p + ": " + last[p] + "\n")
		}
	}
	got := b.String()
	const golden = "testdata/changes.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("changes differ from %s (review, then go test -update):\n%s", golden, got)
	}
}

func FuzzLoad(f *testing.F) {
	fsys := fstest.MapFS{}
	addRevision(fsys, "2025.1", "2025-01-01", draft2025)
	f.Add(fsys["revisions/2025.1/manifest.sha256"].Data, fsys["revisions/2025.1/revision.toml"].Data)
	f.Add([]byte("zz  ../x\n\n"), []byte("version = 1\neffective = \"2025-01-01\"\nextra = true\n"))
	f.Fuzz(func(t *testing.T, manifest, meta []byte) {
		m := fstest.MapFS{}
		for p, f := range fsys {
			m[p] = &fstest.MapFile{Data: f.Data}
		}
		m["revisions/2025.1/manifest.sha256"].Data = manifest
		m["revisions/2025.1/revision.toml"].Data = meta
		revs, list := Load(m, "content")
		if len(revs) > 0 && list.HasErrors() {
			t.Fatalf("a revision with errors was loaded: %v", list.Err())
		}
		for _, d := range list {
			if !strings.HasPrefix(d.File, "content/revisions/2025.1/") {
				t.Fatalf("diagnostic names the wrong file: %s", d)
			}
		}
	})
}

// A chapter or a TOML file saved with CRLF line ends or a byte-order mark
// (an editor on Windows, a checkout with core.autocrlf) holds the same
// text: it is not a change of that file, and does not make it "last
// changed" in that revision. Other files are compared byte for byte.
func TestChangesIgnoreLineEndsAndBOMOfText(t *testing.T) {
	fsys := fstest.MapFS{}
	addRevision(fsys, "2025.1", "2025-01-01", map[string]string{
		"01-functions.md": "# 第一章\n\n正文。\n", "02-x.md": "# 第二章\n\n旧。\n",
		"rules.toml": "[tiers]\nmin = 60\n", "form.pdf": "%PDF\nstream\n",
	})
	addRevision(fsys, "2026.1", "2026-01-01", map[string]string{
		"01-functions.md": "\ufeff# 第一章\r\n\r\n正文。\r\n", "02-x.md": "# 第二章\r\n\r\n新。\r\n",
		"rules.toml": "[tiers]\r\nmin = 60\r\n", "form.pdf": "%PDF\r\nstream\r\n",
	})
	revs, list := Load(fsys, "content")
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	changes, err := Changes(revs[0], revs[1])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Path+": "+c.Status.String())
	}
	if want := "01-functions.md: unchanged, 02-x.md: modified, form.pdf: modified, rules.toml: unchanged"; strings.Join(got, ", ") != want {
		t.Errorf("changes: %s\nwant %s", strings.Join(got, ", "), want)
	}
	last, err := LastChangedAll(revs)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(last[1]); got != "map[01-functions.md:2025.1 02-x.md:2026.1 form.pdf:2026.1 rules.toml:2025.1]" {
		t.Errorf("last changed: %s", got)
	}
}
