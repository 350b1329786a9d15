// Package browsertest finds Chromium for the project's browser tests.
package browsertest

import (
	"os"
	"testing"

	"handbook/generator/browser"
)

// Path returns browser.Path for a browser test. Without a browser the test
// is skipped, saying how to install one, or fails when the browser tests
// are required: HANDBOOK_BROWSER_TESTS=required or CI set (.ci/run sets
// both).
func Path(t testing.TB) string {
	t.Helper()
	p, err := browser.Path()
	if err == nil {
		return p
	}
	if os.Getenv("HANDBOOK_BROWSER_TESTS") == "required" || os.Getenv("CI") != "" {
		t.Fatalf("%v, and the browser tests are required here (HANDBOOK_BROWSER_TESTS=required or CI)", err)
	}
	t.Skipf("browser test skipped: %v; CI runs these with HANDBOOK_BROWSER_TESTS=required", err)
	return ""
}
