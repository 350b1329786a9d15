package gentree

import "fmt"

// hugoSite is a minimal Hugo site around content/ whose work per page
// matches handbook's: the page body with its table of contents, a sidebar
// of the top-level sections and the current section's pages, previous and
// next links, section pages listing their children, and .md links resolved
// to page URLs (handbook checks and rewrites them too). Markdown settings
// follow the handbook's dialect: GFM, footnotes, no typographer, raw HTML
// not rendered, the CJK extension where this Hugo knows it (it ignores the
// keys otherwise). No taxonomies, feeds, sitemap or robots.txt.
func hugoSite(n int) map[string][]byte {
	return map[string][]byte{
		"config.toml":                                  []byte(fmt.Sprintf(hugoConfig, n)),
		"layouts/_default/baseof.html":                 []byte(hugoBaseof),
		"layouts/_default/single.html":                 []byte(hugoSingle),
		"layouts/_default/list.html":                   []byte(hugoList),
		"layouts/partials/nav.html":                    []byte(hugoNav),
		"layouts/_default/_markup/render-link.html":    []byte(hugoRenderLink),
		"layouts/_default/_markup/render-heading.html": []byte(hugoRenderHeading),
	}
}

const hugoConfig = `baseURL = "/"
languageCode = "zh-CN"
title = "某集团公司管理制度汇编（%d 页）"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[markup]
  defaultMarkdownHandler = "goldmark"
  [markup.goldmark.extensions]
    table = true
    strikethrough = true
    linkify = true
    taskList = true
    footnote = true
    definitionList = false
    typographer = false
  [markup.goldmark.extensions.cjk]
    enable = true
    eastAsianLineBreaks = true
  [markup.goldmark.parser]
    autoHeadingID = true
    autoHeadingIDType = "github"
  [markup.goldmark.parser.attribute]
    title = true
    block = false
  [markup.goldmark.renderer]
    unsafe = false
  [markup.tableOfContents]
    startLevel = 2
    endLevel = 3
    ordered = false
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
</head>
<body>
<nav class="sidebar" aria-label="目录">{{ partial "nav.html" . }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`

const hugoNav = `<ul class="top">
{{- range site.Sections }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{- with .CurrentSection }}{{ if not .IsHome }}
<p class="section-title">{{ .Title }}</p>
<ul class="section">
{{- range .Pages }}
<li{{ if eq . $ }} aria-current="page"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{- end }}{{ end }}
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .TableOfContents }}
{{ .Content }}
<nav class="prevnext">
{{- with .Prev }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{- with .Next }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="children">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
</article>
{{ end }}
`

// hugoRenderLink resolves a link to a page's .md file to that page's URL,
// keeping the #fragment, as handbook does; a missing page is a warning.
const hugoRenderLink = `{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
  {{- with $.Page.GetPage $u.Path -}}
    {{- $href = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
  {{- else -}}
    {{- warnf "%s: link to %s: no such page" $.Page.File.Path $u.Path -}}
  {{- end -}}
{{- end -}}
<a href="{{ $href }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /**/ -}}
`

// hugoRenderHeading adds the self-link handbook puts on every heading.
const hugoRenderHeading = `<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }}<a class="anchor" href="#{{ .Anchor | safeURL }}" aria-label="本节链接">#</a></h{{ .Level }}>
{{- /**/ -}}
`
