package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnclosedFencesAreWarnedOf: a code fence never closed runs, as
// CommonMark says, to the end of its page (or list item, or quotation),
// showing every later heading and clause as code. It is warned of where
// it opens; a fence closed by a longer run, by ~~~, in a list item or in
// a quotation is not.
func TestUnclosedFencesAreWarnedOf(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"# 第一节\n\n```toml\nx = 1\n\n## 第二节\n\n正文。\n", "3:1 the code block opened with ``` here is never closed, so everything after it on the page shows as code"},
		{"正文。\n\n~~~\n代码\n```\n\n## 第二节\n", "3:1 the code block opened with ~~~ here is never closed, so everything after it on the page shows as code"},
		{"1. 第一项\n\n   ````\n   代码\n\n2. 第二项\n", "3:4 the code block opened with ```` here is never closed, so the rest of its list item or quotation shows as code"},
		{"```\n代码\n```\n\n正文。\n", ""},
		{"````\n代码\n`````\n", ""},
		{"~~~ text\n代码\n~~~\n", ""},
		{"> ```\n> 代码\n> ```\n\n正文。\n", ""},
		{"- 一项\n\n  ```toml\n  x = 1\n  ```\n- 二项\n", ""},
		{"```\n```\n", ""},
		{"正文里的 ``` 三个反引号。\n", ""},
	} {
		checkWarnings(t, c.src, c.want, "")
	}
}

// TestExtraTableCellsAreWarnedOf: GFM drops the cells of a row beyond the
// table's columns; the row is warned of, with the text left out. A row
// with fewer cells, an escaped \| or a trailing | is no extra cell.
func TestExtraTableCellsAreWarnedOf(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"| 岗位 | 得分 |\n| --- | --- |\n| 销售 | 88 | 备注：试用期 |\n", `3:1 this table row has 3 cells but the table has 2 columns, so the page leaves out "备注：试用期"`},
		{"岗位 | 得分\n--- | ---\n销售 | 88 | 9 | 10\n内勤 | 90\n", `3:1 this table row has 4 cells but the table has 2 columns, so the page leaves out "9 | 10"`},
		{"| 岗位 | 得分 |\n| --- | --- |\n| 销售 | 88 |\n| 内勤 |\n", ""},
		{"| 公式 | 说明 |\n| --- | --- |\n| a \\| b | 或 |\n", ""},
		{"> | 岗位 | 得分 |\n> | --- | --- |\n> | 销售 | 88 | 多 |\n", `3:3 this table row has 3 cells but the table has 2 columns, so the page leaves out "多"`},
	} {
		checkWarnings(t, c.src, c.want, "")
	}
}

// TestRenumberedItemsAreWarnedOf: Markdown shows a numbered list's items
// in order from the first one's number, whatever the others are written
// as; an item written with another number is warned of (once a list),
// unless every item has the same number (1. 1. 1., numbered on purpose).
func TestRenumberedItemsAreWarnedOf(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"1. 甲\n2. 乙\n4. 丙\n5. 丁\n", "3:1 this item is written 4. but the page shows it as 3: Markdown numbers a list's items in order from its first (1.)"},
		{"1) 甲\n3) 乙\n", "2:1 this item is written 3) but the page shows it as 2: Markdown numbers a list's items in order from its first (1))"},
		{"1. 甲\n   1. 子\n   3. 丑\n2. 乙\n", "3:4 this item is written 3. but the page shows it as 2: Markdown numbers a list's items in order from its first (1.)"},
		{"1. 甲\n2. 乙\n10. 丙\n", "3:1 this item is written 10. but the page shows it as 3: Markdown numbers a list's items in order from its first (1.)"},
		{"1. 甲\n1. 乙\n1. 丙\n", ""},
		{"3. 甲\n4. 乙\n", ""},
		{"1. <!-- payout role=sales score=80 base=1500 dept=met -->\n   甲\n2. 乙\n", ""},
		{"- 甲\n- 乙\n", ""},
	} {
		checkWarnings(t, c.src, c.want, "written")
	}
}

// checkWarnings parses src and compares its diagnostics whose message
// holds about ("" for all), as "line:col message" lines, with want.
func checkWarnings(t *testing.T, src, want, about string) {
	t.Helper()
	_, errs := parse(t, src)
	var got []string
	for _, e := range errs {
		if strings.Contains(e.Msg, about) {
			got = append(got, fmt.Sprintf("%d:%d %s", e.Line, e.Col, e.Msg))
		}
	}
	if strings.Join(got, "\n") != want {
		t.Errorf("%q:\n got %q\nwant %q", src, got, want)
	}
}
