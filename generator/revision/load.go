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
	present := map[string]bool{} // revision folders, verified or not
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
		// An empty folder is none of publish's (it writes a revision
		// whole, or nothing): a folder made by hand, or left by a git
		// checkout of a deleted revision. Had it been published, the next
		// revision's record of it, or the last build's, says it is gone.
		if empty(fsys, path.Join(Dir, name)) {
			list.Add(diag.Diagnostic{File: file, Severity: diag.Warning,
				Msg:  "an empty folder in " + Dir + "/ is not a published revision: it is ignored",
				Hint: "remove it; revision folders are made only by handbook publish"})
			continue
		}
		present[name] = true
		if rev, ok := loadOne(fsys, root, name, &list); ok {
			revs = append(revs, rev)
		}
	}
	slices.SortFunc(revs, compareRevisions)
	checkChain(revs, present, root, &list)
	return revs, list
}

// empty reports whether dir holds nothing but what ignored names (a
// .DS_Store, say).
func empty(fsys fs.FS, dir string) bool {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !ignored(e.Name()) {
			return false
		}
	}
	return true
}

// checkChain verifies that each revision's record of the revision before
// it (revision.toml's previous and previous_manifest) holds: that
// revision exists, comes right before it, and has the manifest it had
// then. So an earlier revision edited together with its manifest, and a
// revision removed from the middle of history, are errors. A revision
// whose own files failed their check (absent from revs, present in
// present) is already reported and is not reported again as missing.
func checkChain(revs []Revision, present map[string]bool, root string, list *diag.List) {
	folder := func(v string) string { return path.Join(root, Dir, v) }
	chainedBefore := ""
	for i, r := range revs {
		meta := path.Join(folder(r.Version), MetaFile)
		if !r.Chained {
			if chainedBefore != "" {
				list.Errorf(meta, 0, 0, "revision "+r.Version+" does not record the revision before it, yet it comes after "+chainedBefore+", which does: handbook publish records it in every revision it makes",
					"a revision folder is made only by handbook publish; if this one was copied or written by hand, remove it, and restore history (git checkout)")
			}
			continue
		}
		chainedBefore = r.Version
		if r.Previous == "" {
			if i > 0 {
				list.Errorf(meta, 0, 0, "revision "+r.Version+" was published as the first revision, yet revision "+revs[i-1].Version+" comes before it",
					"revision folders are made only by handbook publish; restore history (git checkout)")
			}
			continue
		}
		j := slices.IndexFunc(revs, func(p Revision) bool { return p.Version == r.Previous })
		if j < 0 {
			if !present[r.Previous] {
				list.Errorf(folder(r.Previous), 0, 0, "revision "+r.Previous+" is missing: revision "+r.Version+" was published after it (its "+MetaFile+" records it)",
					"published revisions are never removed; restore the folder (git checkout -- "+folder(r.Previous)+"), and publish a new revision to change what is in force")
			}
			continue
		}
		for k := j + 1; k < i; k++ {
			list.Errorf(folder(revs[k].Version), 0, 0, "revision "+revs[k].Version+" is not part of published history: revision "+r.Version+" was published right after "+r.Previous,
				"revision folders are made only by handbook publish; remove this one if it was copied in, or restore history (git checkout)")
		}
		if j > i {
			list.Errorf(meta, 0, 0, "revision "+r.Version+" records "+r.Previous+" as the revision before it, yet "+r.Previous+" takes effect later", hintHistory)
		}
		if revs[j].ManifestSum != r.PreviousManifest {
			list.Errorf(path.Join(folder(r.Previous), ManifestFile), 0, 0,
				"revision "+r.Previous+" has changed since revision "+r.Version+" was published (its "+MetaFile+" records the SHA-256 of this manifest): files of "+r.Previous+" were edited, added or removed together with their manifest lines",
				hintHistory+"; if "+r.Previous+" is as published now, "+r.Version+" was published while it was edited and records the edit: remove "+folder(r.Version)+" (if it was never deployed) and publish it again")
		}
	}
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
	// publish writes the manifest with LF line ends; a checkout may turn
	// them into CRLF (Git for Windows' core.autocrlf), which is the same
	// manifest.
	man = bytes.ReplaceAll(man, []byte("\r\n"), []byte("\n"))
	entries, ok := parseManifest(man, shown(ManifestFile), list)
	if !ok {
		return Revision{}, false
	}
	manSum := sha256.Sum256(man)

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
			// Not part of the revision, and not read: a hidden file
			// (a Finder .DS_Store, say) or an editor's backup. Said, so
			// nothing sits in history unnoticed.
			what := "file"
			if d.IsDir() {
				what = "folder"
			}
			list.Add(diag.Diagnostic{Severity: diag.Warning, File: shown(rel),
				Msg:  "a hidden " + what + " or editor backup in published revision " + version + ": it is not part of the revision and is ignored",
				Hint: "remove it"})
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
		if v, ok := vouched(b, e.sum); ok {
			files[e.path] = v
		} else {
			// Either the file or its line of the manifest was edited:
			// restoring the file alone leaves an edited line as it is.
			list.Errorf(shown(e.path), 0, 0, "this file differs from the manifest of published revision "+version+": the file, or its line in "+ManifestFile+", was edited",
				"published history cannot be edited; restore both as published (git checkout -- "+shown(e.path)+" "+shown(ManifestFile)+") and publish a new revision instead")
		}
	}
	var unlisted []string
	for _, p := range sortedKeys(files) {
		if !listed[p] {
			unlisted = append(unlisted, p)
		}
	}
	if truncated(entries, unlisted) {
		// The manifest lists files in order; every file it misses comes
		// after its last line: it was cut short, not the files added.
		last := "its first line"
		if len(entries) > 0 {
			last = entries[len(entries)-1].path
		}
		list.Errorf(shown(ManifestFile), len(entries)+1, 0,
			fmt.Sprintf("the manifest of published revision %s is incomplete: it stops after %s, and the %d files after it (%s) are not listed", version, last, len(unlisted), strings.Join(unlisted, ", ")),
			"the manifest was cut short; restore it (git checkout -- "+shown(ManifestFile)+")")
		unlisted = nil
	}
	for _, p := range unlisted {
		// Added by hand, or its line deleted from the manifest: removing
		// a file the revision was published with would lose history.
		list.Errorf(shown(p), 0, 0, "this file is not in the manifest of published revision "+version,
			"published history cannot be edited: if its line was deleted from "+ManifestFile+", restore the manifest (git checkout -- "+shown(ManifestFile)+
				"); if the file was put in by hand, remove it, and publish a new revision to add it")
	}

	rev := Revision{Version: version, ManifestSum: hex.EncodeToString(manSum[:])}
	if meta, ok := files[MetaFile]; ok {
		parseMeta(meta, shown(MetaFile), &rev, list)
		delete(files, MetaFile)
	} else if !listed[MetaFile] {
		list.Errorf(shown(MetaFile), 0, 0, "published revision "+version+" has no "+MetaFile,
			"restore it (git checkout); revision folders are made only by handbook publish")
	}
	rev.Files = files
	return rev, !(*list)[before:].HasErrors()
}

// vouched returns the bytes of a file that its manifest's SHA-256 (hex)
// vouches for: the file as it is, or else with its line ends turned back
// into those it was published with, LF or CRLF. Git checks text files out
// with the line ends of the machine (core.autocrlf, the default of Git
// for Windows) and commits them with LF: the same text, which is then
// read as published, byte for byte.
func vouched(b []byte, sum string) ([]byte, bool) {
	match := func(b []byte) bool {
		s := sha256.Sum256(b)
		return hex.EncodeToString(s[:]) == sum
	}
	if match(b) {
		return b, true
	}
	if bytes.IndexByte(b, '\n') < 0 {
		return nil, false
	}
	lf := bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if match(lf) {
		return lf, true
	}
	if crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")); match(crlf) {
		return crlf, true
	}
	return nil, false
}

// truncated reports whether the files missing from a manifest are those
// a manifest cut short at a line boundary would miss, and it can only
// have been cut: the manifest is in path order, every file it misses
// sorts after its last line, and revision.toml is among them (publish
// lists it in every manifest). Files missing after a manifest that lists
// revision.toml may as well have been put in by hand (a zz.md, a sub/
// folder, sorting after site.toml): each is then named on its own, to be
// removed, or its line restored.
func truncated(entries []manifestEntry, unlisted []string) bool {
	if !slices.Contains(unlisted, MetaFile) {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	if !slices.IsSortedFunc(entries, func(a, b manifestEntry) int { return strings.Compare(a.path, b.path) }) {
		return false
	}
	return unlisted[0] > entries[len(entries)-1].path
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
	// Previous and PreviousManifest chain the revisions (absent in
	// legacy revisions, published before the chain).
	Previous         string `toml:"previous"`
	PreviousManifest string `toml:"previous_manifest"`
}

func parseMeta(b []byte, file string, rev *Revision, list *diag.List) {
	var m meta
	md, err := toml.Decode(string(b), &m)
	if err != nil {
		line, col := 0, 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col = diag.SyntaxAt(b, pe.Position.Start, pe.Position.Len, pe.Position.Line, pe.Position.Col)
		}
		list.Errorf(file, line, col, "cannot read "+MetaFile+": "+err.Error(), hintHistory)
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
	if md.IsDefined("previous") {
		rev.Chained, rev.Previous, rev.PreviousManifest = true, m.Previous, m.PreviousManifest
		switch {
		case m.Previous == "" && m.PreviousManifest != "", m.Previous != "" && (len(m.PreviousManifest) != 64 || !isLowerHex(m.PreviousManifest)):
			list.Errorf(file, 0, 0, "previous_manifest must be the SHA-256 (64 hex digits) of the previous revision's manifest, and empty for the first revision", hintHistory)
		case m.Previous != "" && !ValidVersion(m.Previous):
			list.Errorf(file, 0, 0, fmt.Sprintf("previous %q is not a valid version id", m.Previous), hintHistory)
		}
	} else if md.IsDefined("previous_manifest") {
		list.Errorf(file, 0, 0, "previous_manifest without previous", hintHistory)
	}
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
	if r.Chained {
		// Chains the revisions: editing or removing an earlier one is
		// then detected even with its manifest edited to match.
		if r.Previous == "" {
			b.WriteString("# The first revision: none was published before it.\n")
		} else {
			b.WriteString("# The revision published before this one, and the SHA-256 of its manifest.sha256 then.\n")
		}
		b.WriteString("previous = " + tomlString(r.Previous) + "\n")
		b.WriteString("previous_manifest = " + tomlString(r.PreviousManifest) + "\n")
	}
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
