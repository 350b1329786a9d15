package revision

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"handbook/generator/diag"
)

// hintHistory is what to do about any edit to published history.
const hintHistory = "published history cannot be edited; restore it (git checkout) and publish a new revision instead"

// Load reads and verifies every published revision under revisions/ of
// the content tree fsys. root is how the user names that tree (e.g.
// "content"); it prefixes the file names in diagnostics.
//
// A revision whose files differ from its manifest in any way (a file
// changed, added or missing) is reported, file by file, and left out of
// the result. Hidden entries are ignored, among them the .tmp-* folders
// an interrupted publish leaves behind. The result is sorted by effective
// date, then version.
func Load(fsys fs.FS, root string) ([]Revision, diag.List) {
	var list diag.List
	entries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		list.Errorf(path.Join(root, Dir), 0, 0, "cannot read the revisions folder: "+err.Error(), "check its permissions")
		return nil, list
	}
	var revs []Revision
	for _, e := range entries {
		name := e.Name()
		if ignored(name) {
			continue
		}
		file := path.Join(root, Dir, name)
		if !e.IsDir() {
			list.Errorf(file, 0, 0, "not a published revision: "+Dir+"/ holds only revision folders made by handbook publish",
				"move this file out of "+path.Join(root, Dir))
			continue
		}
		if !ValidVersion(name) {
			list.Errorf(file, 0, 0, fmt.Sprintf("%q is not a valid version id", name),
				"version ids are ASCII letters and digits joined by '.', '-' or '_' (e.g. 2025.1); revision folders are made only by handbook publish")
			continue
		}
		if rev, ok := loadOne(fsys, root, name, &list); ok {
			revs = append(revs, rev)
		}
	}
	slices.SortFunc(revs, compareRevisions)
	return revs, list
}

// manifestEntry is one line of manifest.sha256.
type manifestEntry struct {
	sum  string
	path string
	line int
}

func loadOne(fsys fs.FS, root, version string, list *diag.List) (Revision, bool) {
	dir := path.Join(Dir, version)
	shown := func(p string) string { return path.Join(root, dir, p) }
	before := len(*list)

	man, err := fs.ReadFile(fsys, path.Join(dir, ManifestFile))
	if err != nil {
		list.Errorf(shown(ManifestFile), 0, 0, "published revision "+version+" has no readable manifest: "+errText(err),
			"restore it (git checkout); revision folders are made only by handbook publish")
		return Revision{}, false
	}
	entries, ok := parseManifest(man, shown(ManifestFile), list)
	if !ok {
		return Revision{}, false
	}

	files := memFS{}
	err = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			list.Errorf(shown(strings.TrimPrefix(p, dir+"/")), 0, 0, "cannot read: "+errText(err), "check its permissions")
			return nil
		}
		if p == dir {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if rel == ManifestFile {
			return nil
		}
		if !d.Type().IsRegular() {
			list.Errorf(shown(rel), 0, 0, "published revision "+version+" holds something that is not a regular file", hintHistory)
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			list.Errorf(shown(rel), 0, 0, "cannot read: "+errText(err), "check its permissions")
			return nil
		}
		files[rel] = b
		return nil
	})
	if err != nil {
		list.Errorf(shown(""), 0, 0, "cannot read: "+errText(err), "check its permissions")
	}

	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.path] = true
		b, ok := files[e.path]
		if !ok {
			list.Errorf(shown(e.path), 0, 0, "this file of published revision "+version+" is missing (it is listed in its manifest)", hintHistory)
			continue
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != e.sum {
			list.Errorf(shown(e.path), 0, 0, "this file differs from the manifest of published revision "+version, hintHistory)
		}
	}
	for _, p := range sortedKeys(files) {
		if !listed[p] {
			list.Errorf(shown(p), 0, 0, "this file is not in the manifest of published revision "+version,
				"published history cannot be edited; remove it, and publish a new revision to add it")
		}
	}

	rev := Revision{Version: version}
	if meta, ok := files[MetaFile]; ok {
		parseMeta(meta, shown(MetaFile), &rev, list)
		delete(files, MetaFile)
	} else if !listed[MetaFile] {
		list.Errorf(shown(MetaFile), 0, 0, "published revision "+version+" has no "+MetaFile,
			"restore it (git checkout); revision folders are made only by handbook publish")
	}
	rev.Files = files
	return rev, len(*list) == before
}

func parseManifest(b []byte, file string, list *diag.List) ([]manifestEntry, bool) {
	var out []manifestEntry
	seen := map[string]bool{}
	ok := true
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		n := i + 1
		sum, p, found := strings.Cut(line, "  ")
		if !found || len(sum) != 64 || !isLowerHex(sum) || !fs.ValidPath(p) || p == "." || p == ManifestFile {
			list.Errorf(file, n, 1, "malformed manifest line (want \"<sha256 in hex>  <path>\")", hintHistory)
			ok = false
			continue
		}
		if seen[p] {
			list.Errorf(file, n, 1, "the manifest lists "+p+" twice", hintHistory)
			ok = false
			continue
		}
		seen[p] = true
		out = append(out, manifestEntry{sum: sum, path: p, line: n})
	}
	return out, ok
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// meta is the shape of revision.toml.
type meta struct {
	Version   string    `toml:"version"`
	Effective time.Time `toml:"effective"`
	Published time.Time `toml:"published"`
	Note      string    `toml:"note"`
}

func parseMeta(b []byte, file string, rev *Revision, list *diag.List) {
	var m meta
	md, err := toml.Decode(string(b), &m)
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		list.Errorf(file, line, 0, "cannot read "+MetaFile+": "+err.Error(), hintHistory)
		return
	}
	for _, k := range md.Undecoded() {
		list.Errorf(file, 0, 0, "unknown key "+k.String()+" in "+MetaFile, hintHistory)
	}
	if m.Version != rev.Version {
		list.Errorf(file, 0, 0, fmt.Sprintf("version %q does not match the folder name %q", m.Version, rev.Version), hintHistory)
	}
	if !md.IsDefined("effective") {
		list.Errorf(file, 0, 0, "missing the effective date (effective = YYYY-MM-DD)", hintHistory)
	}
	if !md.IsDefined("published") {
		list.Errorf(file, 0, 0, "missing the publish date (published = YYYY-MM-DD)", hintHistory)
	}
	rev.Effective, rev.Published, rev.Note = Day(m.Effective), Day(m.Published), m.Note
}

// formatMeta writes revision.toml.
func formatMeta(r Revision) []byte {
	var b bytes.Buffer
	b.WriteString("# Published revision of the handbook. Written by handbook publish; never edit\n")
	b.WriteString("# (manifest.sha256 vouches for this file too).\n")
	b.WriteString("version = " + tomlString(r.Version) + "\n")
	b.WriteString("effective = " + r.Effective.Format(time.DateOnly) + " # 生效日期\n")
	b.WriteString("published = " + r.Published.Format(time.DateOnly) + " # 发布日期\n")
	b.WriteString("note = " + tomlString(r.Note) + "\n")
	return b.Bytes()
}

// formatManifest lists the SHA-256 of every file, sorted by path.
func formatManifest(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, p := range sortedKeys(files) {
		sum := sha256.Sum256(files[p])
		b.WriteString(hex.EncodeToString(sum[:]) + "  " + p + "\n")
	}
	return b.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
