package tmplrun

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// run executes the template both ways and returns what each wrote and
// whether the Program took it.
func run(t *testing.T, set *template.Template, data any) (want, got string, handled bool) {
	t.Helper()
	p := Compile(set, "t")
	if p == nil {
		t.Fatal("Compile returned nil")
	}
	var w bytes.Buffer
	if err := set.ExecuteTemplate(&w, "t", data); err != nil {
		t.Fatalf("html/template: %v", err)
	}
	var g bytes.Buffer
	g.WriteString("kept|")
	err := p.Run(&g, data)
	if err == ErrNotHandled {
		if g.String() != "kept|" {
			t.Fatalf("a run not handled left %q in the buffer", g.String())
		}
		return w.String(), "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return w.String(), strings.TrimPrefix(g.String(), "kept|"), true
}

func parseT(t *testing.T, src string) *template.Template {
	t.Helper()
	return template.Must(template.New("t").Parse(src))
}

// Every escaper it calls itself, in every context a theme puts a string
// in, gives html/template's bytes: for strings made of the characters
// each escaper treats specially, invalid UTF-8, and random bytes.
func TestEscapersAsHTMLTemplate(t *testing.T) {
	src := `<title>{{.S}}</title><p class="{{.S}}">{{.S}}</p>` +
		`<a href="{{.S}}">a</a><a href="/p?q={{.S}}&r={{.S}}">b</a><a href="{{.S}}/x#{{.S}}">c</a>` +
		`<img src="{{.S}}" alt='{{.S}}'><meta content="{{.S}}">{{.H}}<title>{{.H}}</title>`
	set := parseT(t, src)
	samples := []string{
		"", "plain", "绩效工资 105%", `<b>"x" & 'y' +z</b>`, "\x00nul", "a\xffb\xc3", "%41%4g%", "%", "%4",
		"javascript:alert(1)", "JavaScript:x", "http://a/b?c=d&e=f#g", "HTTPS://x", "mailto:a@b", "/a:b", "a/b:c",
		"tel:123", " spaced\tout\n", "!#$&*+,/:;=?@[]-._~'()", "`=", "\u2028\ufffd\U0001F600",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(3) == 0 {
				b[i] = "<>&'\"+%:/#?= \x00"[r.IntN(14)]
			}
		}
		samples = append(samples, string(b))
	}
	for _, s := range samples {
		want, got, ok := run(t, set, struct {
			S string
			H template.HTML
		}{s, template.HTML("<i>" + s + "</i>")})
		if !ok {
			t.Fatalf("%q: not handled", s)
		}
		if got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}

type inner struct {
	Name  string
	On    bool
	N     int
	Items []string
}

type page struct {
	Title   string
	Kind    string
	Count   int
	Flag    bool
	Ptr     *inner
	Nil     *inner
	List    []inner
	Empty   []inner
	Any     any
	NilAny  any
	Content template.HTML
	inner
}

func sample() *page {
	return &page{
		Title: "第六章 <绩效>", Kind: "page", Count: 3, Flag: true,
		Ptr:     &inner{Name: "指针", On: true, N: 2, Items: []string{"a", "b&c"}},
		List:    []inner{{Name: "一", Items: []string{"x"}}, {Name: "二", On: true}, {Name: "三", N: -1}},
		Any:     inner{Name: "任意"},
		Content: "<p>正文</p>",
		inner:   inner{Name: "嵌入"},
	}
}

// The control structures, variables, builtins and template calls it
// handles give html/template's output.
func TestControlFlowAsHTMLTemplate(t *testing.T) {
	for _, src := range []string{
		`{{if .Title}}<h1>{{.Title}}</h1>{{else}}none{{end}}{{if .Nil}}x{{else if .Flag}}flag{{end}}`,
		`{{with .Ptr}}{{.Name}}{{range .Items}}[{{.}}]{{end}}{{end}}{{with .Nil}}no{{else}}nil{{end}}`,
		`{{range $i, $e := .List}}{{$i}}:{{$e.Name}}{{if $e.On}}!{{end}}{{$.Title}};{{else}}empty{{end}}`,
		`{{range .Empty}}x{{else}}none{{end}}{{range $e := .List}}{{$e.N}}{{end}}`,
		`{{$w := or .Kind "章"}}{{$w}}{{$v := or "" .Title}}{{$v}}{{$z := and .Flag .Count}}{{$z}}{{$f := and .Nil .Title}}{{if $f}}t{{end}}`,
		`{{if eq .Kind "page"}}p{{end}}{{if eq .Kind "a" "b" "page"}}any{{end}}{{if ne .Count 3}}ne{{else}}eq{{end}}{{if not .Flag}}no{{end}}{{if eq (len .List) 3}}three{{end}}`,
		`{{define "part"}}<b>{{.Name}}</b>{{with $}}{{.N}}{{end}}{{end}}{{template "part" .Ptr}}{{range .List}}{{template "part" .}}{{end}}{{template "part" .Ptr}}`,
		`{{.Name}}{{.Content}}<div title="{{.Count}} {{.Flag}}">{{.Ptr.Items}}</div>`,
		`{{with .Any}}{{.Name}}{{end}}{{if .NilAny}}x{{end}}{{$x := .Title}}{{with .Ptr}}{{$x}}{{$x = .Name}}{{$x}}{{end}}{{$x}}`,
		`{{range .List}}{{$n := .Name}}{{if .On}}{{$n}}{{end}}{{end}}{{if and .Flag (eq .Count 3) (not .Nil)}}all{{end}}`,
		`<a href="/x/{{.Kind}}/?{{.Title}}">{{printf "%d" .Count}}</a>`,
	} {
		set := parseT(t, src)
		want, got, ok := run(t, set, sample())
		if ok && got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
		// .Ptr.Items is a slice printed through fmt, printf is a
		// function of text/template's: those two are handed back.
		if !ok && !strings.Contains(src, ".Ptr.Items") && !strings.Contains(src, "printf") {
			t.Errorf("%s: not handled", src)
		}
	}
}

type withMethod struct{ Name string }

func (withMethod) Label() string { return "method" }

// What it does not do itself it hands back, with nothing written, for
// html/template to run: methods, maps, functions, scripts, templates
// derived for another context, nil pointers.
func TestHandsBackWhatItDoesNotDo(t *testing.T) {
	for _, c := range []struct {
		src  string
		data any
	}{
		{`ok {{.Label}}`, withMethod{"x"}},
		{`ok {{.k}}`, map[string]string{"k": "v"}},
		{`ok {{index .List 0}}`, sample()},
		{`ok <script>var x = {{.Title}};</script>`, sample()},
		{`ok <style>p { color: {{.Kind}} }</style>`, sample()},
		{`{{define "n"}}{{.Name}}{{end}}ok <a title="{{template "n" .}}">`, sample()},
		{`ok {{.Nil.Name}}`, sample()},
		{`ok {{with .Content}}<a title="{{.}}">{{end}}`, sample()},
		{`ok {{range $k, $v := .Any}}{{end}}`, map[string]any{"Any": map[string]int{"a": 1}}},
		{`ok {{.Nope}}`, withMethod{"x"}},
		{`ok <p data-x={{.Title}}>`, sample()},
	} {
		set := template.Must(template.New("t").Parse(c.src))
		var w bytes.Buffer
		werr := set.ExecuteTemplate(&w, "t", c.data)
		p := Compile(set, "t")
		var g bytes.Buffer
		if err := p.Run(&g, c.data); err != ErrNotHandled {
			t.Errorf("%s: Run = %v, %q; want ErrNotHandled (html/template: %q, %v)", c.src, err, g.String(), w.String(), werr)
		} else if g.Len() != 0 {
			t.Errorf("%s: left %q", c.src, g.String())
		}
	}
}

// A program that keeps missing stops trying: its runs cost nothing then.
func TestStopsTryingWhenItMostlyMisses(t *testing.T) {
	set := parseT(t, `{{.Label}}`)
	p := Compile(set, "t")
	for range 40 {
		_ = p.Run(new(bytes.Buffer), withMethod{})
	}
	misses := p.misses.Load()
	_ = p.Run(new(bytes.Buffer), withMethod{})
	if p.misses.Load() != misses {
		t.Error("still running a program that missed every time")
	}
}
