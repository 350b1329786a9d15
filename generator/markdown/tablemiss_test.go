package markdown

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestBrokenTables: a table goldmark made nothing of, or made too much
// of, was shown without a word. A |---| line with fewer columns than the
// header left the lines on the page as one paragraph, pipes and all; a
// paragraph written right under a table became its last row. Each warns
// at the line, saying what to do; text that merely holds a |, and tables
// as written, do not.
func TestBrokenTables(t *testing.T) {
	cases := []struct {
		name, src, want, hint string
	}{
		{"a |---| line with too few columns",
			"## 保密\n\n| 项目 | 说明 |\n| --- |\n| 保密 | 客户档案\n",
			"content/x.md:4:1: warning: this looks like a table, but its |---| line has 1 column for 2 headers (项目, 说明), so it is no table: the page shows its lines as one paragraph, | and --- included",
			"give the |---| line one --- for each of the header row's cells: | --- | --- |"},
		{"a |---| line with too few columns, in a note",
			"> [!编者注]\n>\n> 项目 | 说明 | 分值\n> :---|---\n> 保密 | 档案 | 5\n",
			"content/x.md:4:3: warning: this looks like a table, but its |---| line has 2 columns for 3 headers (项目, 说明, 分值)",
			"| --- | --- | --- |"},
		{"a paragraph right under a table",
			"| 项目 | 说明 |\n| --- | --- |\n| 保密 | 客户档案 |\n| 文件\n下面一段文字\n第二行\n",
			"content/x.md:5:1: warning: the table runs on into this line, \"下面一段文字\": with no blank line after the table, the page shows it as one more row of the table",
			"leave a blank line between the table's last row and this line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := parse(t, c.src)
			if len(errs) != 1 || errs[0].Severity != diag.Warning || !strings.HasPrefix(errs[0].String(), c.want) || !strings.Contains(errs[0].Hint, c.hint) {
				t.Fatalf("want %q, hint %q; got %v", c.want, c.hint, errs)
			}
		})
	}
	for _, src := range []string{
		"甲 | 乙两项合并计算。\n第二行 --- 说明\n",
		"命令为 a | b\n---\n",
		"| 项目 | 说明 |\n| :--- | ---: |\n| 保密 | 客户档案 |\n\n下面一段文字\n",
		"项目 | 说明\n--- | ---\n保密 | 档案\n",
		"| 项目 |\n| --- |\n| 保密 |\n",
		"| 项目 | 说明 |\n| --- | --- | --- |\n| 保密 | 档案 |\n", // goldmark makes it a table of 3 columns
		"| a \\| b | c |\n| --- | --- |\n| 1 | 2 |\n",
	} {
		if _, errs := parse(t, src); len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
		}
	}
}
