package build

import (
	"strings"
	"testing"
)

// The home page lists each chapter with its first three sections, and
// "…" only when it has more: a chapter of exactly three (第三章, 第五章)
// showed "…" too, as if something followed.
func TestHomeSummaryEllipsisOnlyWhenMoreFollow(t *testing.T) {
	mem, _, err := run(t, tree(`-- _index.md --
# 手册
-- 01-three.md --
# 第一章
## 一、甲
正文。
### 小节
正文。
## 二、乙
正文。
## 三、丙
正文。
-- 02-four.md --
# 第二章
## 一、丁
正文。
## 二、戊
正文。
## 三、己
正文。
## 四、庚
正文。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	home := string(mem.Files["latest/index.html"])
	for _, want := range []string{
		`<span class="chapter-summary">一、甲 · 二、乙 · 三、丙</span>`,
		`<span class="chapter-summary">一、丁 · 二、戊 · 三、己 · …</span>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s:\n%s", want, home)
		}
	}
}
