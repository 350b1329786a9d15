// Package e2e tests the built handbook in a real browser: Debian's
// chromium, headless, driven over the DevTools protocol by chromedp, against
// the site served from memory on a loopback port. This package reads the
// handbook (pages, phone screens, printing, keyboard and screen reader,
// revisions, moved clauses, handbook serve and build); package
// e2e/scripts tests the page's programs (the calculator, the search, the
// offline service worker) and what the page's policy lets run. Both use
// package e2e/harness.
//
// Without Chromium the tests skip with a message; with
// HANDBOOK_BROWSER_TESTS=required (CI sets it) a missing browser fails.
package e2e

import (
	"testing"

	"handbook/generator/e2e/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }
