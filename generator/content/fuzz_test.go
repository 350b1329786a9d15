package content

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"testing"
	"testing/fstest"
)

// pkgDir is this package's folder, taken before TestMain moves to the
// content folder: the seed corpus is in testdata/fuzz here.
var pkgDir, _ = os.Getwd()

func FuzzFrontMatter(f *testing.F) {
	f.Chdir(pkgDir)
	for _, s := range []string{
		"---\ntitle: 第一章 大客户部门职能\norder: 1\nslug: functions\n---\n## 一、部门职能\n",
		"+++\ntitle = \"第一章\"\nweight = 2\nslug = \"a\"\ncalculator = true\n+++\n正文\n",
		"---\ntitle: \"带\\\"引号\"\ndraft: false\n---\n",
		"---\ntitle: 'it''s'\n# comment\n---\n",
		"---\r\ntitle: x\r\n---\r\nbody\r\n",
		"\xef\xbb\xbf---\ntitle: BOM\n---\n",
		"---\ntitle: 第一章\n",
		"---\n  slug a\n---\n",
		"+++\nslug = a\n+++\n",
		"---\norder: first\n---\n",
		"---\ntitle: caf\xe9\n---\n",
		"no front matter at all\n",
		"---\n---\n",
		"+++\n+++",
		"---\ntitle: T\ntags:\n- a\nmenu:\n  main:\n    weight: 3\ndescription: >\n  x\nk: [a,\n b]\nweight: 1.0\ndraft: yes\n---\n",
		"---\ntitle: |\n  a\n  b\nslug:\n  - x\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, start, errs := parseFrontMatter("a.md", src)
		if start < 0 || start > len(src) {
			t.Fatalf("body offset %d outside the file (%d bytes)", start, len(src))
		}
		for _, d := range errs {
			if d.File != "a.md" || d.Line < 0 || d.Msg == "" {
				t.Errorf("malformed diagnostic %+v", d)
			}
		}
		if len(errs) == 0 {
			if !bytes.Equal(body, src[start:]) {
				t.Fatalf("body is not the file from offset %d", start)
			}
			// What parsed cleanly reads back the same when written out.
			again, _, _, errs2 := parseFrontMatter("a.md", writeYAML(fm))
			if len(errs2) > 0 || !reflect.DeepEqual(again, fm) {
				t.Fatalf("round trip: %+v became %+v (%v)", fm, again, errs2)
			}
		}
		// The whole page, through the loader: never a panic, and a page
		// (or a draft left out) comes back only without errors.
		tree, lerrs := Load(fstest.MapFS{"a.md": {Data: src}}, "content")
		if !lerrs.HasErrors() && len(tree.Pages)+len(tree.Drafts) != 1 {
			t.Fatalf("no error and %d pages, %d drafts", len(tree.Pages), len(tree.Drafts))
		}
		for _, p := range tree.Pages {
			if p.BodyOffset < 0 || p.BodyOffset > len(p.Source) {
				t.Fatalf("page body offset %d outside the file", p.BodyOffset)
			}
		}
	})
}

func writeYAML(fm FrontMatter) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	if fm.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", strconv.Quote(fm.Title))
	}
	if fm.HasWeight {
		fmt.Fprintf(&b, "order: %d\n", fm.Weight)
	}
	if fm.Slug != "" {
		fmt.Fprintf(&b, "slug: %s\n", strconv.Quote(fm.Slug))
	}
	if len(fm.Aliases) > 0 {
		b.WriteString("aliases:\n")
		for _, a := range fm.Aliases {
			fmt.Fprintf(&b, "  - %s\n", strconv.Quote(a))
		}
	}
	fmt.Fprintf(&b, "calculator: %v\ndraft: %v\n---\n", fm.Calculator, fm.Draft)
	return b.Bytes()
}
