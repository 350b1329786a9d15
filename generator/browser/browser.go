// Package browser starts headless Chromium the way every browser test and
// benchmark of the project does: Debian's chromium, with the flags that
// keep it from reaching the network on its own, and a fresh profile.
package browser

import (
	"errors"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path is the Chromium to run: Debian's chromium, else chromium-browser
// or google-chrome, the first on PATH.
func Path() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium not found on PATH (Debian: apt-get install -y chromium)")
}

// Options are the allocator options for chromium at exe with the profile
// folder given (a fresh, empty one), followed by extra (a window size).
func Options(exe, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	return append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, // also hides scrollbars and mutes audio
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}, extra...)
}
