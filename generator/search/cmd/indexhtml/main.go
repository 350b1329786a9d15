// Command indexhtml indexes a folder of built HTML pages with package search,
// for benchmarks side by side with Pagefind over the same pages
// (generator/search/bench/pagefind.sh). It splits each page's <main> (or
// <body>) at headings with an id, one Doc per section.
//
//	indexhtml -site public/latest -out /tmp/ours          index the pages
//	indexhtml -synth 10000 -site /tmp/pages               write synthetic pages
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"handbook/generator/search"
	"handbook/generator/search/searchtest"
)

func main() {
	site := flag.String("site", "", "folder of HTML pages")
	out := flag.String("out", "", "folder to write the index to (its search/ subfolder)")
	synth := flag.Int("synth", 0, "write this many synthetic pages to -site instead of indexing")
	flag.Parse()
	if *site == "" {
		log.Fatal("indexhtml: -site is required")
	}
	if *synth > 0 {
		if err := writeSynthetic(*site, *synth); err != nil {
			log.Fatal(err)
		}
		return
	}
	start := time.Now()
	var docs []search.Doc
	pages := 0
	err := filepath.WalkDir(*site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(*site, p)
		url := "/" + filepath.ToSlash(strings.TrimSuffix(rel, "index.html"))
		docs = append(docs, extract(url, string(b))...)
		pages++
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		log.Fatal(err)
	}
	total := 0
	for name, b := range files {
		total += len(b)
		if *out != "" {
			p := filepath.Join(*out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"pages": pages, "docs": len(docs), "files": len(files), "bytes": total,
		"seconds": time.Since(start).Seconds(),
	})
}

var (
	reDrop    = regexp.MustCompile(`(?is)<(script|style|nav|noscript|template)\b.*?</(script|style|nav|noscript|template)>`)
	reHeading = regexp.MustCompile(`(?is)<h([1-6])\b([^>]*)>(.*?)</h[1-6]>`)
	reID      = regexp.MustCompile(`(?i)\bid\s*=\s*"([^"]*)"`)
	reTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	reSpace   = regexp.MustCompile(`\s+`)
)

// element returns the content of the first <tag …> up to the last </tag>
// (the regular expression (?is)<tag[^>]*>(.*)</tag>, without its cost).
func element(page, tag string) (string, bool) {
	lower := page
	if !strings.Contains(page, "<"+tag) {
		lower = strings.ToLower(page) // HTML tags are case-insensitive
	}
	i := strings.Index(lower, "<"+tag)
	for i >= 0 {
		next := lower[i+1+len(tag):]
		if next != "" && (next[0] == '>' || next[0] == ' ' || next[0] == '\t' || next[0] == '\n' || next[0] == '\r' || next[0] == '/') {
			break
		}
		j := strings.Index(next, "<"+tag)
		if j < 0 {
			return "", false
		}
		i += 1 + len(tag) + j
	}
	if i < 0 {
		return "", false
	}
	gt := strings.IndexByte(page[i:], '>')
	end := strings.LastIndex(lower, "</"+tag+">")
	if gt < 0 || end < i+gt+1 {
		return "", false
	}
	return page[i+gt+1 : end], true
}

// extract splits a page into sections at its headings.
func extract(url, page string) []search.Doc {
	body := page
	if b, ok := element(page, "main"); ok {
		body = b
	} else if b, ok := element(page, "body"); ok {
		body = b
	}
	body = reDrop.ReplaceAllString(body, " ")
	text := func(s string) string {
		return strings.TrimSpace(reSpace.ReplaceAllString(html.UnescapeString(reTag.ReplaceAllString(s, " ")), " "))
	}
	hs := reHeading.FindAllStringSubmatchIndex(body, -1)
	var docs []search.Doc
	chapter := ""
	if len(hs) > 0 {
		chapter = text(body[hs[0][6]:hs[0][7]])
	}
	if len(hs) == 0 || text(body[:hs[0][0]]) != "" {
		end := len(body)
		if len(hs) > 0 {
			end = hs[0][0]
		}
		docs = append(docs, search.Doc{URL: url, Chapter: chapter, Heading: chapter, Text: text(body[:end])})
	}
	for i, h := range hs {
		end := len(body)
		if i+1 < len(hs) {
			end = hs[i+1][0]
		}
		d := search.Doc{URL: url, Chapter: chapter, Heading: text(body[h[6]:h[7]]), Text: text(body[h[1]:end])}
		fmt.Sscan(body[h[2]:h[3]], &d.Level)
		if m := reID.FindStringSubmatch(body[h[4]:h[5]]); m != nil {
			d.Anchor = html.UnescapeString(m[1])
		}
		docs = append(docs, d)
	}
	return docs
}

// writeSynthetic writes pages of searchtest.Synthetic as HTML, lang zh-CN,
// for a comparison before the real 10,000-page corpus exists.
func writeSynthetic(dir string, pages int) error {
	docs := searchtest.Synthetic(1, pages, 10)
	byURL := map[string][]search.Doc{}
	var order []string
	for _, d := range docs {
		if byURL[d.URL] == nil {
			order = append(order, d.URL)
		}
		byURL[d.URL] = append(byURL[d.URL], d)
	}
	for _, u := range order {
		var b strings.Builder
		ds := byURL[u]
		fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%s</title></head><body><main>\n<h1>%s</h1>\n",
			html.EscapeString(ds[0].Chapter), html.EscapeString(ds[0].Chapter))
		for _, d := range ds {
			fmt.Fprintf(&b, "<h2 id=\"%s\">%s</h2>\n<p>%s</p>\n", html.EscapeString(d.Anchor), html.EscapeString(d.Heading), html.EscapeString(d.Text))
		}
		b.WriteString("</main></body></html>\n")
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(u, "/")), "index.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
