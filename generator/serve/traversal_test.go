package serve

import (
	"strings"
	"testing"
)

// More ways to spell "..", beyond TestPathTraversalIsNotFound: double
// encoding, overlong and full-width dots, mixed encodings, semicolon path
// parameters. The server serves from memory, so none can reach the disk;
// all must be a plain 404, not a redirect into the site or a 500.
func TestPathTraversalSpellings(t *testing.T) {
	ts := fixedSite(t)
	addr := strings.TrimPrefix(ts.url, "http://")
	for _, target := range []string{
		"/hb/%252e%252e/%252e%252e/etc/passwd",
		"/hb/draft/a/.%2e/.%2e/.%2e/etc/passwd",
		"/hb/draft/a/%2e./%2e./etc/passwd",
		"/hb/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
		"/hb/%ef%bc%8e%ef%bc%8e/etc/passwd",
		"/hb/draft/a/..;/..;/etc/passwd",
		"/hb/draft/..%2f..%2fetc%2fpasswd",
		"/hb/draft/....//....//etc/passwd",
		"/hb/%5c..%5c..%5cetc%5cpasswd",
		"/hb/draft/a/index.html/..%00/",
		"/hb/~root/.ssh/id_rsa",
		"/hb/.git/config",
		"/hb/draft/a/index.html::$DATA",
	} {
		if code := rawGet(t, addr, target); code != 404 {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
	}
}
