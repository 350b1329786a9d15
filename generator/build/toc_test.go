package build

import (
	"bytes"
	"html/template"
	"testing"

	"handbook/generator/markdown"
)

// tocTemplate is the outline as base.html made it from .TOC before the
// build made it (tocHTML): a theme that still does gets the same markup.
const tocTemplate = `<ol>
      {{- $open := false}}{{$any := false}}
      {{- range .}}
        {{- if and (gt .Level 2) $any (not $open)}}<ol>{{$open = true}}
        {{- else if and (le .Level 2) $open}}</li></ol></li>{{$open = false}}
        {{- else if $any}}</li>{{end}}
        <li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a>
        {{- $any = true}}
      {{- end}}
      {{- if $open}}</li></ol>{{end}}{{if $any}}</li>{{end}}
      </ol>`

func TestTOCHTMLIsTheTemplates(t *testing.T) {
	tm := template.Must(template.New("toc").Parse(tocTemplate))
	h := func(level int, id, text string) markdown.Heading {
		return markdown.Heading{Level: level, ID: id, Text: text}
	}
	for _, toc := range [][]markdown.Heading{
		{h(2, "一目的", "一、目的"), h(2, "二范围", "二、范围")},
		{h(2, "a", "A"), h(3, "a.1", "A 1"), h(3, "a-2", "A 2"), h(2, "b", "B")},
		{h(3, "先", "先有三级"), h(2, "后", "后有二级"), h(3, "尾", "以三级结尾")},
		{h(2, "x y", `引号"与'撇号' & <尖括号> + 加号`), h(3, "%25?#/:=&;@!$*,[]~_.", "标点\u0000与空字符"), h(3, "105%", "105% 档")},
		{h(2, "ＡＢ", "全角"), h(3, "é", "Café"), h(2, "\u2028", "行分隔")},
	} {
		var want bytes.Buffer
		if err := tm.Execute(&want, toc); err != nil {
			t.Fatal(err)
		}
		if got := string(tocHTML(toc)); got != want.String() {
			t.Errorf("tocHTML(%v):\n got %s\nwant %s", toc, got, want.String())
		}
	}
	if tocHTML(nil) != "" {
		t.Error("an empty outline made a list")
	}
}
