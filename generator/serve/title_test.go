package serve

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDraftTitleSaysDraftOnce: the preview's working copy is the edition
// labelled 草稿, and its pages were titled "… 草稿（草稿）" in the tab
// and the header, the status said again after the label that is it.
func TestDraftTitleSaysDraftOnce(t *testing.T) {
	// The project's handbook: published revisions, so the working copy
	// is served under /draft/.
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	ts := start(t, options{source: content})
	body := ts.page("/draft/confidentiality/")
	title := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(body)
	if title == nil || !strings.Contains(title[1], "草稿") {
		t.Fatalf("the draft page's title %q does not say 草稿", title)
	}
	if strings.Contains(body, "草稿（草稿）") {
		t.Errorf("the draft page says 草稿（草稿）: title %q", title[1])
	}
}
