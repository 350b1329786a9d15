package build

import (
	"bytes"
	"html/template"
	"path"
	"strconv"

	"handbook/generator/diff"
	"handbook/generator/revision"
)

// revisionView is one entry of the changelog.
type revisionView struct {
	Version, Label, Status, Effective, Until, Published, Note string
	URL                                                       string // the revision's home
	Anchor                                                    string
	First                                                     bool
	Changes                                                   []changeView
	Compared                                                  string // the version it is compared with
}

type changeView struct {
	Anchor, Title, File, Status string
	Inserted, Deleted           int
	Diff                        template.HTML
	URL                         string // the chapter in this revision
}

// renderChangelog writes /changelog/: every revision, newest first, with
// what it changed from the one before, chapter by chapter, character by
// character.
func (s *siteRender) renderChangelog() error {
	var revs []*edition
	for _, ed := range s.eds {
		if ed.published || ed.status == statusDraft {
			revs = append(revs, ed)
		}
	}
	if len(revs) == 0 {
		return nil
	}
	sortByEffective(revs)
	var views []revisionView
	for i, ed := range revs {
		v := revisionView{Version: ed.id, Label: ed.label, Status: ed.status, Effective: ed.effective, Until: ed.until, Note: ed.note,
			URL: s.base + ed.root, Anchor: ed.id, First: i == 0}
		if ed.status != statusDraft {
			v.Published = day(ed.rev.Published)
		}
		if i > 0 {
			prev := revs[i-1]
			v.Compared = prev.label
			changes, err := revision.Changes(prev.rev, ed.rev)
			if err != nil {
				return err
			}
			for _, c := range changes {
				if c.Status == revision.Unchanged {
					continue
				}
				cv := changeView{Anchor: ed.id + "-" + slugFile(c.Path), File: c.Path, Title: c.Path,
					Status: map[revision.Status]string{revision.Added: "新增", revision.Removed: "删除", revision.Modified: "修改"}[c.Status]}
				for _, p := range ed.tree.Pages {
					if p.File == c.Path {
						cv.Title = titleOf(ed.tree, p)
						cv.URL = s.base + ed.root + p.URL
					}
				}
				if cv.Title == c.Path {
					for _, p := range prev.tree.Pages {
						if p.File == c.Path {
							cv.Title = titleOf(prev.tree, p)
						}
					}
				}
				switch path.Base(c.Path) {
				case "rules.toml":
					cv.Title = "绩效工资计算规则(rules.toml)"
				case "site.toml":
					cv.Title = "站点设置(site.toml)"
				}
				cmp := c.Diff
				if c.IsChapter() {
					// Chapters are compared as readers see them, not as
					// Markdown source.
					cmp = diff.Compare(readerText(prev, c.Path), readerText(ed, c.Path), diff.DefaultContext)
				}
				cv.Inserted, cv.Deleted = cmp.Stats()
				cv.Diff = template.HTML(diff.RenderHTML(cmp))
				v.Changes = append(v.Changes, cv)
			}
		}
		views = append(views, v)
	}
	// Newest first.
	for i, j := 0, len(views)-1; i < j; i, j = i+1, j-1 {
		views[i], views[j] = views[j], views[i]
	}
	cur := s.current()
	if cur == nil {
		cur = s.eds[0]
	}
	root := s.base + cur.roots()[len(cur.roots())-1]
	if hasLatest(cur) {
		root = s.base + "latest/"
	}
	d := &pageData{
		Site: cur.tree.Site, Kind: "changelog", Title: "修订记录", Assets: s.urls,
		Edition:   editionView{ID: cur.id, Label: cur.label, Status: "", Root: root, Effective: cur.effective},
		Changelog: s.base + "changelog/", CSP: csp(false), Extra: views,
		HasCalculator: cur.calc != nil && s.urls.WASM != "",
	}
	d.NavHTML = newNavCache(cur.tree, root).HTML(nil)
	d.Versions = s.versions(nil, "")
	return s.writePage("changelog/index.html", "changelog", d)
}

func (s *siteRender) writePage(name, kind string, d *pageData) error {
	var buf bytes.Buffer
	if err := s.tmpl.execute(&buf, kind, d); err != nil {
		return err
	}
	return s.out.WriteFile(name, buf.Bytes())
}

func sortByEffective(eds []*edition) {
	key := func(e *edition) string {
		if e.status == statusDraft {
			return "9999-99-99"
		}
		return e.effective + " " + strconv.Itoa(len(e.id)) + e.id
	}
	for i := 1; i < len(eds); i++ {
		for j := i; j > 0 && key(eds[j]) < key(eds[j-1]); j-- {
			eds[j], eds[j-1] = eds[j-1], eds[j]
		}
	}
}

// readerText is a chapter of an edition as its readers see it, title
// first; "" when the edition has no such chapter.
func readerText(ed *edition, file string) string {
	for _, p := range ed.tree.Pages {
		if p.File == file {
			return titleOf(ed.tree, p) + "\n" + ed.docs[p].ReaderText()
		}
	}
	return ""
}
