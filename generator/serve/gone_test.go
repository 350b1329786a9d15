package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A chapter deleted in the working copy while it is open reloaded into the
// site's 404 page, which says the address may be mistyped (可能是地址输错了).
// Its address now says the chapter is no longer in the working copy, by
// its title; a chapter renamed (its slug) says where it is now; and the
// page is back once the deletion is undone.
func TestADeletedChaptersAddressSaysItWasDeleted(t *testing.T) {
	ts := start(t, options{})
	must(t, os.Remove(filepath.Join(ts.content, "c.md")))
	ts.expect("reload")
	code, body, _ := ts.get("/latest/c/")
	if code != 404 {
		t.Errorf("the deleted chapter's address: %d, want 404", code)
	}
	for _, want := range []string{"此页已不在工作副本中", "「第三章 附则」原在这个地址；工作副本中它的文件已被删除或改名", "git checkout", `<a href="/latest/">回到目录</a>`, `<script type="module" src="/__handbook/livereload.js">`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
	if code, body, _ := ts.get("/latest/nowhere/"); code != 404 || strings.Contains(body, "工作副本") {
		t.Errorf("an address no page ever had: %d\n%s", code, body)
	}

	ts.write("b.md", strings.Replace(smallSite["b.md"], "slug: b", "slug: duties", 1))
	ts.expect("reload")
	if _, body, _ := ts.get("/latest/b/"); !strings.Contains(body, "「第二章 职责」原在这个地址；工作副本中它的文件或 slug 改了名，它现在的地址是 <a href=\"/latest/duties/\">") {
		t.Errorf("the renamed chapter's old address:\n%s", body)
	}

	ts.write("c.md", smallSite["c.md"])
	ts.expect("reload")
	if body := ts.page("/latest/c/"); !strings.Contains(body, "本制度自发布之日起施行") {
		t.Error("the chapter put back is not served")
	}
}

// A chapter renamed while open is followed to its new address (its text
// unchanged) where the reader was: it opened at the top.
func TestAFollowedChapterKeepsItsScroll(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	long := smallSite["a.md"] + strings.Repeat("\n本制度条文用于测试滚动位置，内容较长。\n", 300)
	ts, _, eval := openLongPage(t, long)
	if y := eval(`window.scrollTo({top: 1500, behavior: "instant"}); String(scrollY)`); y != "1500" {
		t.Fatalf("cannot scroll the test page: %s", y)
	}
	ts.write("a.md", strings.Replace(long, "slug: a", "slug: 总则", 1))
	deadline := time.Now().Add(15 * time.Second)
	var at string
	for {
		at = eval(`document.readyState === "complete" ? decodeURIComponent(location.pathname) + " " + scrollY : ""`)
		if strings.HasPrefix(at, "/latest/总则/ ") && !strings.HasSuffix(at, " 0") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	at = eval(`decodeURIComponent(location.pathname) + " " + scrollY`)
	if at != "/latest/总则/ 1500" {
		t.Errorf("after the slug's change the page is at %q, want /latest/总则/ 1500", at)
	}
	// And back, where the reader still is.
	ts.write("a.md", long)
	deadline = time.Now().Add(15 * time.Second)
	for {
		at = eval(`document.readyState === "complete" ? decodeURIComponent(location.pathname) + " " + scrollY : ""`)
		if strings.HasPrefix(at, "/latest/a/ ") && !strings.HasSuffix(at, " 0") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if at != "/latest/a/ 1500" {
		t.Errorf("after the slug came back the page is at %q, want /latest/a/ 1500", at)
	}
}
