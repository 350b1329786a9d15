package main

import (
	"bytes"
	"compress/gzip"
	"io"
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

// An incremental build's search index answers as a full build's does when
// the org chart changes with the job descriptions it is drawn from (the
// page holding it is unchanged), and when pages and a section are
// deleted, renamed or retitled: nothing of a page that is gone is found.
func TestIncrementalSearchFollowsTheChartAndDeletedPages(t *testing.T) {
	root := t.TempDir()
	src, out, ref := filepath.Join(root, "content"), filepath.Join(root, "public"), filepath.Join(root, "reference")
	files := map[string][]byte{
		"01-org.md":  []byte("---\ntitle: 架构\n---\n\n## 概述\n\n本章说明。\n\n## 架构图\n\n{{orgchart}}\n"),
		"02-jobs.md": []byte("---\ntitle: 职务\n---\n\n## 出纳\n\n直接上级：财务总监\n\n负责收付。\n"),
		"请假/病假.md":   []byte("---\ntitle: 病假\n---\n\n## 病假规定\n\n病假需要医院证明书。\n"),
		"请假/事假.md":   []byte("---\ntitle: 事假\n---\n\n## 事假规定\n\n事假需要提前申请单。\n"),
		"考勤/迟到.md":   []byte("---\ntitle: 迟到\n---\n\n## 迟到规定\n\n迟到扣款五十元整。\n"),
	}
	for i := range 12 {
		files["其他/p"+strconv.Itoa(i)+".md"] = []byte("---\ntitle: 制度第" + strconv.Itoa(i) + "篇\n---\n\n## 总则\n\n本篇规定普通事项。\n")
	}
	writeFiles(t, src, files)
	steps := []editStep{
		{"a superior in a job description, drawn in the chart", func() {
			editFile(t, filepath.Join(src, "02-jobs.md"), "财务总监", "财务经理")
		}, -1},
		{"a deleted page", func() {
			if err := os.Remove(filepath.Join(src, "考勤/迟到.md")); err != nil {
				t.Fatal(err)
			}
		}, -1},
		{"a renamed page", func() {
			if err := os.Rename(filepath.Join(src, "请假/事假.md"), filepath.Join(src, "请假/私事假.md")); err != nil {
				t.Fatal(err)
			}
		}, -1},
		{"a title", func() {
			editFile(t, filepath.Join(src, "请假/病假.md"), "title: 病假", "title: 病假与医疗期")
		}, -1},
		{"a deleted section", func() {
			if err := os.RemoveAll(filepath.Join(src, "请假")); err != nil {
				t.Fatal(err)
			}
		}, -1},
	}
	queries := []string{"财务总监是出纳的直接上级", "财务经理是出纳的直接上级", "扣款", "申请单", "医疗期", "医院证明", "病假", "请假"}
	checkIncremental(t, src, out, ref, steps, queries)
	// Nor is it published: a page taken out of the handbook (a withdrawn
	// rule, a chapter made private) is in no file of the index, as after
	// a full build. A delta left it in the first build's files.
	for _, gone := range []string{"迟到扣款五十元整", "事假需要提前申请单", "病假需要医院证明书"} {
		if in := searchFilesHold(t, out, gone); len(in) > 0 {
			t.Errorf("%s, deleted, is still in %v", gone, in)
		}
	}
	// And what the steps left is found as they left it.
	b := map[string][]byte{}
	dir := filepath.Join(out, "latest")
	_ = filepath.WalkDir(filepath.Join(dir, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			b[filepath.ToSlash(rel)] = data
		}
		return err
	})
	rs := searchtest.SearchIndex(t, b, "search", queries, searchtest.Options{})
	if r := rs[1]; r.Whole != 1 || r.Hits[0].URL != "/latest/01-org/" || r.Hits[0].Anchor != "架构图" {
		t.Errorf("%s: %+v, want the chart's section", r.Query, r.Hits)
	}
	for _, r := range append([]searchtest.Result{rs[0]}, rs[2:]...) {
		if r.Whole != 0 {
			t.Errorf("%s: found %q after its page was edited or deleted", r.Query, r.Anchors())
		}
	}
}

// searchFilesHold reports whether a file of the output's latest/search/
// (its shards gunzipped) holds text.
func searchFilesHold(t *testing.T, out, text string) []string {
	t.Helper()
	var in []string
	err := filepath.WalkDir(filepath.Join(out, "latest", "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if z, zerr := gzip.NewReader(bytes.NewReader(b)); zerr == nil {
			if u, rerr := io.ReadAll(z); rerr == nil {
				b = u
			}
		}
		if bytes.Contains(b, []byte(text)) {
			in = append(in, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}
