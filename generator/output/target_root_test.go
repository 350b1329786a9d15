package output

import (
	"path/filepath"
	"testing"
)

// TestCheckTargetKnowsTheRootServiceWorker: a build that puts a service
// worker of the site's own at the root of its output (sw.js, with its
// precache.json) can build into the same folder again; the second build
// refused the folder as holding files no build made, which is why the
// offline root (582b831) was reverted.
func TestCheckTargetKnowsTheRootServiceWorker(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeBuild(t, out, map[string]string{"index.html": "一", "latest/index.html": "二", "sw.js": "self", "precache.json": "[]", "changelog/index.html": "三"})
	if err := CheckTarget(out, filepath.Join(filepath.Dir(out), "content")); err != nil {
		t.Fatal(err)
	}
}
