package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/e2e/harness"
	"handbook/generator/revision"
)

// A link kept from before a heading was renamed twice says the revision
// that renamed it first with the name it gave, and the name it has now:
// it said the first revision gave it its last name (“一、考核目的”在
// 2026.2 版中改为“一、考核的宗旨”, which only the working copy named it).
func TestOldLinkToAHeadingRenamedTwiceSaysEachName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	ch6 := filepath.Join(dir, "06-performance.md")
	rename := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(ch6)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("06-performance.md lacks %q: %v", old, err)
		}
		if err := os.WriteFile(ch6, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rename("## 一、考核目的", "## 一、考核的目的")
	if err := revision.Publish(dir, revision.Request{Version: "2026.2", Effective: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Note: "改标题"}); err != nil {
		t.Fatal(err)
	}
	rename("## 一、考核的目的", "## 一、考核的宗旨")
	s := harness.ServeContent(t, dir, true)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/draft/performance/#一考核目的"), chromedp.WaitVisible(chromedp.CSS(".banner-missing")))
	say := harness.Eval[string](t, ctx, `document.querySelector(".banner-missing").textContent`)
	if want := "链接所指的“一、考核目的”在 2026.2 版中改为“一、考核的目的”，现为“一、考核的宗旨”。转到该处"; !strings.HasPrefix(say, want) {
		t.Errorf("the page says %q, want it to begin %q", say, want)
	}
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".banner-missing a")))
	if got := harness.Eval[string](t, ctx, `decodeURIComponent(location.hash)`); got != "#一考核的宗旨" {
		t.Errorf("its link went to %s, want #一考核的宗旨", got)
	}
	// The name the working copy gave it says only that.
	harness.Do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(s.URL+"/draft/performance/#一考核的目的"), chromedp.WaitVisible(chromedp.CSS(".banner-missing")))
	say = harness.Eval[string](t, ctx, `document.querySelector(".banner-missing").textContent`)
	if want := "链接所指的“一、考核的目的”在草稿中改为“一、考核的宗旨”。转到该处"; !strings.HasPrefix(say, want) {
		t.Errorf("the page says %q, want it to begin %q", say, want)
	}
}

// A link kept from before a section was split into two says so, naming
// both, and leads to the first: it said the section was deleted.
func TestOldLinkToASplitSectionNamesItsParts(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(harness.ContentDir())); err != nil {
		t.Fatal(err)
	}
	ch4 := filepath.Join(dir, "04-training.md")
	b, err := os.ReadFile(ch4)
	if err != nil {
		t.Fatal(err)
	}
	split := strings.NewReplacer("## 人员的培训\n\n1. 试用期员工培训\n   1.", "## 试用期培训\n\n1.", "   2. 公司管理制度培训\n2. 在职培训\n   1.", "2. 公司管理制度培训\n\n## 在职培训\n\n1.",
		"   2. 定期开展", "2. 定期开展", "   3. 公司", "3. 公司", "   4. 定期进行", "4. 定期进行").Replace(string(b))
	if strings.Contains(split, "人员的培训") || strings.Count(split, "\n   ") != 0 {
		t.Fatalf("the chapter's text changed: update the edits:\n%s", split)
	}
	if err := os.WriteFile(ch4, []byte(split), 0o644); err != nil {
		t.Fatal(err)
	}
	s := harness.ServeContent(t, dir, true)
	ctx := harness.Browser(t)
	harness.Do(t, ctx, chromedp.Navigate(s.URL+"/draft/training/#人员的培训"), chromedp.WaitVisible(chromedp.CSS(".banner-missing")))
	say := harness.Eval[string](t, ctx, `document.querySelector(".banner-missing").textContent`)
	if want := "链接所指的“人员的培训”已在草稿中拆分为“试用期培训”、“在职培训”。转到该处"; !strings.HasPrefix(say, want) {
		t.Errorf("the page says %q, want it to begin %q", say, want)
	}
	harness.Do(t, ctx, chromedp.Click(chromedp.CSS(".banner-missing a")))
	harness.WaitFor(t, ctx, `decodeURIComponent(location.hash) === "#试用期培训"`, `"its link went to " + decodeURIComponent(location.hash)`)
}
