package revision

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	pages "handbook/generator/content"
	"handbook/generator/diag"
)

// Request says what to publish.
type Request struct {
	Version   string    // new version id, e.g. "2026.1"
	Effective time.Time // 生效日期 (only the calendar day counts)
	Note      string    // one line for the changelog
	// Now is the publish date; the zero value means time.Now().
	Now time.Time
	// Today is the day the checks take as today: whether a revision
	// has taken effect, and so can no longer be replaced on its day
	// (handbook publish -today); the zero value means Now's day. The
	// publish date stays Now's.
	Today time.Time
	// Check builds a snapshot of the draft (paths as in the draft) as
	// its published edition, and returns the files that edition is built
	// from and its problems. A non-nil error stops the publish before
	// anything is written. Publish calls it first with every file of the
	// draft, then, when the edition uses fewer, once more with exactly
	// the files it used, which are what is frozen: so a note kept beside
	// the chapters, a draft: true page or an image no page links to is
	// never published. Without Check (tests), every file is frozen.
	Check func(snapshot fs.FS) (used []string, err error)
	// Same reports whether the published edition built from snapshot
	// (the files about to be frozen) shows readers exactly what the one
	// built from latest (the latest revision's files, without its
	// records) does: every page, the rules and the site settings. A
	// snapshot that differs from the latest revision only where no
	// reader sees it (a blank line added, Markdown spelt otherwise) is
	// refused: its changelog entry said 文字未变. Without Same (tests),
	// only the files are compared (sameFiles).
	Same func(snapshot, latest fs.FS) (bool, error)

	// Display is the name of the content folder in messages that name a
	// file of the draft, as the build names them ("content"); "" for
	// the folder's path.
	Display string

	// hook, when set (by tests), runs at each step of the write and can
	// fail it, to prove that a publish stopped anywhere leaves no trace.
	hook func(step string) error
}

// ErrHistoryDamaged is in the chain of Publish's error when published
// history fails its checks (its problems, as a diag.List, too): the draft
// may be fine, and history is what to restore.
var ErrHistoryDamaged = errors.New("published history is damaged")

// nextVersion is v with its last number one more (2026.1 → 2026.2).
func nextVersion(v string) string {
	i := strings.LastIndexByte(v, '.')
	n, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return v + ".1"
	}
	return v[:i+1] + strconv.Itoa(n+1)
}

// Publish freezes the draft in contentDir as a new revision in
// contentDir/revisions/<version>/.
//
// It refuses an invalid version, one that reads as an existing one or
// sorts before the latest revision's, an effective date earlier than the
// latest revision's (or equal to it, once that day has come: on a day
// still ahead the new revision replaces the one published for it), damaged history, a
// draft that Check rejects, and a snapshot equal to the latest revision.
// The new revision records the latest one and the SHA-256 of its
// manifest (Revision.Previous). It then writes the snapshot, revision.toml and, last,
// manifest.sha256 into a hidden temporary folder, fsyncs them, and
// renames the folder into place: the rename is the commit point. Killed
// at any moment, it leaves either no new revision (at most a hidden
// .tmp-* folder, which Load ignores and the next Publish removes) or a
// complete one; the draft is only read. Only one Publish may run at a
// time on a content tree; a second one fails rather than waits.
func Publish(contentDir string, req Request) error {
	root := filepath.ToSlash(contentDir)
	rev, today, err := requested(req)
	if err != nil {
		return err
	}
	step := func(s string) error {
		if req.hook != nil {
			return req.hook(s)
		}
		return nil
	}

	// The lock is the content folder's: revisions/ is made only once the
	// revision is about to be written, so a publish refused leaves no
	// empty folder (in a new handbook, or in a revision's folder given as
	// the draft).
	revDir := filepath.Join(contentDir, Dir)
	unlock, err := lockDir(contentDir)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Lstat(revDir); err == nil {
		if err := removeStale(revDir); err != nil {
			return err
		}
	}
	if err := notARevision(contentDir); err != nil {
		return err
	}

	content := os.DirFS(contentDir)
	revs, list := Load(content, root)
	if err := list.Err(); err != nil {
		return fmt.Errorf("%w, so nothing was published:\n%w", ErrHistoryDamaged, err)
	}
	if err := checkRequest(contentDir, revs, req, rev, today); err != nil {
		return err
	}
	final := filepath.Join(revDir, req.Version)
	rev.Chained = true
	if len(revs) > 0 {
		last := revs[len(revs)-1]
		rev.Previous, rev.PreviousManifest = last.Version, last.ManifestSum
	}

	files, err := readDraft(content)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("the draft in %s has no files to publish", root)
	}
	for _, reserved := range []string{MetaFile, ManifestFile} {
		if _, ok := files[reserved]; ok {
			return fmt.Errorf("%s: this name is reserved for the revision's own records; rename the file", path.Join(root, reserved))
		}
	}
	draft := files
	if req.Check != nil {
		used, err := req.Check(files)
		if err != nil {
			return fmt.Errorf("the draft has errors, so nothing was published:\n%w", err)
		}
		kept, err := selectFiles(files, used)
		if err != nil {
			return err
		}
		if len(kept) == 0 {
			return fmt.Errorf("the published edition of the draft in %s uses no files, so nothing was published", root)
		}
		if len(kept) < len(files) {
			// What is frozen must build on its own, as it will.
			if _, err := req.Check(kept); err != nil {
				return fmt.Errorf("the draft, without the files its published pages do not use (%s), has errors, so nothing was published:\n%w",
					strings.Join(leftOut(files, kept), ", "), err)
			}
		}
		files = kept
	}
	// A page with nothing in it was emptied by accident (an editor that
	// crashed while saving, a bad merge) more often than meant: frozen,
	// the chapter would lose its title, address and text for good. A
	// section's _index.md may be empty, as in Hugo.
	for _, p := range sortedKeys(files) {
		if !isPage(p) || isSectionPage(p) {
			continue
		}
		f := path.Join(root, p)
		switch pages.Blank(files[p]) {
		case pages.Empty:
			return fmt.Errorf("%s is empty: a published chapter would have no title and no text, for good; restore the file (git checkout -- %s), or delete it to withdraw the chapter", f, f)
		case pages.NoText:
			return fmt.Errorf("%s has front matter and no text: a published chapter would be a title over nothing, for good; restore its text (git checkout -- %s), or delete the file to withdraw the chapter", f, f)
		}
	}
	if len(revs) > 0 {
		if err := losesChapters(draft, revs[len(revs)-1], root, req.Display); err != nil {
			return err
		}
	}
	if len(revs) > 0 {
		last := revs[len(revs)-1]
		if same, err := sameFiles(files, last.Files); err != nil {
			return fmt.Errorf("cannot read revision %s: %w", last.Version, err)
		} else if same {
			return fmt.Errorf("the draft is the same as revision %s (%s): nothing changed since it was published, so there is nothing to publish",
				last.Version, path.Join(root, Dir, last.Version))
		}
	}
	if len(revs) > 0 && req.Same != nil {
		last := revs[len(revs)-1]
		held, err := readAll(last.Files)
		if err != nil {
			return fmt.Errorf("cannot read revision %s: %w", last.Version, err)
		}
		latest := memFS(held)
		same, err := req.Same(files, latest)
		if err != nil {
			return err
		}
		if same {
			return fmt.Errorf("nothing readers see changed since revision %s (%s): built, every chapter, the payout rules and the site settings show what that revision shows (the draft differs from it only in %s, in ways that change nothing on the page, such as a blank line added); make the change you meant to publish, or publish these edits with the next change that readers will see",
				last.Version, path.Join(root, Dir, last.Version), strings.Join(differing(files, latest), ", "))
		}
	}
	if err := step("checked"); err != nil {
		return err
	}

	committed := false
	if _, err := os.Lstat(revDir); errors.Is(err, fs.ErrNotExist) {
		// The first revision: revisions/ goes again if it is not written.
		if err := os.Mkdir(revDir, 0o755); err != nil {
			return writeFailed(revDir, err)
		}
		defer func() {
			if !committed {
				os.Remove(revDir)
			}
		}()
	}
	tmp := filepath.Join(revDir, tmpPrefix+req.Version+"-"+randomHex())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return writeFailed(revDir, err)
	}
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()

	all := memFS{}
	for p, b := range files {
		all[p] = b
	}
	all[MetaFile] = formatMeta(rev)
	dirs := map[string]bool{tmp: true}
	write := func(p string, b []byte) error {
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		for d := filepath.Dir(dst); !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := writeSynced(dst, b); err != nil {
			return err
		}
		return step("wrote " + p)
	}
	// Snapshot files first, then revision.toml, then the manifest: a
	// folder without a manifest is never a revision.
	for _, p := range sortedKeys(files) {
		if err := write(p, files[p]); err != nil {
			return writeFailed(revDir, err)
		}
	}
	if err := write(MetaFile, all[MetaFile]); err != nil {
		return writeFailed(revDir, err)
	}
	if err := write(ManifestFile, formatManifest(all)); err != nil {
		return writeFailed(revDir, err)
	}
	// Deepest folders first, so each entry is durable before its parent.
	order := sortedKeys(dirs)
	slices.SortFunc(order, func(a, b string) int { return len(b) - len(a) })
	for _, d := range order {
		if err := syncDir(d); err != nil {
			return writeFailed(revDir, err)
		}
	}
	if err := step("rename"); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return writeFailed(revDir, err)
	}
	committed = true
	if err := syncDir(revDir); err != nil {
		return fmt.Errorf("revision %s is written but the folder could not be synced: %w", req.Version, err)
	}
	if err := step("committed"); err != nil {
		return err
	}

	// Read back what was committed, as a build will.
	var check diag.List
	if _, ok := loadOne(content, root, req.Version, &check); !ok {
		return fmt.Errorf("revision %s was written but does not verify:\n%w", req.Version, check.Err())
	}
	return nil
}

// losesChapters refuses a draft that would lose a chapter of the latest
// revision without the admin meaning it (content.Since): one that
// draft: true leaves out, which publish froze as removed while the
// preview's changelog said 文字未变, and one whose title is gone, frozen
// named after its file. A chapter withdrawn on purpose has its file
// deleted.
func losesChapters(draft memFS, last Revision, root, display string) error {
	if display == "" {
		display = root
	}
	t, _ := pages.LoadWith(draft, display, pages.LoadOptions{IncludeDrafts: true})
	prev, _ := pages.Load(last.Files, path.Join(display, Dir, last.Version))
	_, lost := pages.Since(t, prev, last.Version, nil)
	if len(lost) == 0 {
		return nil
	}
	for i := range lost {
		lost[i].Severity = diag.Error
	}
	return fmt.Errorf("the draft would lose what revision %s has, so nothing was published:\n%w", last.Version, lost.Err())
}

// notARevision refuses a folder given as the draft that is a published
// revision's own (content/revisions/2026.1) or the folder of them
// (content/revisions): its files would be frozen as the pages of a
// revision inside history.
func notARevision(contentDir string) error {
	shown := filepath.ToSlash(contentDir)
	if IsRevisionDir(contentDir) {
		return fmt.Errorf("%s is the folder of a published revision, not the handbook's folder of pages: give the folder that holds %s/ (the draft is read from there, and the new revision is written into %s/)",
			shown, Dir, Dir)
	}
	entries, err := os.ReadDir(contentDir)
	if err != nil {
		return nil // readDraft says why it cannot be read
	}
	for _, e := range entries {
		if e.IsDir() && !ignored(e.Name()) && IsRevisionDir(filepath.Join(contentDir, e.Name())) {
			return fmt.Errorf("%s holds published revisions (%s), so it is the handbook's %s/ folder, not its folder of pages: give the folder that holds it", shown, e.Name(), Dir)
		}
	}
	return nil
}

// IsRevisionDir reports whether dir (a path on disk) is a published
// revision's folder: it holds a revision.toml and a manifest, both
// regular files.
func IsRevisionDir(dir string) bool {
	for _, f := range []string{MetaFile, ManifestFile} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// MaxYearsAhead is how far ahead of today a revision may take effect.
const MaxYearsAhead = 10

// yearVersion is a version id numbered by year: YEAR.N (2026.1).
var yearVersion = regexp.MustCompile(`^([0-9]{4})\.([0-9]+)$`)

// plausibleYear refuses, in a handbook whose revisions are all numbered
// YEAR.N (2025.1, 2026.1), a version id whose first part is not the year
// of its effective date, the year before (decided in December for 1
// January) or the year after: 2062.1 typed for 2026.2, or
// 99999999999999999999.1, would sort after every version a later
// revision could rightly take, and revisions are never deleted. It names
// the ids that would fit. A handbook numbered otherwise (1.0, 2.0) is
// not asked to keep to years.
func plausibleYear(revs []Revision, version string, effective time.Time) error {
	if len(revs) == 0 || slices.ContainsFunc(revs, func(r Revision) bool { return !yearVersion.MatchString(r.Version) }) {
		return nil
	}
	year := effective.Year()
	first, _, _ := strings.Cut(version, ".")
	if y, err := strconv.Atoi(first); err == nil && len(first) == 4 && y >= year-1 && y <= year+1 {
		return nil
	}
	latest := revs[len(revs)-1].Version
	var fits []string
	for y := year - 1; y <= year; y++ {
		n := 0
		for _, r := range revs {
			m := yearVersion.FindStringSubmatch(r.Version)
			if k, _ := strconv.Atoi(m[2]); m[1] == strconv.Itoa(y) && k > n {
				n = k
			}
		}
		if v := fmt.Sprintf("%d.%d", y, n+1); CompareVersions(v, latest) > 0 {
			fits = append(fits, v)
		}
	}
	suggest := ""
	if len(fits) > 0 {
		suggest = "; did you mean " + strings.Join(fits, " or ") + "?"
	}
	scheme := revs[0].Version
	if len(revs) > 1 {
		scheme += ", " + latest
	}
	if len(revs) > 2 {
		scheme = revs[0].Version + " … " + latest
	}
	return fmt.Errorf("version id %s does not start with the year it takes effect in (%s), or the year before or after, as every revision's here does (%s): published, it would order the versions after it for good%s",
		version, effective.Format(time.DateOnly), scheme, suggest)
}

// readDraft reads every file of the draft: the content tree without
// revisions/ and without hidden files and editor backups.
func readDraft(content fs.FS) (memFS, error) {
	files := memFS{}
	err := fs.WalkDir(content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if p == Dir || ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if notContent(p) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file (a symbolic link?): a revision holds plain files only", p)
		}
		if strings.ContainsAny(p, "\n\r") {
			return fmt.Errorf("%q: a file name with a line break cannot be recorded in the manifest; rename it", p)
		}
		b, err := fs.ReadFile(content, p)
		if err != nil {
			return err
		}
		files[p] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the draft: %w", err)
	}
	return files, nil
}

// Draft returns the draft of a content tree as a revision with the given
// version label (e.g. "draft"), for comparing it with the latest
// revision. Its dates are zero.
func Draft(content fs.FS, label string) (Revision, error) {
	files, err := readDraft(content)
	if err != nil {
		return Revision{}, err
	}
	return Revision{Version: label, Files: files}, nil
}

// selectFiles returns the files of the draft named in used.
func selectFiles(files memFS, used []string) (memFS, error) {
	kept := memFS{}
	for _, p := range used {
		b, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("the check of the draft used %s, which is not a file of the draft", p)
		}
		kept[p] = b
	}
	return kept, nil
}

// leftOut lists the files of all that kept does not hold.
func leftOut(all, kept memFS) []string {
	var out []string
	for _, p := range sortedKeys(all) {
		if _, ok := kept[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

// sameFiles reports whether a snapshot holds exactly the files of a
// revision, with the same text (byte for byte but for line ends and a
// byte-order mark of pages and TOML files: sameText).
func sameFiles(files memFS, rev fs.FS) (bool, error) {
	old, err := readAll(rev)
	if err != nil {
		return false, err
	}
	if len(files) != len(old) {
		return false, nil
	}
	for p, b := range files {
		if o, ok := old[p]; !ok || !sameText(p, b, o) {
			return false, nil
		}
	}
	return true, nil
}

// differing lists the files of a snapshot that a revision's files do not
// hold with the same text (sameText), and those it no longer holds.
func differing(files, old memFS) []string {
	var out []string
	for _, p := range sortedKeys(files) {
		if o, ok := old[p]; !ok || !sameText(p, files[p], o) {
			out = append(out, p)
		}
	}
	for _, p := range sortedKeys(old) {
		if _, ok := files[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

// isSectionPage reports whether a page file describes its folder (Hugo's
// _index.md) rather than being a page of its own.
func isSectionPage(p string) bool {
	return strings.HasPrefix(strings.ToLower(path.Base(p)), "_index.")
}

// removeStale deletes the temporary folders of interrupted publishes.
func removeStale(revDir string) error {
	entries, err := os.ReadDir(revDir)
	if err != nil {
		return fmt.Errorf("cannot read the revisions folder: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			if err := os.RemoveAll(filepath.Join(revDir, e.Name())); err != nil {
				return fmt.Errorf("cannot remove the leftovers of an interrupted publish: %w", err)
			}
		}
	}
	return nil
}

func writeSynced(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(name string) error {
	d, err := os.Open(name)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// notContent reports files that may sit in the content folder but are not
// the handbook: Go source (a test kept beside the text) is never frozen
// into a revision, where the go tool would compile it.
func notContent(p string) bool {
	return strings.HasSuffix(p, ".go") || path.Base(p) == "go.mod"
}

// writeFailed says why a revision could not be written, and what to do:
// "no space left on device" alone left the admin to wonder whether half
// a revision was now in the history (it is not: nothing is, until the
// rename).
func writeFailed(revDir string, err error) error {
	hint := "nothing was published and " + revDir + " is unchanged; fix the cause and publish again"
	switch {
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		hint = "the disk is full: free some space and publish again; nothing was published and " + revDir + " is unchanged"
	case errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission):
		hint = revDir + " cannot be written to: make it writable and publish again; nothing was published"
	}
	return fmt.Errorf("cannot write the revision: %w — %s", err, hint)
}

// requested is the revision a request asks for, and the day it is asked
// on (Request.Today, else Now's day), or what is wrong with its fields.
func requested(req Request) (Revision, time.Time, error) {
	if !ValidVersion(req.Version) {
		return Revision{}, time.Time{}, fmt.Errorf("%q is not a valid version id: use ASCII letters and digits joined by '.', '-' or '_', e.g. 2026.1", req.Version)
	}
	if req.Effective.IsZero() {
		return Revision{}, time.Time{}, errors.New("the effective date (生效日期) is missing: give it as YYYY-MM-DD")
	}
	if !utf8.ValidString(req.Note) {
		return Revision{}, time.Time{}, errors.New("the note is not valid UTF-8")
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	rev := Revision{Version: req.Version, Effective: Day(req.Effective), Published: Day(now), Note: req.Note}
	today := Day(now)
	if !req.Today.IsZero() {
		today = Day(req.Today)
	}
	// A year mistyped (20270-03-01 cannot be typed, 2207-03-01 can): the
	// revision would stand as upcoming for centuries, and every revision
	// after it would have to take effect later still.
	if limit := today.AddDate(MaxYearsAhead, 0, 0); rev.Effective.After(limit) {
		return Revision{}, time.Time{}, fmt.Errorf("effective date %s is more than %d years after today (%s): check the year; a revision is published for a day by %s at the latest",
			rev.Effective.Format(time.DateOnly), MaxYearsAhead, today.Format(time.DateOnly), limit.Format(time.DateOnly))
	}
	return rev, today, nil
}

// Precheck makes the checks of a publish request that need no build of
// the draft: its fields, and its version id and effective date against
// the revisions published. A command runs it first, so that a version
// typed wrong is refused at once, not after the draft was built and its
// warnings said; Publish makes them again. History that does not load is
// Publish's to report.
func Precheck(contentDir string, req Request) error {
	rev, today, err := requested(req)
	if err != nil {
		return err
	}
	revs, list := Load(os.DirFS(contentDir), filepath.ToSlash(contentDir))
	if list.Err() != nil {
		return nil
	}
	return checkRequest(contentDir, revs, req, rev, today)
}

// checkRequest checks the version id and effective date of rev, asked
// for on today, against the revisions published in contentDir (revs).
func checkRequest(contentDir string, revs []Revision, req Request, rev Revision, today time.Time) error {
	root := filepath.ToSlash(contentDir)
	if _, err := os.Lstat(filepath.Join(contentDir, Dir, req.Version)); err == nil {
		return fmt.Errorf("revision %s already exists (%s): published revisions are never overwritten; choose a new version id",
			req.Version, path.Join(root, Dir, req.Version))
	}
	// A handbook numbering its revisions (2025.1, 2026.1) keeps to it: a
	// v2026.3 or 2026.3-rc1 sorts after every number, and published
	// history cannot be undone, so each version after it would have to
	// be written so too.
	if len(revs) > 0 && !Numbered(req.Version) && !slices.ContainsFunc(revs, func(r Revision) bool { return !Numbered(r.Version) }) {
		return fmt.Errorf("version id %s is not numbers joined by dots, as every revision's here is (%s): published, it would order the versions after it for good; write it as they are, e.g. %s",
			req.Version, revs[len(revs)-1].Version, nextVersion(revs[len(revs)-1].Version))
	}
	for _, r := range revs {
		if SameVersion(r.Version, req.Version) {
			return fmt.Errorf("version id %s reads as that of revision %s (%s): readers could not tell them apart; choose a new version id",
				req.Version, r.Version, path.Join(root, Dir, r.Version))
		}
	}
	if len(revs) > 0 {
		// Named by the revision taking effect last, and the first day the
		// new one may take, said as the check below reads it: a day not
		// yet come may be taken again (the new revision replaces the one
		// due that day).
		last := slices.MaxFunc(revs, func(a, b Revision) int { return a.Effective.Compare(b.Effective) })
		if rev.Effective.Before(last.Effective) {
			first := last.Effective
			if !first.After(today) {
				first = first.AddDate(0, 0, 1)
			}
			return fmt.Errorf("effective date %s is earlier than that of revision %s (%s): a new revision cannot take effect before an existing one; choose %s or later",
				rev.Effective.Format(time.DateOnly), last.Version, last.Effective.Format(time.DateOnly), first.Format(time.DateOnly))
		}
	}
	for _, r := range slices.Backward(revs) {
		// On the day of a revision not yet in force, the new one replaces
		// it before it takes effect (a correction found in time): the
		// earlier is never in force, and its pages say so. Once that day
		// has come, readers had the earlier one on it: the last published
		// for the day, which it names.
		if rev.Effective.Equal(r.Effective) && !r.Effective.After(today) {
			return fmt.Errorf("effective date %s is that of revision %s, which has taken effect: two revisions cannot take effect on the same day once it has come (readers had the first on it); choose %s or later",
				rev.Effective.Format(time.DateOnly), r.Version, r.Effective.AddDate(0, 0, 1).Format(time.DateOnly))
		}
	}
	if len(revs) > 0 {
		// Readers take the higher version for the newer text (the
		// switcher and the changelog list revisions by date).
		last := revs[len(revs)-1]
		if CompareVersions(strings.ToLower(req.Version), strings.ToLower(last.Version)) < 0 {
			return fmt.Errorf("version id %s comes before %s, the latest revision's, yet would take effect after it: readers take the higher version for the newer text; choose a version id after %s",
				req.Version, last.Version, last.Version)
		}
		if err := plausibleYear(revs, req.Version, rev.Effective); err != nil {
			return err
		}
	}
	return nil
}
