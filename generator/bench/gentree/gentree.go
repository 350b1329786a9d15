// Package gentree generates trees of Markdown pages of Chinese policy text
// for benchmarks: the same tree builds with handbook (content/) and with
// Hugo (the folder around it, with equivalent minimal layouts).
//
// A tree of n pages has sections of 100 pages, ten sections to a part:
//
//	content/site.toml
//	content/part01/_index.md
//	content/part01/s001/_index.md
//	content/part01/s001/p00001.md … p00100.md
//	content/part01/s002/…
//	content/part02/s011/…
//	config.toml, layouts/…      (the Hugo site)
//
// Every page has YAML front matter (title, weight, slug), ## and ###
// headings, ordered lists, now and then a GFM table, and links to headings
// and clauses of other pages written as relative links to their .md files
// with a #fragment. Fragments follow the handbook's heading ID scheme
// (generator/CONVENTIONS.md), so every link resolves.
//
// The output depends only on n and the seed: each page draws from its own
// random stream, so the same arguments give the same bytes.
package gentree

import (
	"bytes"
	"errors"
	"fmt"
	"handbook/generator/markdown"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// PagesPerSection and SectionsPerPart fix the shape of a tree.
const (
	PagesPerSection = 100
	SectionsPerPart = 10
)

// Generate writes a tree of n pages into dir (created if needed): the
// handbook source under dir/content and the Hugo site around it. Files
// already in dir that the tree does not name are left alone.
func Generate(dir string, n int, seed int64) error {
	files, err := Files(n, seed)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the tree as slash-separated paths and their contents.
func Files(n int, seed int64) (map[string][]byte, error) {
	if n < 1 {
		return nil, errors.New("gentree: the tree needs at least one page")
	}
	pages := make([]*pagePlan, n)
	for i := range pages {
		pages[i] = plan(i, seed)
	}
	out := map[string][]byte{}
	for name, data := range hugoSite(n) {
		out[name] = data
	}
	out["content/site.toml"] = []byte(fmt.Sprintf(
		"title = \"某集团公司管理制度汇编（%d 页）\"\norganisation = \"某集团公司\"\nlanguage = \"zh-CN\"\n", n))

	sections := (n + PagesPerSection - 1) / PagesPerSection
	for s := 0; s < sections; s++ {
		if s%SectionsPerPart == 0 {
			part := s / SectionsPerPart
			r := rand.New(rand.NewPCG(uint64(seed), 1<<40+uint64(part)))
			dept := departments[part%len(departments)]
			out["content/"+partDir(part)+"/_index.md"] = []byte(fmt.Sprintf(
				"---\ntitle: 第%s编 %s管理制度\nweight: %d\n---\n\n%s\n", cn(part+1), dept, part+1, paragraph(r, 2)))
		}
		r := rand.New(rand.NewPCG(uint64(seed), 1<<41+uint64(s)))
		out["content/"+sectionDir(s)+"/_index.md"] = []byte(fmt.Sprintf(
			"---\ntitle: 第%s章 %s\nweight: %d\n---\n\n%s\n", cn(s+1), pick(r, topics), s%SectionsPerPart+1, paragraph(r, 2)))
	}

	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				bodies[i] = page(pages, i, seed)
			}
		}(w)
	}
	wg.Wait()
	for i, p := range pages {
		out["content/"+p.file] = bodies[i]
	}
	return out, nil
}

func partDir(part int) string   { return fmt.Sprintf("part%02d", part+1) }
func sectionDir(sec int) string { return partDir(sec/SectionsPerPart) + fmt.Sprintf("/s%03d", sec+1) }

// pagePlan is what other pages need to know about a page to link to it:
// its file, title and headings with their IDs and clause counts.
type pagePlan struct {
	index int
	file  string // "part01/s001/p00001.md"
	title string
	slug  string
	heads []heading
}

type heading struct {
	level int
	text  string // "一、考核目的"
	id    string // "一考核目的"
	items int    // items of the ordered list under it (0: none)
	table bool   // a GFM table follows the list
}

// plan draws a page's outline from its own stream (seed, 2i), so the
// outline of any page is known without generating the others.
func plan(i int, seed int64) *pagePlan {
	r := rand.New(rand.NewPCG(uint64(seed), 2*uint64(i)))
	sec := i / PagesPerSection
	p := &pagePlan{
		index: i,
		file:  fmt.Sprintf("%s/p%05d.md", sectionDir(sec), i+1),
		slug:  fmt.Sprintf("rule-%05d", i+1),
	}
	// Distinct topics on a page give distinct heading IDs (the numbering
	// alone could repeat: 一、 and （一） both slug to 一).
	perm := r.Perm(len(topics))
	next := func() string { t := topics[perm[0]]; perm = perm[1:]; return t }
	p.title = next() + pick(r, titleSuffixes)
	h2 := 3 + r.IntN(2)
	tableAt := -1
	if r.IntN(4) == 0 {
		tableAt = r.IntN(h2)
	}
	for k := 0; k < h2; k++ {
		text := cn(k+1) + "、" + next()
		h := heading{level: 2, text: text, id: headingID(text), table: k == tableAt}
		if r.IntN(5) != 0 {
			h.items = 3 + r.IntN(3)
		}
		p.heads = append(p.heads, h)
		for j, m := 0, r.IntN(3)*r.IntN(2); j < m; j++ {
			text := "（" + cn(j+1) + "）" + next()
			h := heading{level: 3, text: text, id: headingID(text)}
			if r.IntN(2) == 0 {
				h.items = 2 + r.IntN(3)
			}
			p.heads = append(p.heads, h)
		}
	}
	return p
}

// page writes page i from its plan and the stream (seed, 2i+1).
func page(pages []*pagePlan, i int, seed int64) []byte {
	p := pages[i]
	r := rand.New(rand.NewPCG(uint64(seed), 2*uint64(i)+1))
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: %s\nweight: %d\nslug: %s\n---\n\n", p.title, i%PagesPerSection+1, p.slug)
	b.WriteString(paragraph(r, 1+r.IntN(2)))
	b.WriteString("\n")
	for k, h := range p.heads {
		b.WriteString("\n" + strings.Repeat("#", h.level) + " " + h.text + "\n\n")
		para := paragraph(r, 1+r.IntN(3))
		switch r.IntN(3) {
		case 0:
			para += linkSentence(r, pages, i)
		case 1:
			if k > 0 {
				// A link to an earlier heading of the same page.
				t := p.heads[r.IntN(k)]
				para += "（见本办法[" + t.text + "](#" + t.id + ")。）"
			}
		}
		b.WriteString(para + "\n")
		if h.items > 0 {
			b.WriteString("\n")
			for n := 1; n <= h.items; n++ {
				end := "；"
				if n == h.items {
					end = "。"
				}
				item := clauses(r, 1+r.IntN(2))
				if r.IntN(6) == 0 {
					if l := linkSentence(r, pages, i); l != "" {
						item += "，" + l
						end = ""
					}
				}
				fmt.Fprintf(&b, "%d. %s%s\n", n, item, end)
			}
		}
		if h.table {
			b.WriteString("\n" + table(r) + "\n")
		}
	}
	return b.Bytes()
}

// linkSentence refers to a heading or clause of another page: mostly one
// of the same section, sometimes of the same part, now and then anywhere.
func linkSentence(r *rand.Rand, pages []*pagePlan, from int) string {
	if len(pages) == 1 {
		return ""
	}
	var to int
	for to = from; to == from; {
		sec := from / PagesPerSection
		lo, hi := sec*PagesPerSection, (sec+1)*PagesPerSection
		switch x := r.IntN(10); {
		case x < 6:
		case x < 9:
			part := sec / SectionsPerPart
			lo, hi = part*SectionsPerPart*PagesPerSection, (part+1)*SectionsPerPart*PagesPerSection
		default:
			lo, hi = 0, len(pages)
		}
		hi = min(hi, len(pages))
		to = lo + r.IntN(hi-lo)
	}
	t := pages[to]
	h := t.heads[r.IntN(len(t.heads))]
	dest := relPath(pages[from].file, t.file)
	if h.items > 0 && r.IntN(2) == 0 {
		n := 1 + r.IntN(h.items)
		return fmt.Sprintf("具体按[《%s》%s第%d条](%s#%s.%d)执行。", t.title, h.text, n, dest, h.id, n)
	}
	return fmt.Sprintf("详见[《%s》%s](%s#%s)。", t.title, h.text, dest, h.id)
}

// relPath is the link from one page file to another, both slash paths.
func relPath(from, to string) string {
	fd, td := strings.Split(path.Dir(from), "/"), strings.Split(path.Dir(to), "/")
	k := 0
	for k < len(fd) && k < len(td) && fd[k] == td[k] {
		k++
	}
	up := strings.Repeat("../", len(fd)-k)
	rest := strings.Join(td[k:], "/")
	if rest != "" {
		rest += "/"
	}
	return up + rest + path.Base(to)
}

// headingID is the handbook's own heading ID scheme, so generated links
// resolve exactly as the build resolves them.
func headingID(text string) string { return markdown.Slug(text) }

// paragraph is n sentences of policy prose.
func paragraph(r *rand.Rand, n int) string {
	var b strings.Builder
	for k := 0; k < n; k++ {
		if r.IntN(8) == 0 {
			b.WriteString(figures(r))
		} else {
			b.WriteString(clauses(r, 2+r.IntN(2)) + "。")
		}
	}
	return b.String()
}

// clauses joins a leading clause and n-1 continuations with commas.
func clauses(r *rand.Rand, n int) string {
	parts := []string{pick(r, leads)}
	for k := 1; k < n; k++ {
		if r.IntN(3) == 0 {
			parts = append(parts, pick(r, leads))
		} else {
			parts = append(parts, pick(r, tails))
		}
	}
	return strings.Join(parts, "，")
}

// figures is a sentence with the figures of chapter 6's worked examples,
// varied but computed the way the text computes them.
func figures(r *rand.Rand) string {
	score := 60 + r.IntN(30)
	base := 500 * (1 + r.IntN(8))
	pay := base * score / 100
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("本期考核得分%d分，当月绩效工资为%d元，绩效奖发放：%d×%d%%=%d元。", score, base, base, score, pay)
	case 1:
		bonus := pay * 5 / 100
		return fmt.Sprintf("部门业绩目标超额完成，额外奖金：%d×5%%=%d元，本月应发全部奖金为%d元。", pay, bonus, pay+bonus)
	}
	tiers := [][3]int{{95, 100, 105}, {90, 94, 100}}
	t := tiers[r.IntN(len(tiers))]
	return fmt.Sprintf("得分在（%d——%d）分的员工，当月绩效工资按%d%%发放。", t[0], t[1], t[2])
}

// table is a GFM table of appraisal items.
func table(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("| 考核项目 | 分值 | 考核内容 | 备注 |\n| --- | ---: | --- | --- |\n")
	for _, k := range r.Perm(len(indicators))[:3+r.IntN(3)] {
		in := indicators[k]
		fmt.Fprintf(&b, "| %s | %d分 | %s | %s |\n", in.Name, in.Points, in.What, pick(r, tails))
	}
	return b.String()
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// cn writes 1 ≤ n < 100000 in Chinese numerals: 3 → 三, 12 → 十二,
// 105 → 一百零五.
func cn(n int) string {
	if n <= 0 || n >= 100000 {
		return strconv.Itoa(n)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"", "十", "百", "千", "万"}
	s := strconv.Itoa(n)
	var b strings.Builder
	zero := false
	for k, c := range s {
		d := int(c - '0')
		u := len(s) - 1 - k
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(d == 1 && u == 1 && k == 0) { // 十二, not 一十二
			b.WriteString(digits[d])
		}
		b.WriteString(units[u])
	}
	return b.String()
}
