package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	// The zones site.toml may name (timeZone) are known on a machine
	// without the tz database too.
	_ "time/tzdata"

	"github.com/BurntSushi/toml"

	"handbook/generator/build"
	"handbook/generator/diag"
	"handbook/generator/output"
	"handbook/generator/revision"
)

const publishSynopsis = `handbook publish -version 2026.2 -effective 2026-07-01 -note "调整销售人员考核权重" [-source content] [-out public]

Freezes the working copy (the chapters, rules.toml and site.toml of
-source) as a numbered revision under content/revisions/, in force from
-effective, with -note as its line in the changelog. The working copy is
built first: any error stops the publish before anything is written.`

func runPublish(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("publish", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fl)
	version := fl.String("version", "", "the new revision's version id, e.g. 2026.1")
	effective := fl.String("effective", "", "生效日期: the day it comes into force, YYYY-MM-DD")
	note := fl.String("note", "", "one line for the changelog: what this revision changes")
	out := fl.String("out", "public", "the folder the site was last built in (handbook build -out): a published revision edited since, its manifest with it, is refused there rather than sealed into history by the new one")
	legacy := fl.Bool("legacy", false, "record a text that was already in force as it stands: a worked example whose figure is wrong gets an editor's note instead of blocking the publish (every other error still blocks)")
	if code := parseFlags(fl, args, publishSynopsis, "the folder of pages is given with -source, the revision with -version, -effective and -note", stdout, stderr); code >= 0 {
		return code
	}
	*note = strings.TrimSpace(*note)
	var missing []string
	for _, f := range []struct{ name, value string }{{"-version", *version}, {"-effective", strings.TrimSpace(*effective)}, {"-note", *note}} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		what := missing[0] + " is missing or blank"
		if len(missing) > 1 {
			what = strings.Join(missing, ", ") + " are missing or blank"
		}
		fmt.Fprintf(stderr, "handbook publish: %s; -version, -effective and -note are all required\n  e.g. handbook publish -version 2026.2 -effective 2026-07-01 -note \"调整销售人员考核权重\"\n", what)
		return 2
	}
	if strings.ContainsAny(*note, "\r\n") {
		// The changelog and the version switcher show it as one line,
		// its lines run together.
		fmt.Fprintln(stderr, "handbook publish: -note is one line for the changelog, and this one has a line break: write it on one line, its points separated by ；")
		return 2
	}
	eff, err := parseDay("-effective", *effective)
	if err != nil {
		fmt.Fprintln(stderr, "handbook publish:", err)
		return 2
	}
	// A -today that is no day is a flag typed wrong, as an -effective
	// that is none is (it exited 1, that one 2).
	if sf.today != "" {
		if _, err := parseDay("-today", sf.today); err != nil {
			fmt.Fprintln(stderr, "handbook publish:", err)
			return 2
		}
	}
	if msg := sourceIsHistory(sf.source); msg != "" {
		fmt.Fprintln(stderr, "handbook publish:", msg)
		return 2
	}
	opts, err := sf.options()
	if err != nil {
		fmt.Fprintln(stderr, "handbook:", err)
		return 1
	}
	now := companyNow(sf.source)
	// What needs no build is refused first: a duplicate version came
	// after the draft's warnings, its one line last of five.
	if err := revision.Precheck(sf.source, revision.Request{Version: *version, Effective: eff, Note: *note, Now: now, Today: opts.Today}); err != nil {
		fmt.Fprintln(stderr, "handbook publish:", err)
		return 1
	}
	// The snapshot about to be frozen is built exactly as it will be, as
	// a draft: any error stops the publish before anything is written.
	// It is built as its published edition (draft: true pages left out),
	// and what that edition is built from is all that is frozen.
	// frozen are the files the revision is made of: what the first
	// check (of the whole draft) says its published edition uses.
	var frozen []string
	checked := false
	check := func(snapshot fs.FS) ([]string, error) {
		o := opts
		o.Source = snapshot
		o.Drafts = false
		o.Legacy = *legacy
		o.Out = output.NewMemory()
		res, err := build.Run(o)
		if err != nil {
			return nil, err
		}
		var used []string
		if res.Sources != nil {
			used = res.Sources()
		}
		if !checked {
			frozen, checked = used, true
		}
		return used, nil
	}
	// The latest revision has no successor to vouch for it: the site
	// built from it is all that can tell it was edited, its manifest
	// with it, or deleted, and the new revision would seal that in (its
	// previous_manifest), leaving deleting a revision as the way back.
	// As build checks it, so does publish. (History damaged otherwise
	// is Publish's to report.)
	*out = filepath.Clean(*out) // public/ was named public//v/… in messages
	given := false
	fl.Visit(func(f *flag.Flag) { given = given || f.Name == "out" })
	_, noSite := os.Stat(filepath.Join(*out, "v"))
	// One build of the working copy with its history serves both that
	// check (the revisions' manifests) and the warnings about the text
	// about to be frozen, said before it is: an unclosed ``` fence, raw
	// HTML left out, a front matter key misspelt or not read, what
	// rules.toml cites read against the latest revision (a clause put in
	// above another renumbers it, and a note or a tier left at the old
	// number is frozen under the clause that took it). They were hidden,
	// but for the last, and shown by every build after, of the frozen
	// copy. Each as build -drafts says it; not refused: a clause reworded
	// on purpose reads otherwise as well, and the handbook's own org chart
	// warnings stand until its owner decides. The build says those about
	// published revisions itself.
	var warned diag.List
	{
		o := opts
		o.Drafts = true
		o.Out = output.NewMemory()
		res, err := build.Run(o)
		if res != nil {
			for _, w := range res.Warnings {
				if _, ok := workingCopyFile(w.File, opts.SourceName); ok {
					warned = append(warned, w)
				}
			}
		}
		if noSite != nil && (given || err == nil && len(res.Manifests) > 0) {
			// A typo, a site built elsewhere, or publish run from
			// another folder (-out is relative): the check below finds
			// nothing there and would pass in silence, and a latest
			// revision edited with its manifest be sealed in.
			fmt.Fprintf(stderr, "handbook publish: note: %s holds no site built with published revisions (no %s), so the latest revision is checked against its own manifest only; if its files were edited with their manifest, this revision would vouch for them. Run publish where the site is built, or give -out the folder it was built in\n", *out, filepath.Join(*out, "v"))
		}
		if err == nil {
			if l := build.CheckBuiltHistory(os.DirFS(*out), res.Manifests, opts.SourceName, *out); l != nil {
				printWarnings(stderr, warned, nil)
				for _, d := range l {
					fmt.Fprintln(stderr, d)
				}
				fmt.Fprintln(stderr, "handbook publish: published history is damaged (restore the files named above, e.g. with git checkout); nothing was published")
				return 1
			}
		}
	}
	// -today is the day publish reads everything as of: whether the
	// latest revision has taken effect (so may no longer be replaced on
	// its day) as well as what it then says of the new one.
	// Whether readers would see anything new is the build's to say, not
	// the files': both the snapshot and the latest revision are built as
	// their published editions, and compared file by file. A blank line
	// added to a chapter was frozen as a revision whose changelog entry
	// said 文字未变; a title, an order that moves a chapter, a slug, a
	// link's target, a payout rule or a site setting readers see changes
	// the pages, and is published.
	same := func(snapshot, latest fs.FS) (bool, error) {
		built := func(src fs.FS) (map[string][]byte, bool) {
			o := opts
			o.Source = src
			o.Drafts = false
			o.Legacy = *legacy
			mem := output.NewMemory()
			o.Out = mem
			if _, err := build.Run(o); err != nil {
				return nil, false
			}
			return mem.Files, true
		}
		a, ok := built(snapshot)
		if !ok {
			return false, nil
		}
		b, ok := built(latest)
		if !ok {
			// A revision that does not build alone (published with
			// -legacy, or under an older build): not compared.
			return false, nil
		}
		return sameBuild(a, b), nil
	}
	err = revision.Publish(sf.source, revision.Request{Version: *version, Effective: eff, Note: *note, Check: check, Same: same, Now: now, Today: opts.Today, Display: opts.SourceName})
	// The warnings come after the build's and Publish's checks: a
	// problem publish refuses (a published chapter marked draft: true)
	// is said once, as the error, not first as a warning too.
	printWarnings(stderr, warned, diag.FromError(err))
	if err != nil {
		if list := diag.FromError(err); list != nil {
			for _, d := range list {
				if d.Severity == diag.Error {
					fmt.Fprintln(stderr, d)
				}
			}
			what := "the draft has errors"
			if errors.Is(err, revision.ErrHistoryDamaged) {
				what = "published history is damaged (restore the files named above, e.g. with git checkout)"
			}
			fmt.Fprintf(stderr, "handbook publish: %s; nothing was published\n", what)
			return 1
		}
		fmt.Fprintln(stderr, "handbook publish:", err)
		return 1
	}
	revs, _ := revision.Load(os.DirFS(sf.source), sf.source)
	today := opts.Today
	if today.IsZero() {
		today = now
	}
	fmt.Fprintf(stdout, "handbook: published revision %s in %s/revisions/%s; %s\n", *version, sf.source, *version, whenInForce(revs, *version, today, buildCommand(sf.source)))
	if list := changedFiles(revs, *version); list != "" {
		fmt.Fprintln(stdout, list)
	}
	if n := frozenWarnings(warned, opts.SourceName, frozen); n > 0 {
		what := "1 warning"
		if n > 1 {
			what = fmt.Sprint(n, " warnings")
		}
		fmt.Fprintf(stderr, "handbook publish: published with %s about its text (above); a later revision can correct them\n", what)
	}
	warnLostAnchors(revs, sf.source, *version, stderr)
	_ = os.Stdout.Sync()
	return 0
}

// sameBuild reports whether two builds wrote the same files with the same
// bytes, but for the service workers' precache.json: its last entry is a
// stamp of what the build read (rules.toml's bytes with their comments,
// each page's order number), which tells a reader's browser to fetch the
// pages again, not anything it shows; the pages it lists are compared.
func sameBuild(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		other, ok := b[name]
		if !ok {
			return false
		}
		if path.Base(name) != "precache.json" && !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}

// workingCopyFile is the path in the working copy of a file a build
// names (content/01-functions.md → 01-functions.md), false for one of a
// published revision (content/revisions/…) or outside the content folder
// (the theme's). The folder itself is ".".
func workingCopyFile(file, source string) (string, bool) {
	rel := file
	if source != "." {
		if file == source {
			return ".", true
		}
		var ok bool
		if rel, ok = strings.CutPrefix(file, strings.TrimSuffix(source, "/")+"/"); !ok {
			return "", false
		}
	}
	if rel == "" || rel == revision.Dir || strings.HasPrefix(rel, revision.Dir+"/") || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// printWarnings prints the warnings of the working copy, but those said
// again as errors.
func printWarnings(w io.Writer, warned, errs diag.List) {
	for _, d := range warned {
		if !slices.ContainsFunc(errs, func(e diag.Diagnostic) bool {
			return e.File == d.File && e.Line == d.Line && e.Msg == d.Msg
		}) {
			fmt.Fprintln(w, d)
		}
	}
}

// frozenWarnings counts the warnings about files the new revision froze
// (not those about a draft: true page or a note it left out).
func frozenWarnings(warned diag.List, source string, frozen []string) int {
	n := 0
	for _, w := range warned {
		if rel, ok := workingCopyFile(w.File, source); ok && slices.Contains(frozen, rel) {
			n++
		}
	}
	return n
}

// sourceIsHistory says what is wrong with a -source that names published
// history rather than the working copy: the revisions folder (whose
// draft build asked to restore content/revisions/rules.toml) or one
// revision's folder; "" for any other.
func sourceIsHistory(source string) string {
	// Named by where they are (-source . in the folder), suggested as
	// typed: -source .. from the revisions folder.
	abs, err := filepath.Abs(source)
	if err != nil {
		return ""
	}
	if revision.IsRevisionDir(abs) {
		msg := fmt.Sprintf("-source %s is the folder of published revision %s, not the handbook's content folder", source, filepath.Base(abs))
		if filepath.Base(filepath.Dir(abs)) == revision.Dir {
			msg += ": give -source " + filepath.Join(source, "..", "..")
		}
		return msg + " (a published revision is never edited; the new one is published from the working copy beside revisions/)"
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.IsDir() && revision.IsRevisionDir(filepath.Join(abs, e.Name())) {
			return fmt.Sprintf("-source %s names the revisions folder, not the handbook's content folder: give -source %s, the folder that holds it (publish writes the new revision into %s/ itself)",
				source, filepath.Join(source, ".."), revision.Dir)
		}
	}
	return ""
}

// companyNow is now in the time zone the working copy's site.toml names
// (timeZone), as a build takes today: the publish date and "in force
// from today" are the company's day, not the machine's.
func companyNow(source string) time.Time {
	now := time.Now()
	var site struct {
		TimeZone string `toml:"timeZone"`
	}
	if b, err := os.ReadFile(filepath.Join(source, "site.toml")); err == nil {
		if _, err := toml.Decode(string(b), &site); err == nil && site.TimeZone != "" {
			if loc, err := time.LoadLocation(site.TimeZone); err == nil {
				return now.In(loc)
			}
		}
	}
	return now
}

// asciiDate is a date as typed with its spaces trimmed and written in
// ASCII: a Chinese input method in full-width mode types
// ２０２６－０７－０１, which was "want a date like 2026-07-01".
func asciiDate(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－':
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
}

// parseDay reads the date given to flag (-effective, -today) as typed
// (asciiDate), saying of one of the right shape that is no day
// (2026-02-30) that there is no such day.
func parseDay(flag, typed string) (time.Time, error) {
	s := asciiDate(typed)
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		what := "want a date like 2026-07-01"
		if dateShape.MatchString(s) {
			what = "there is no such day; check the month and the day"
		}
		return t, fmt.Errorf("%s %q: %s", flag, typed, what)
	}
	return t, nil
}

// dateShape is YYYY-MM-DD, a date's shape whether or not it is a day.
var dateShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// changedFiles lists the files the revision just published changed from
// the one before (by path: a renamed file is removed and added), for the
// admin to see that it holds what was meant and nothing else ("" for the
// first revision).
func changedFiles(revs []revision.Revision, version string) string {
	i := slices.IndexFunc(revs, func(r revision.Revision) bool { return r.Version == version })
	if i <= 0 {
		return ""
	}
	changes, err := revision.Changes(revs[i-1], revs[i])
	if err != nil {
		return ""
	}
	byStatus := map[revision.Status][]string{}
	for _, c := range changes {
		if c.Path != revision.MetaFile && c.Path != revision.ManifestFile {
			byStatus[c.Status] = append(byStatus[c.Status], c.Path)
		}
	}
	var parts []string
	for _, st := range []revision.Status{revision.Modified, revision.Added, revision.Removed} {
		if files := byStatus[st]; len(files) > 0 {
			parts = append(parts, st.String()+" "+strings.Join(files, ", "))
		}
	}
	return "  changes from " + revs[i-1].Version + ": " + strings.Join(parts, "; ")
}

// buildCommand is the command that builds the handbook in source, as a
// message quotes it: handbook build, or handbook build -source hr.
func buildCommand(source string) string {
	if path.Clean(filepath.ToSlash(source)) == "content" {
		return "handbook build"
	}
	return "handbook build -source " + source
}

// whenInForce says when the revision just published is in force, and
// what that does to the site: one upcoming leaves /latest/ as it is until
// its day (a build on that day moves it); one back-dated shortens the
// period of the revision before it, as its pages will say.
func whenInForce(revs []revision.Revision, version string, today time.Time, build string) string {
	i := slices.IndexFunc(revs, func(r revision.Revision) bool { return r.Version == version })
	if i < 0 {
		return "in force from its effective date"
	}
	r := revs[i]
	eff := r.Effective.Format(time.DateOnly)
	day := revision.Day(today)
	cur, _ := revision.InForce(revs, today)
	replaces := ""
	if i > 0 && revs[i-1].Effective.Equal(r.Effective) {
		replaces = "; it replaces " + revs[i-1].Version + " before that takes effect: " + revs[i-1].Version + " is never in force, and its pages say so (未施行) and link to " + r.Version
	}
	switch {
	case r.Effective.After(day):
		if cur < 0 {
			return "it comes into force on " + eff + ": until then /latest/ shows it as not yet in force (尚未生效); build the site again on that day (a daily build does it)" + replaces
		}
		return "it comes into force on " + eff + ": until then /latest/ shows " + revs[cur].Version + "; build the site again on that day (a daily build does it)" + replaces
	case r.Effective.Equal(day):
		// public/ showed the last revision until the next build, and
		// only the future case said to build (an admin's report).
		return "in force from today, " + eff + ": /latest/ shows it once the site is built again (" + build + ")" + replaces
	}
	// The revision in force before it: not one it replaces on its own
	// day, which was never in force (it said that one "now reads as in
	// force until" the day before its own start).
	j := i - 1
	for j >= 0 && revs[j].Effective.Equal(r.Effective) {
		j--
	}
	if j >= 0 {
		return "in force from " + eff + ", a date already past: revision " + revs[j].Version + " now reads as in force until " +
			r.Effective.AddDate(0, 0, -1).Format(time.DateOnly) + ", not until today; /latest/ shows it once the site is built again (" + build + ")" + replaces
	}
	return "in force from " + eff + ", a date already past: /latest/ shows it once the site is built again (" + build + ")" + replaces
}

// warnLostAnchors says which deep links into the revision before the one
// just published (a renamed heading, a moved numbered clause) the new
// one breaks, or sends to another clause (clauses renumbered), so the
// admin can tell readers or keep the old IDs in a follow-up revision. It
// only warns: a revision may rightly drop a clause.
func warnLostAnchors(revs []revision.Revision, source, version string, stderr io.Writer) {
	for i, r := range revs {
		if r.Version != version || i == 0 {
			continue
		}
		prev := revs[i-1]
		oldName, newName := path.Join(source, revision.Dir, prev.Version), path.Join(source, revision.Dir, r.Version)
		warns, err := build.LostAnchors(prev.Files, r.Files, oldName, newName)
		if err != nil {
			return
		}
		// IDs kept but given to another clause: links that still open,
		// on the wrong clause.
		if moved, err := build.MovedClauses(prev.Files, r.Files, oldName, newName); err == nil {
			warns = append(warns, moved...)
		}
		// IDs an earlier revision retired (moved or deleted their text),
		// given to new text by this one.
		if reused, err := build.ReusedAnchors(revs[:i+1], source); err == nil {
			warns = append(warns, reused...)
		}
		for _, w := range warns {
			fmt.Fprintln(stderr, w)
		}
		if len(warns) > 0 {
			fmt.Fprintf(stderr, "handbook publish: links into revision %s that revision %s breaks or sends elsewhere are listed above (not an error)\n", prev.Version, version)
		}
	}
}
