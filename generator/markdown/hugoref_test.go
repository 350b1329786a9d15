package markdown

import (
	"strings"
	"testing"
)

// Hugo expands a ref shortcode before Markdown reads the page, so what
// runs on after it is part of the address: [x]({{< ref "a.md" >}}#流程)
// is a link to a.md#流程, in a link or a reference definition. The
// rewrite stopped at the shortcode, the destination was then no
// destination, and the page showed "[x](hugoref:a.md #流程)" with the
// internal mark as an address, without a word. A shortcode followed by
// what no address can hold is still shown as written, never as a mark.
func TestRefShortcodeWithTextAfterIt(t *testing.T) {
	src := "见[流程]({{< ref \"leave.md\" >}}#流程)、[附录]({{% relref \"annex\" %}}/ \"附录\")与[表][b]。\n\n" +
		"[坏]({{< ref \"leave.md\" >}}\"><svg onload=alert(1)>)\n\n[坏二]({{< ref \"leave.md\" >}}?a=1 x)\n\n" +
		"[b]: {{< ref \"forms.md\" >}}#表一\n"
	d, errs := parse(t, src)
	var got []string
	for _, l := range d.Links {
		if l.Kind != LinkRef {
			t.Errorf("link %q is not a ref", l.Dest)
		}
		got = append(got, l.Dest)
	}
	if want := "leave.md#流程 annex/ forms.md#表一"; strings.Join(got, " ") != want {
		t.Errorf("links = %q, want %q (warnings %v)", got, want, errs)
	}
	out, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	if strings.Contains(page, refScheme) || strings.Contains(page, "<svg") {
		t.Errorf("the page shows the ref mark or live markup:\n%s", page)
	}
	for _, want := range []string{`title="附录"`, `[坏]({{&lt; ref &quot;leave.md&quot; &gt;}}&quot;&gt;`, `[坏二]({{&lt; ref &quot;leave.md&quot; &gt;}}?a=1 x)`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s:\n%s", want, page)
		}
	}
	warned := false
	for _, e := range errs {
		warned = warned || strings.Contains(e.Msg, "Hugo shortcode {{< ref \"leave.md\" >}} is not supported")
	}
	if !warned {
		t.Errorf("a ref shown as written was not warned of: %v", errs)
	}
}

// A ref's path may be given by name, path="x.md", as Hugo's docs write
// it, and lang= or outputFormat= beside it choose nothing here. The
// named form was shown as written, with a warning whose hint was the
// very thing written; lang="en" was read into the file's name.
func TestRefShortcodeNamedArguments(t *testing.T) {
	for src, want := range map[string]string{
		`{{< relref path="page.md" >}}`:              "page.md",
		`{{< ref "page.md" lang="en" >}}`:            "page.md",
		"{{< ref `page.md` outputFormat=\"amp\" >}}": "page.md",
		`{{< ref path=page.md lang=en >}}`:           "page.md",
		`{{% relref lang="en" path="/hr/leave" %}}`:  "/hr/leave",
	} {
		d, errs := parse(t, "[x]("+src+")\n")
		if len(d.Links) != 1 || d.Links[0].Kind != LinkRef || d.Links[0].Dest != want {
			t.Errorf("%s: links %+v (warnings %v), want a ref to %s", src, d.Links, errs, want)
		}
	}
	for _, src := range []string{`{{< ref "a.md" "b.md" >}}`, `{{< ref path="a.md" "b.md" >}}`, `{{< ref "a.md" page="x" >}}`, `{{< ref "a.md >}}`} {
		if d, _ := parse(t, "[x]("+src+")\n"); len(d.Links) != 0 && d.Links[0].Kind == LinkRef {
			t.Errorf("%s: read as a ref to %q", src, d.Links[0].Dest)
		}
	}
}
