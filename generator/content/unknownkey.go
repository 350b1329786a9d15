package content

import (
	"strings"
	"unicode/utf8"

	"handbook/generator/diag"

	"handbook/generator/editdist"
)

// readKeys are the front matter fields setField reads, as the hint
// names them.
var readKeys = []string{"title", "linkTitle", "weight", "order", "slug", "draft", "date", "lastmod", "aliases", "calculator", "publish", "publishDate"}

// otherKeys are fields Hugo, Jekyll, Obsidian and Typora trees use that
// the model has no use for: they are skipped without a word, even where
// one is a letter away from a field that is read.
var otherKeys = map[string]bool{
	"description": true, "summary": true, "tags": true, "categories": true, "keywords": true,
	"type": true, "layout": true, "menu": true, "menus": true, "params": true, "toc": true,
	"author": true, "authors": true, "images": true, "image": true, "outputs": true,
	"headless": true, "cascade": true, "build": true, "sitemap": true, "translationkey": true,
	"iscjklanguage": true, "markup": true, "resources": true, "series": true, "cssclass": true,
	"cssclasses": true, "permalink": true, "comments": true, "featured": true, "data": true,
	"subtitle": true, "tag": true, "category": true, "expirydate": true, "lang": true,
}

// chineseKeys are the names an admin writing by hand gives a field in
// Chinese: the model reads only the English ones.
var chineseKeys = map[string]string{
	"标题": "title", "题目": "title", "名称": "title", "章节标题": "title", "章节名称": "title",
	"排序": "weight", "顺序": "weight", "序号": "weight", "权重": "weight", "次序": "weight",
	"草稿": "draft", "别名": "aliases", "日期": "date",
}

// unknownKey warns of a field no one reads that looks meant as one that
// is: a misspelling (tittle, wieght, alias), a field named in Chinese
// (标题), or one written with a full-width colon (title：第一章: 总则). The
// page would silently go without it (a page titled by its file name,
// sorted last), which its author finds out, if at all, in the sidebar.
// Other unknown keys stay silent, as in Hugo, so that trees written for
// it build.
func unknownKey(file string, line int, key string, v any, errs *diag.List) {
	k := strings.ToLower(strings.TrimSpace(key))
	if otherKeys[k] {
		return
	}
	warn := func(msg, hint string) {
		errs.Add(diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Warning, Msg: msg, Hint: hint})
	}
	if before, _, ok := strings.Cut(key, "："); ok {
		if field := nearKey(strings.TrimSpace(before)); field != "" {
			warn("front matter field "+strconvQuote(key)+" is not read: the colon after "+strings.TrimSpace(before)+" is a full-width ：",
				"type it as a half-width : followed by a space ("+field+": …)")
		}
		return
	}
	if field, ok := chineseKeys[strings.TrimSpace(key)]; ok {
		warn("front matter field "+key+" is not read: fields are named in English",
			"rename "+key+" to "+field+" (the page goes without it until then)")
		return
	}
	if field := nearKey(k); field != "" {
		warn("front matter field "+key+" is not read: there is no such field; did you mean "+field+"?",
			"rename "+key+" to "+field+" (the page goes without it until then)")
	}
}

// nearKey is the field of readKeys that k (lower case) is a misspelling
// of: one edit away (a letter added, dropped, changed, or two swapped),
// two for the longer names; "" if none.
func nearKey(k string) string {
	k = strings.ToLower(k)
	for _, f := range readKeys {
		lf := strings.ToLower(f)
		if k == lf {
			return f
		}
		limit := 1
		if utf8.RuneCountInString(lf) >= 6 {
			limit = 2
		}
		if editdist.OSA(k, lf) <= limit {
			return f
		}
	}
	return ""
}
