package build

import (
	"strings"
	"testing"
)

// An alias written with backslashes, as a Windows path is, names a
// redirect page no browser reaches (it reads \ as /), and on Windows the
// build would have written "/a/..\..\x/" where the backslashes lead,
// outside the site's folder. It is refused at its line, as a path out of
// the site is.
func TestAliasWithBackslashIsRefused(t *testing.T) {
	src := tree(`-- 请假.md --
---
title: 请假
aliases: ["/a/..\\..\\..\\x/", 'old\leave/']
---
正文
`)
	mem, _, err := run(t, src, nil)
	for _, want := range []string{
		`content/请假.md:3:1: error: alias “/a/..\..\..\x/”: has a \ or a control character: a browser reads \ as /, so no address would reach it — write the path with /`,
		`error: alias “old\leave/”: has a \`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
	if mem != nil {
		for name := range mem.Files {
			if strings.Contains(name, `\`) {
				t.Errorf("wrote %s", name)
			}
		}
	}
}
