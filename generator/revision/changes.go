package revision

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"path"
	"slices"
	"unicode/utf8"

	"handbook/generator/content"
	"handbook/generator/diff"
)

// Status says how a file changed between two revisions.
type Status int

const (
	Unchanged Status = iota
	Modified
	Added
	Removed
)

func (s Status) String() string {
	return [...]string{"unchanged", "modified", "added", "removed"}[s]
}

// Change is what happened to one file (a chapter, rules.toml, …) from one
// revision to the next.
type Change struct {
	Path   string
	Status Status
	// Binary is set for files that are not UTF-8 text; they get no Diff.
	Binary bool
	// Diff compares the sources line by line and character by
	// character, unchanged lines collapsed (diff.DefaultContext lines
	// around each change). Zero for unchanged and binary files.
	Diff diff.Comparison
}

// Changes compares two revisions file by file, sorted by path. prev may
// be the zero Revision (for the first revision, where every file is
// Added). A renamed file shows as removed and added.
func Changes(prev, next Revision) ([]Change, error) {
	a, err := readAll(prev.Files)
	if err != nil {
		return nil, err
	}
	b, err := readAll(next.Files)
	if err != nil {
		return nil, err
	}
	paths := sortedKeys(a)
	for p := range b {
		if _, ok := a[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	out := make([]Change, 0, len(paths))
	for _, p := range paths {
		old, inOld := a[p]
		new, inNew := b[p]
		c := Change{Path: p}
		switch {
		case !inOld:
			c.Status = Added
		case !inNew:
			c.Status = Removed
		case sameText(p, old, new):
			c.Status = Unchanged
		default:
			c.Status = Modified
		}
		if c.Status != Unchanged {
			if isText(old) && isText(new) {
				c.Diff = diff.Compare(string(old), string(new), diff.DefaultContext)
			} else {
				c.Binary = true
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// LastChangedAll returns, for each revision revs[i] and each of its
// files, the version of the earliest revision among revs[0..i] from which
// the file is unchanged up to revs[i]: "last changed in revision X". revs
// must be sorted as Load returns them. Each revision's files are read once.
func LastChangedAll(revs []Revision) ([]map[string]string, error) {
	res, _, err := LastChangedSums(revs)
	return res, err
}

// LastChangedSums is LastChangedAll, with each revision's files' keys:
// the SHA-256 of what two versions of a file are compared by (textKey),
// so that a caller can tell whether two revisions hold a file alike.
func LastChangedSums(revs []Revision) ([]map[string]string, []map[string][32]byte, error) {
	res := make([]map[string]string, len(revs))
	all := make([]map[string][32]byte, len(revs))
	out := map[string]string{}
	prev := map[string][32]byte{}
	for k := range revs {
		files, err := readAll(revs[k].Files)
		if err != nil {
			return nil, nil, err
		}
		sums := make(map[string][32]byte, len(files))
		last := out
		out = make(map[string]string, len(files))
		for p, b := range files {
			sums[p] = sha256.Sum256(textKey(p, b))
			if s, ok := prev[p]; ok && s == sums[p] {
				out[p] = last[p]
			} else {
				out[p] = revs[k].Version
			}
		}
		prev = sums
		res[k], all[k] = out, sums
	}
	return res, all, nil
}

// textKey is what two versions of a file are compared by: for a page or
// a TOML file, its text without a byte-order mark and with CRLF line
// ends read as LF, for a file saved on Windows (or checked out there
// with core.autocrlf) holds the same text; for any other file (an
// image, a PDF), its bytes.
func textKey(p string, b []byte) []byte {
	if !isPage(p) && path.Ext(p) != ".toml" {
		return b
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}

// isPage reports whether a file of a snapshot is a page (Markdown).
func isPage(p string) bool { return content.IsPageFile(p) }

// sameText reports whether two versions of file p hold the same text
// (textKey).
func sameText(p string, a, b []byte) bool {
	if bytes.Equal(a, b) || bytes.Equal(textKey(p, a), textKey(p, b)) {
		return true
	}
	return path.Ext(p) == ".toml" && bytes.Equal(tomlKey(textKey(p, a)), tomlKey(textKey(p, b)))
}

// tomlKey is a TOML file's text without its comment lines, blank lines
// and trailing blanks: what a build reads of it. A comment added to
// rules.toml was published as a revision whose changelog entry then said
// nothing had changed.
func tomlKey(b []byte) []byte {
	var out []byte
	for _, l := range bytes.Split(b, []byte("\n")) {
		l = bytes.TrimRight(l, " \t")
		if t := bytes.TrimLeft(l, " \t"); len(t) == 0 || t[0] == '#' {
			continue
		}
		out = append(append(out, l...), '\n')
	}
	return out
}

func readAll(fsys fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	if fsys == nil {
		return files, nil
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		files[p] = b
		return err
	})
	return files, err
}

func isText(b []byte) bool {
	return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0
}
