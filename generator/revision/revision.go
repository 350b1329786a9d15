// Package revision is the store of published revisions of the handbook.
//
// A published revision is a frozen snapshot of what the published
// edition of the draft is built from (its pages, drafts left out,
// site.toml, rules.toml and the files its pages link to: Request.Check
// names them) in content/revisions/<version>/, next to revision.toml
// (version, 生效日期, publish date, note, and the revision before it with
// the SHA-256 of its manifest) and manifest.sha256, which lists the
// SHA-256 of every other file of the folder, one "hash  path" line per
// file, sorted by path (the format of sha256sum, so `sha256sum -c
// manifest.sha256` run in the folder checks it too).
//
// Load reads and verifies the revisions; any edit to history after the
// fact is an error naming the file. Each revision's manifest vouches for
// its files, and the next revision's revision.toml vouches for that
// manifest (a chain), so an earlier revision edited together with its
// manifest, or removed, is found too. Only the newest revision has no
// successor to vouch for it: there, version control is the witness.
// Revisions published before the chain (no "previous" key in
// revision.toml: 2025.1 and 2026.1 of the handbook) are legacy: they are
// checked against their own manifest only, and a later revision's record
// of them is what protects them. Publish is the only function that
// writes, and it is atomic: a revision appears by renaming a complete,
// fsynced temporary folder, so an interrupted publish leaves no revision
// or a complete one. InForce picks the revision in force on a date, and
// Changes compares two revisions chapter by chapter.
package revision

import (
	"cmp"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Names inside a revision folder that are not part of the snapshot.
const (
	MetaFile     = "revision.toml"
	ManifestFile = "manifest.sha256"
	// Dir is the folder of the content tree that holds revisions.
	Dir = "revisions"
	// tmpPrefix starts the name of a publish in progress.
	tmpPrefix = ".tmp-"
)

// Revision is one published revision.
type Revision struct {
	Version   string
	Effective time.Time // 生效日期: midnight UTC of the day it comes into force
	Published time.Time // 发布日期: midnight UTC of the day it was published
	Note      string
	// Files is the snapshot, with paths as in the draft ("rules.toml",
	// "01-functions.md", "sales/02-x.md"). It holds the bytes Load
	// verified, so what is built is what the manifest vouches for.
	Files fs.FS
	// ManifestSum is the SHA-256 (hex) of the revision's manifest.sha256:
	// what the next revision records as PreviousManifest.
	ManifestSum string
	// Previous and PreviousManifest are the revision published just
	// before this one and the SHA-256 of its manifest when this one was
	// published ("" for the first revision). Chained is false for a
	// legacy revision, published before revisions recorded them.
	Previous, PreviousManifest string
	Chained                    bool
}

// versionRE allows ASCII letters and digits in groups joined by single
// '.', '-' or '_': "2025.1", "2026.1-rc1", "v3". It excludes slashes,
// leading dots (so no ".." and no ".tmp-…") and spaces, so a version is
// always one safe path and URL segment.
var versionRE = regexp.MustCompile(`^[0-9A-Za-z]+([._-][0-9A-Za-z]+)*$`)

const maxVersionLen = 64

// ValidVersion reports whether v can name a revision.
func ValidVersion(v string) bool {
	return len(v) <= maxVersionLen && versionRE.MatchString(v)
}

// CompareVersions orders version ids naturally: runs of digits compare as
// numbers, so 2025.9 < 2025.10, and otherwise byte by byte.
func CompareVersions(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na := strings.TrimLeft(a[:da], "0")
			nb := strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// SameVersion reports whether two version ids read as the same: equal
// part by part, numbers compared as numbers and letters in any case
// ("2027.01" and "2027.1", "V3" and "v3"). Two such revisions would be
// told apart by nobody reading them, and on a case-insensitive disk
// would share a folder.
func SameVersion(a, b string) bool {
	return CompareVersions(trimZeros(strings.ToLower(a)), trimZeros(strings.ToLower(b))) == 0
}

// numbered matches a version id of numbers joined by dots (2026.1).
var numbered = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)

// trimZeros drops the trailing .0 parts of a numbered version id: 2026.2.0
// reads as 2026.2.
func trimZeros(v string) string {
	if !numbered.MatchString(v) {
		return v
	}
	for {
		i := strings.LastIndexByte(v, '.')
		if i < 0 || strings.Trim(v[i+1:], "0") != "" {
			return v
		}
		v = v[:i]
	}
}

// Numbered reports whether v is numbers joined by dots, as 2026.1 is.
func Numbered(v string) bool { return numbered.MatchString(v) }

// compareRevisions orders revisions by effective date, then version.
func compareRevisions(a, b Revision) int {
	if c := a.Effective.Compare(b.Effective); c != 0 {
		return c
	}
	return CompareVersions(a.Version, b.Version)
}

// Day returns the calendar day of t (in t's own location) as midnight
// UTC, the form revision dates are kept in.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDay parses a YYYY-MM-DD date.
func ParseDay(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

// ignored reports whether a name in the content tree is never part of a
// snapshot: hidden files and folders (.git, .DS_Store, a publish in
// progress) and editor backups.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || name == "4913"
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)) + h)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
