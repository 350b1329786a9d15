package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"handbook/generator/search/searchtest"
)

// The README's search examples, on the handbook as built today: each word
// or number it says is found is found, the two queries it says list
// partial matches do, and its quoted count ("“客户档案”共 1 条完全匹配，另有
// 3 条部分匹配，列在其后") is what the search page says for that query on
// /latest/. The count it quoted was of a generated 10,000-page site, and
// its `2025.1` is in no page of the handbook: a newcomer trying them got
// other figures and nothing.
func TestReadmeSearchExamples(t *testing.T) {
	sec := readmeSection(t, "Searching (what readers get)")
	found := []string{"105%", "2026.1", "95-100", "績效工資"}
	partial := []string{"试用期多久", "保密协议"}
	for _, q := range append(append([]string{}, found...), partial...) {
		if !strings.Contains(sec, "`"+q+"`") {
			t.Fatalf("README.md's search section no longer gives `%s`: update this test with it", q)
		}
	}
	count := regexp.MustCompile(`“(.+?)”共 (\d+) 条完全匹配，另有 (\d+) 条部分匹配，列在其后`).FindStringSubmatch(sec)
	if count == nil {
		t.Fatal("README.md's search section quotes no count of whole and partial matches")
	}
	ts, err := os.ReadFile(filepath.Join(origWD, "../../../theme/ts/search.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ts), "共 ${whole} 条完全匹配，另有 ${ans.total - whole} 条部分匹配，列在其后") {
		t.Error("the search page no longer words its count as the README quotes it")
	}

	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr, _ := runCLI(t, 2*time.Minute, "build", "-source", filepath.Join(origWD, "../../../content"), "-out", out)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	files := map[string][]byte{}
	root := filepath.Join(out, "latest")
	err = filepath.WalkDir(filepath.Join(root, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := append(append([]string{count[1]}, found...), partial...)
	res := searchtest.SearchIndex(t, files, "search", queries, searchtest.Options{})
	if len(res) != len(queries) {
		t.Fatalf("%d results for %d queries", len(res), len(queries))
	}
	whole, _ := strconv.Atoi(count[2])
	rest, _ := strconv.Atoi(count[3])
	if r := res[0]; r.Error != "" || r.Partial || r.Whole != whole || r.Total-r.Whole != rest {
		t.Errorf("%q on /latest/: %d whole and %d partial matches (partial %v, %s); the README says %d and %d",
			count[1], r.Whole, r.Total-r.Whole, r.Partial, r.Error, whole, rest)
	}
	for i, r := range res[1:] {
		wantPartial := i >= len(found)
		if r.Error != "" || r.Total == 0 || r.Partial != wantPartial {
			t.Errorf("%q: %d found, partial %v (%s); the README says it is found%s", r.Query, r.Total, r.Partial, r.Error,
				map[bool]string{true: ", as partial matches", false: ""}[wantPartial])
		}
	}
}
