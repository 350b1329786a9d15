package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"
)

// readProblem says why a page could not be read. A symbolic link that
// leads out of the content folder cannot be read through the os.Root the
// command opens (so a build publishes only what the folder holds); that
// is the author's to fix, not the file's permissions.
func readProblem(fsys fs.FS, p, display string, err error) (msg, hint string) {
	if info, lerr := fs.Lstat(fsys, p); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		if to, ok := danglingLink(fsys, p); ok {
			return "is a symbolic link to " + to + ", which is not there: not read",
				"point the link at the file where it is now (ln -sfn), or remove the link"
		}
		if chain, ok := linkLoop(fsys, p); ok {
			return "is a symbolic link that leads round in a loop (" + chain + "): not read",
				"point one of the links at the file itself, or remove them"
		}
		return "is a symbolic link that leads outside the content folder" + linkTarget(fsys, p) + ": not read",
			"copy the file into the content folder; links out of it are not followed, so that a build publishes only what the folder holds"
	}
	if errors.Is(err, fs.ErrPermission) {
		return "cannot read the file: permission denied", "let the build read it (chmod a+r " + display + ")"
	}
	return "cannot read: " + err.Error(), "check the file's permissions"
}

// linkLoop reports whether following the symbolic link p, link after
// link inside the tree, comes back to a link already passed (a.md → b.md,
// b.md → a.md), and the chain as followed. It was said to lead outside
// the content folder.
func linkLoop(fsys fs.FS, p string) (string, bool) {
	seen := map[string]bool{}
	chain := []string{p}
	for k := 0; k < 40; k++ {
		seen[p] = true
		to, err := fs.ReadLink(fsys, p)
		if err != nil || path.IsAbs(to) || strings.HasPrefix(to, `\`) {
			return "", false
		}
		p = path.Join(path.Dir(p), to)
		if p == ".." || strings.HasPrefix(p, "../") {
			return "", false
		}
		chain = append(chain, p)
		if seen[p] {
			return strings.Join(chain, " → "), true
		}
	}
	return "", false
}

// danglingLink reports whether the symbolic link p leads to a place
// inside the tree where nothing is (the file it named was moved or
// renamed), and gives what the link holds, as ls -l shows it. A link out
// of the tree, or one fsys cannot read, is not.
func danglingLink(fsys fs.FS, p string) (string, bool) {
	to, err := fs.ReadLink(fsys, p)
	if err != nil || path.IsAbs(to) || strings.HasPrefix(to, `\`) {
		return "", false
	}
	in := path.Join(path.Dir(p), to)
	if in == ".." || strings.HasPrefix(in, "../") {
		return "", false
	}
	if _, err := fs.Lstat(fsys, in); err == nil {
		return "", false // there, but a link leading on out of the tree, or round
	}
	return to, true
}

// linkTarget is " (to …)", what a symbolic link holds, when fsys reads it.
func linkTarget(fsys fs.FS, p string) string {
	if to, err := fs.ReadLink(fsys, p); err == nil {
		return " (to " + to + ")"
	}
	return ""
}

// nameNotUTF8 says, of a file or folder (rel, in the tree shown as root)
// whose name is not UTF-8, that it cannot be read and how to rename it,
// with shown, the path to name it by: io/fs takes names as UTF-8 and
// refuses others ("invalid argument"), and a terminal mangled the bytes
// where the message printed them. ok is false for a name that is UTF-8.
func nameNotUTF8(root, rel string, folder bool) (shown, msg, hint string, ok bool) {
	if utf8.ValidString(rel) {
		return "", "", "", false
	}
	display := path.Join(root, rel)
	var escaped, renamed, raw []string
	for _, part := range strings.Split(display, "/") {
		if utf8.ValidString(part) {
			escaped, renamed = append(escaped, part), append(renamed, part)
			continue
		}
		raw = append(raw, part)
		// Every byte outside ASCII escaped, not only those that are not
		// UTF-8: GBK's 培 训 (C5 E0 D1 B5) holds D1 B5, which is
		// UTF-8 for ѵ, and "04-\xc5\xe0ѵ.md" is neither name.
		var e, r strings.Builder
		run := false
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < utf8.RuneSelf {
				e.WriteByte(c)
				r.WriteByte(c)
				run = false
				continue
			}
			fmt.Fprintf(&e, "\\x%02x", c)
			if !run {
				r.WriteString("名称")
			}
			run = true
		}
		escaped, renamed = append(escaped, e.String()), append(renamed, r.String())
	}
	shown = strings.Join(escaped, "/")
	what, whose := "file", "it cannot be read"
	if folder {
		what, whose = "folder", "its pages cannot be read"
	}
	msg = "the " + what + "'s name is not UTF-8"
	gbk := gbkish([]byte(strings.Join(raw, "")))
	if gbk {
		msg += " (it looks like GBK, as Windows writes Chinese names)"
	}
	msg += ", so " + whose
	hint = "rename the " + what + " with a UTF-8 name, e.g. mv $'" + strings.ReplaceAll(shown, "'", `\'`) + "' " + strings.Join(renamed, "/")
	if gbk && root != "" && utf8.ValidString(root) && !strings.ContainsAny(root, " '\"$`\\") {
		hint += " (convmv -f GBK -t UTF-8 -r --notest " + root + " renames every such name)"
	}
	return shown, msg, hint, true
}
