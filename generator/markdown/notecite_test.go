package markdown

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestNotesThatPointNowhere: an editor's note with no text showed an
// empty 编者注 box, and one citing an item the list above it does not
// have (上列第3、9项 under seven items) was taken without a word. Each
// warns now, naming the list's items; the handbook's own notes (上列各项,
// 上列第3、7项 under seven items, 见上列第1项) do not.
func TestNotesThatPointNowhere(t *testing.T) {
	seven := "## 奖惩办法\n\n1. 一\n2. 二\n3. 三\n4. 四\n5. 五\n6. 六\n7. 七\n\n"
	cases := []struct{ name, src, want, hint string }{
		{"an empty note", "正文。\n\n> [!编者注]\n\n正文。\n",
			"content/x.md:3:3: warning: this editor's note is empty: the page shows a 编者注 box with nothing in it",
			"write the note on the lines after > [!编者注], each starting with >, or remove the note"},
		{"an empty note with an empty line", "> [!编者注]\n>\n",
			"content/x.md:1:3: warning: this editor's note is empty", ""},
		{"an item past the last of seven", seven + "> [!编者注]\n> 上列第3、9项算式中的百分号原文写作“℅”。\n",
			"content/x.md:12:3: warning: this editor's note cites item 9 of the list above it (上列第3、9项), but that list (line 3) has items 1 to 7",
			"correct the note's item numbers to the list's, or the list"},
		{"an item past the last of two", "## 一、拜访要求\n\n1. 每周拜访。\n2. 计入考评。\n\n> [!编者注]\n> 见上列第5项。\n",
			"content/x.md:7:4: warning: this editor's note cites item 5 of the list above it (上列第5项), but that list (line 3) has items 1 and 2", ""},
		{"items in Chinese numerals, a later line of the note", seven + "> [!编者注]\n> 原文如此。\n> 另见上列第八、十项。\n",
			"content/x.md:13:5: warning: this editor's note cites items 八、十 of the list above it (上列第八、十项), but that list (line 3) has items 1 to 7", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := parse(t, c.src)
			if len(errs) != 1 || errs[0].Severity != diag.Warning || !strings.HasPrefix(errs[0].String(), c.want) || !strings.Contains(errs[0].Hint, c.hint) {
				t.Fatalf("want %q; got %v", c.want, errs)
			}
		})
	}
	for _, src := range []string{
		seven + "> [!编者注]\n> 上列第3、7项算式中的百分号原文写作“℅”。\n",
		"1. 业绩考评\n2. 能力考核\n3. 态度考核\n\n> [!编者注]\n> 下表按上列各项整理;其后的说明见上列第1项。\n",
		// Not under a list: 上列 is not read.
		"1. 一\n\n正文。\n\n> [!编者注]\n> 见上列第5项。\n",
		"> [!编者注]\n> 原文此处为空。\n",
		seven + "> [!编者注]\n> 上列第七项。\n",
	} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}
