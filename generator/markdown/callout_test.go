package markdown

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestNoteMarkerAsAChineseInputMethodTypesIt: the editor's note marker
// typed with a full-width "！" (as a Chinese input method types it), or
// with spaces inside its brackets, is still the marker: the quotation is
// a note, not policy text showing "[！编者注]". So is a callout's.
func TestNoteMarkerAsAChineseInputMethodTypesIt(t *testing.T) {
	for _, marker := range []string{"[！编者注]", "[!编者注 ]", "[ ! 编者注 ]", "[！ 编者注]", " [!编者注]  "} {
		src := "正文。\n\n> " + marker + "\n> 原文此处为空。\n"
		d, errs := parse(t, src)
		if len(errs) > 0 {
			t.Errorf("%s: %v", marker, errs)
		}
		out, err := New(Options{}).Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), `<aside class="editor-note" role="note"><p class="note-label">编者注</p>`+"\n<p>原文此处为空。</p>") ||
			strings.Contains(string(out), "编者注]") || strings.Contains(string(out), "<blockquote") {
			t.Errorf("%s is not a note:\n%s", marker, out)
		}
	}
	d, errs := parse(t, "> [！warning ] 加班须事先审批\n> 未经审批的加班不计加班费。\n")
	out, _ := New(Options{}).Render(d)
	if len(errs) > 0 || !strings.Contains(string(out), `<blockquote class="callout callout-warning"><p class="callout-title"><strong>加班须事先审批</strong>`) {
		t.Errorf("[！warning ]: %v\n%s", errs, out)
	}
}

// TestNearMissMarkersWarn: a marker nearly the editor's note's (【】
// brackets, a character mistyped or missing) or a callout's leaves the
// quotation as text, marker and all; each is warned of where it is
// written, with the marker to write. A callout type of the author's own
// ([!foo]) stays a callout titled Foo, as the README says, unwarned; one
// a character off a known type is a callout and a warning.
func TestNearMissMarkersWarn(t *testing.T) {
	cases := []struct {
		line       string
		col        int
		msg, hint  string
		renderedAs string
	}{
		{"> 【!编者注】", 3, "【!编者注】 is not the editor's note marker", "write > [!编者注]", "<blockquote>\n<p>【！编者注】甲。"},
		{"> 【！编者注】", 3, "【！编者注】 is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"> [!编者住]", 3, "[!编者住] is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"> [!编者按]", 3, "[!编者按] is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"> [编者注]", 3, "[编者注] is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"> [!编者注】", 3, "[!编者注】 is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"  >  ［！编者注］", 6, "［！编者注］ is not the editor's note marker", "write > [!编者注]", "<blockquote>"},
		{"> [!编者注] 原文如此。", 3, "has text after it on its line", "alone on the quotation's first line", "<blockquote>"},
		{"> 【!warning】", 3, "【!warning】 is not a callout's marker", "write > [!warning]", "<blockquote>"},
		{"> [!注意]", 3, "[!注意] is not a callout's marker", "write > [!warning] for a callout titled 注意", "<blockquote>"},
		{"> [!重要提醒]", 3, "[!重要提醒] is not a callout's marker", "> [!note] 重要提醒", "<blockquote>"},
		{"> [!warnig]", 3, "[!warnig] is no callout type", "[!warning] (注意)", `<blockquote class="callout callout-warnig">`},
	}
	for _, c := range cases {
		src := "正文。\n\n" + c.line + "\n> 甲。\n"
		d, errs := parse(t, src)
		if len(errs) != 1 || errs[0].Severity != diag.Warning || errs[0].Line != 3 || errs[0].Col != c.col ||
			!strings.Contains(errs[0].Msg, c.msg) || !strings.Contains(errs[0].Hint, c.hint) {
			t.Errorf("%s: want a warning at 3:%d saying %q, %q; got %v", c.line, c.col, c.msg, c.hint, errs)
		}
		out, _ := New(Options{}).Render(d)
		if !strings.Contains(string(out), c.renderedAs) {
			t.Errorf("%s: rendered\n%s", c.line, out)
		}
	}
	// No marker meant, or one read as written: no warning.
	for _, src := range []string{
		"> [!foo]\n> 丁。\n", "> [!foo] 标题\n", "> [!tip]-\n> 甲\n", "> [!WARNING]\n", "> [见此](x.md)不是标注。\n",
		"> [注意] 这是引文。\n", "> 【注意】这是引文。\n", "> [!编者注]\n> 甲。\n", "> [[考勤制度]]\n", "> [!]\n", "> [!note\n",
		"> [!bugs]\n> 甲。\n", "1. 项\n\n   > [!编者注]\n   > 甲。\n",
	} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
	d, _ := parse(t, "> [!foo]\n> 丁。\n")
	if out, _ := New(Options{}).Render(d); !strings.Contains(string(out), `<blockquote class="callout callout-foo"><p class="callout-title"><strong>Foo</strong>`) {
		t.Errorf("[!foo]:\n%s", out)
	}
}

func TestNearName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"编者住", "编者注", true}, {"编者", "编者注", true}, {"编者注释", "编者注", true}, {"者编注", "编者注", true},
		{"编者注", "编者注", false}, {"注意", "编者注", false}, {"warnig", "warning", true}, {"bugs", "bug", true}, {"foo", "todo", false},
	} {
		if got := nearName(c.a, c.b); got != c.want {
			t.Errorf("nearName(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
