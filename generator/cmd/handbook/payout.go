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
	"strconv"
	"strings"
	"time"

	"handbook/calculator"
	"handbook/calculator/batch"
	"handbook/calculator/rulesfile"
	"handbook/generator/diag"
	"handbook/generator/revision"
)

const payoutUsage = `usage:
  handbook payout -role ROLE (-score N | -scores "60,18,18") -base YUAN -dept exceeded|met|missed [-json]
  handbook payout -csv FILE [-json] [-o OUT]
  either with [-source DIR] [-version V | -rules FILE]

  -scores takes the criterion scores in the rules' order, or name=value
  pairs such as "业绩考评=50,能力考核=19,态度考核=19", each by the
  criterion's name or a beginning or end of it, two characters or more,
  that no other criterion of the role has ("业绩=50,能力=19,态度=19"
  too). -version V uses the rules of the
  published revision V (content/revisions/V/rules.toml, or DIR/revisions/V
  with -source DIR), checked against its manifest as handbook build checks
  it. ROLE is a role of the rules by its id (sales, assistant in
  content/rules.toml), its name (销售人员), or a beginning or end of its
  name, two characters or more, that no other role's name has (销售, 内勤).
  Numbers are read as the page reads them: 3,000, ３０００, 3000元, ¥3000
  and 3000。 are 3000, and 88。5 is 88.5; at most two decimals (3.000 is
  refused, not read as 3).

flags:
`

// runPayout is `handbook payout`: one payout from flags, or a department's
// month from a CSV file. Exit codes: 0 ok, 1 bad input or rules, 2 usage.
func runPayout(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("payout", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, payoutUsage)
		fs.PrintDefaults()
	}
	role := fs.String("role", "", "role: its id, name or short name in the rules (here sales/销售人员/销售 or assistant/大客户内勤/内勤)")
	score := fs.String("score", "", "total score 考核得分, 0–100")
	scores := fs.String("scores", "", "criterion scores instead of -score")
	base := fs.String("base", "", "base performance pay 绩效工资, yuan")
	dept := fs.String("dept", "", "department result: exceeded (超额完成), met (完成) or missed (未完成)")
	asJSON := fs.Bool("json", false, "print the result as JSON (with -csv: every row's, and the total)")
	source := fs.String("source", "content", "the handbook's folder `DIR`, as build, serve and publish take it: its rules.toml is the default -rules, and its published revisions are -version's and, with -csv, each month's")
	rulesFile := fs.String("rules", "", "rules `FILE` (default: DIR/rules.toml of -source, content/rules.toml)")
	version := fs.String("version", "", "use the rules of published revision `V` (latest: the one in force)")
	csvFile := fs.String("csv", "", "compute every row of a CSV `FILE` (one row per employee and month)")
	out := fs.String("o", "", "with -csv: write the results to `OUT` (CSV, or JSON with -json) instead of printing a table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "handbook payout: %s\n\n", msg)
		fs.Usage()
		return 2
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument " + fs.Arg(0))
	}
	if msg := givenTwice(fs, args); msg != "" {
		return usageErr(msg)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["rules"] && set["version"] {
		return usageErr("give -rules or -version, not both")
	}

	// The handbook's folder, as build, serve and publish take it: a
	// handbook kept in hr/ could not use -version nor its revisions, and
	// its months were computed by hr/rules.toml alone, in silence.
	root := filepath.ToSlash(filepath.Clean(*source))
	path := *rulesFile
	if !set["rules"] {
		path = root + "/rules.toml"
	}
	path = filepath.ToSlash(path)
	var src []byte
	var err error
	hist := histories{}
	if *version != "" {
		path, src, err = publishedRules(hist, root, set["source"], version)
	} else {
		src, err = os.ReadFile(path)
		if !set["rules"] && errors.Is(err, os.ErrNotExist) {
			err = missingRules(root, set["source"])
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "handbook payout: %v\n", err)
		return 1
	}
	rules, err := rulesfile.Parse(path, src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// Which published rules the figures should have followed, to compare
	// with those used: the working copy's may hold edits not yet in force,
	// and a file given to -rules is no revision's. A month file computed
	// by -rules is said to be, where a revision of the handbook was in
	// force; one payout by -rules is not compared.
	var inForce *rulesInForce
	switch {
	case *version != "":
		inForce = loadRulesInForce(hist, root, "these are the rules of revision "+*version)
		if inForce != nil {
			inForce.version = *version
		}
	case !set["rules"]:
		inForce = loadRulesInForce(hist, root, workingCopy(path))
		if inForce != nil {
			inForce.wc = true
		}
	case *csvFile != "":
		// -rules hr/rules.toml is the rules file of the handbook in hr/
		// when that folder has published revisions: they are the ones in
		// force, unless -source names another handbook.
		if dir := filepath.ToSlash(filepath.Dir(path)); !set["source"] && dir != root {
			if _, err := os.Stat(filepath.Join(dir, revision.Dir)); err == nil {
				root = dir
			}
		}
		inForce = loadRulesInForce(hist, root, "")
		if inForce != nil {
			inForce.file, inForce.inferred = path, root != filepath.ToSlash(filepath.Clean(*source))
			if sameFile(path, root+"/rules.toml") {
				inForce.file += ", the working copy"
			}
		}
	}

	if *csvFile != "" {
		for _, f := range []string{"role", "score", "scores", "base", "dept"} {
			if set[f] {
				return usageErr("-" + f + " cannot be combined with -csv")
			}
		}
		// Without -rules or -version, each month is computed by the
		// revision in force in it (see byMonth); else every month by the
		// rules given.
		by := oneSet(rules, inForce, rulesSource(path, *version, set["rules"], inForce, rules))
		if inForce != nil && inForce.wc {
			by = inForce.byMonth(rules, path, rulesSource(path, "", false, inForce, rules))
		}
		return payoutCSV(by, *csvFile, *out, *asJSON, stdout, stderr)
	}
	if set["o"] {
		return usageErr("-o needs -csv")
	}
	var missing []string
	for _, f := range []string{"role", "base", "dept"} {
		if !set[f] {
			missing = append(missing, "-"+f)
		}
	}
	if !set["score"] && !set["scores"] {
		missing = append(missing, "-score or -scores")
	}
	if len(missing) > 0 {
		return usageErr("missing " + strings.Join(missing, ", "))
	}
	if set["score"] && set["scores"] {
		return usageErr("give -score or -scores, not both")
	}

	// The flags are read as the page reads its link (calculator.ParseQuery):
	// roles and results by ID or Chinese name, criterion scores in order or
	// as name=value pairs, numbers as typed, with the page's messages.
	q := []string{"role=" + queryValue(*role), "base=" + queryValue(*base), "dept=" + queryValue(*dept)}
	if set["scores"] {
		q = append(q, "scores="+queryValue(*scores))
	} else {
		q = append(q, "score="+queryValue(*score))
	}
	in, err := calculator.ParseQuery(rules, strings.Join(q, "&"))
	if err == nil {
		var res calculator.Result
		if res, err = calculator.Compute(rules, in); err == nil {
			if note := inForce.note(rules, nil, time.Now()); note != "" {
				fmt.Fprintf(stderr, "handbook payout: note: %s\n", note)
			}
			if *asJSON {
				stdout.Write(append(res.JSON(), '\n'))
				return 0
			}
			printResult(stdout, &res, rulesSource(path, *version, set["rules"], inForce, rules))
			return 0
		}
	}
	var fe calculator.FieldErrors
	if !errors.As(err, &fe) {
		fmt.Fprintf(stderr, "handbook payout: %v\n", err)
		return 1
	}
	ro := rules.FindRole(*role)
	for _, e := range fe {
		msg := e.Msg
		switch e.Field {
		case "role":
			msg += "（" + roleChoices(rules) + "）"
		case "dept":
			if ro != nil {
				msg += "（" + deptChoices(ro) + "）"
			}
		}
		fmt.Fprintf(stderr, "handbook payout: %s: %s\n", flagOf(e.Field, ro), msg)
	}
	return 1
}

// givenTwice names the first flag that args (which fs parsed) give more
// than once, with both values, or is "": the flag package keeps the last
// value in silence, so -score 88 -score 50 paid 50 and -csv a.csv -csv
// b.csv computed b.csv alone, where the page names a key given twice in
// its link (calculator.ParseQuery). args are walked as flag.Parse walks
// them: -name or --name, its value after = or in the next argument
// (unless it is a bool flag), up to -- or the first argument that is no
// flag.
func givenTwice(fs *flag.FlagSet, args []string) string {
	first := map[string]string{}
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && args[0] != "--" {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(args[0][1:], "-"), "=")
		args = args[1:]
		f := fs.Lookup(name)
		if f == nil {
			return "" // not reached: Parse refused it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && ok && b.IsBoolFlag() {
			value = "true"
		} else if !hasValue && len(args) > 0 {
			value, args = args[0], args[1:]
		}
		if v, twice := first[name]; twice {
			return "-" + name + " is given twice (" + v + ", then " + value + "): give it once"
		}
		first[name] = value
	}
	return ""
}

// queryValue keeps a flag's text from breaking the query it is put in: an
// "&" would end the field, so the field reads as the bad number it is.
func queryValue(s string) string { return strings.ReplaceAll(s, "&", "?") }

// roleChoices lists the roles as -role takes them: the ID and every name
// the role goes by (calculator.Role.Names).
func roleChoices(r *calculator.Rules) string {
	var ids []string
	for _, ro := range r.Roles {
		names := append([]string{ro.ID}, ro.Names()...)
		ids = append(ids, strings.Join(names[:len(names)-1], "、")+" 或 "+names[len(names)-1])
	}
	return "可用 " + strings.Join(ids, "，")
}

// deptChoices lists a role's department results as -dept takes them.
func deptChoices(ro *calculator.Role) string {
	var ids []string
	for _, d := range ro.Depts {
		ids = append(ids, d.Result+" 或 "+d.Name)
	}
	return "可用 " + strings.Join(ids, "，")
}

// flagOf names the flag a calculator field error belongs to.
func flagOf(field string, ro *calculator.Role) string {
	if rest, ok := strings.CutPrefix(field, "scores."); ok && ro != nil {
		for i, c := range ro.Criteria {
			if fmt.Sprint(i) == rest {
				return "-scores (" + c.Name + ")"
			}
		}
		return "-scores"
	}
	return "-" + field
}

func printResult(w io.Writer, res *calculator.Result, source string) {
	fmt.Fprintf(w, "%s · 考核得分 %s 分 · %s 分档 · %s · 部门业绩目标%s\n\n", res.RoleName,
		calculator.FormatScore(res.Score), res.TierLabel, calculator.FormatRate(res.Rate), res.DeptName)
	// How the handbook's readings decided the steps (a score between two
	// tiers' ranges), worded once, each said under its step as the page does.
	readings := res.Readings()
	for i, s := range res.Steps {
		fmt.Fprintf(w, "  %d. %s\n     〔%s〕\n", i+1, s.Text, s.Clause)
		for _, rd := range readings {
			if rd.Step == i {
				fmt.Fprintf(w, "     注：%s\n", rd.Text)
			}
		}
	}
	fmt.Fprintf(w, "\n%s\n舍入：%s\n规则：%s\n\n%s\n", res.Summary, res.Rounding, source, calculator.FormatFen(res.TotalFen))
}

// rulesSource says whose rules a payout was computed by, as the result
// prints it: a published revision's, the working copy's (the same as a
// revision's, or with edits not yet published) or a file's. The clauses
// cited are that revision's; without it, which ones they were was left
// to guess.
func rulesSource(path, version string, given bool, inForce *rulesInForce, used *calculator.Rules) string {
	switch {
	case version != "":
		return version + " 版（" + path + "）"
	case given || inForce == nil:
		return path
	}
	if v := inForce.sameAs(calculator.Encode(used)); v != "" {
		return path + "（工作稿，与 " + v + " 版相同）"
	}
	return path + "（工作稿，含尚未发布的修改）"
}

// publishedRules reads the rules of the published revision *version under
// the content folder root, verified against the revision's manifest as a
// build verifies it (revision.Load): only a version that is published and
// unedited is used, never the draft's or a path's.
//
// The version is read as the site's addresses and its readers spell it,
// and *version set to the revision's own id: 2025.01 is 2025.1 (as
// publish reads two such ids as one), so is v2025.1 (as the revision's
// address /v/2025.1/ reads), and latest is the revision in force today,
// as /latest/ shows it. These were "not a published revision". A path
// (../revisions/2025.1, 2025.1/) is not a version.
func publishedRules(hist histories, root string, sourceGiven bool, version *string) (string, []byte, error) {
	given := *version
	revs, problems := hist.load(root)
	want := strings.TrimSpace(given)
	if strings.EqualFold(want, "latest") {
		if cur, _ := revision.InForce(revs, companyNow(root)); cur >= 0 {
			want = revs[cur].Version
		}
	}
	for _, r := range revs {
		if r.Version != want && (revision.SameVersion(r.Version, want) || revision.SameVersion("v"+r.Version, want)) {
			want = r.Version
		}
	}
	shown := path.Join(root, revision.Dir, want, "rules.toml")
	var names []string
	for _, r := range revs {
		names = append(names, r.Version)
		if r.Version == want { // Load gives only valid versions
			*version = want
			src, err := fs.ReadFile(r.Files, "rules.toml")
			if err != nil {
				return shown, nil, fmt.Errorf("published revision %s has no rules.toml", want)
			}
			return shown, src, nil
		}
	}
	if revision.ValidVersion(want) {
		var mine []string
		for _, d := range problems {
			if strings.HasPrefix(d.File, path.Join(root, revision.Dir, want)+"/") {
				mine = append(mine, d.String())
			}
		}
		if len(mine) > 0 {
			return shown, nil, fmt.Errorf("published revision %s is not used: it fails its check, as a build would say:\n%s", want, strings.Join(mine, "\n"))
		}
	}
	if _, err := os.Stat(root); err != nil {
		return shown, nil, fmt.Errorf("%s to use -version", noSource(root, sourceGiven))
	}
	published := "none is published yet"
	if len(names) > 0 {
		published = "published: " + strings.Join(names, ", ")
	}
	return shown, nil, fmt.Errorf("-version %q is not a published revision (%s; see %s/)", given, published, path.Join(root, revision.Dir))
}

// noSource says that the handbook's folder root (-source's, or content)
// does not exist, and what to do.
func noSource(root string, given bool) string {
	if given {
		return "-source " + root + ": " + root + "/ does not exist — give the folder that holds the handbook (its site.toml and chapters), as build -source takes it,"
	}
	return root + "/ does not exist — run in the handbook's folder (the one holding content/), or give -source DIR for a handbook kept in another folder,"
}

// missingRules says that the handbook's rules file, root/rules.toml, does
// not exist: the folder is not there (see noSource), or the handbook has
// no payout rules (a handbook without rules.toml has no calculator).
func missingRules(root string, given bool) error {
	switch _, err := os.Stat(root); {
	case err != nil && given:
		return fmt.Errorf("%s or pass -rules FILE", noSource(root, given))
	case err != nil:
		return fmt.Errorf("%s/rules.toml does not exist — run in the handbook's folder (the one holding %s/), give -source DIR for a handbook kept in another folder, or pass -rules FILE", root, root)
	}
	return fmt.Errorf("%s/rules.toml does not exist: the handbook in %s/ has no payout rules (without a rules.toml it has no calculator) — pass -rules FILE, or give -source the folder of a handbook that has them", root, root)
}

// sameFile reports whether a and b name one existing file, through links
// or relative paths.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// outFormat says what is wrong with an -o file whose name promises what
// it will not hold, or "": payout writes CSV, or JSON with -json. A file
// named payouts.xlsx got CSV, which Excel then refused to open ("the file
// format or file extension is not valid"); payouts.csv got JSON with
// -json, which a spreadsheet shows as one column of text.
func outFormat(out string, asJSON bool) string {
	ext := strings.ToLower(filepath.Ext(out))
	stem := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	switch ext {
	case ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".numbers":
		if asJSON {
			return "payout writes JSON here, not a spreadsheet workbook: name it " + stem + ".json"
		}
		return "payout writes CSV, not a " + ext + " workbook, and Excel refuses to open CSV under that name: name it " + stem + ".csv (Excel and WPS open it as a sheet)"
	case ".csv":
		if asJSON {
			return "-json writes JSON, which a spreadsheet shows as one column of text: name it " + stem + ".json, or leave out -json to write CSV"
		}
	case ".json":
		if !asJSON {
			return "without -json the results are written as CSV: add -json, or name it " + stem + ".csv"
		}
	}
	return ""
}

// by says whose rules compute each month (monthRules): the table ends
// with it, and the file written says it, as one payout's result does; a
// month's payroll did not say which revision's rules computed it.
func payoutCSV(by monthRules, in, out string, asJSON bool, stdout, stderr io.Writer) int {
	if out != "" && sameFile(in, out) {
		fmt.Fprintf(stderr, "handbook payout: -o %s is the input file %s: writing the results there would replace the month's input; give another -o file\n", out, in)
		return 1
	}
	// Where the results go is checked before the month is read: a folder
	// was found only when the results were renamed over it ("rename
	// .qa.123 /tmp/qa/: file exists"), a missing folder as the temporary
	// file's ("open nodir/.out.csv.123: no such file or directory").
	if out != "" {
		if msg := outFormat(out, asJSON); msg != "" {
			fmt.Fprintf(stderr, "handbook payout: -o %s: %s\n", out, msg)
			return 1
		}
		if fi, err := os.Stat(out); err == nil && fi.IsDir() {
			fmt.Fprintf(stderr, "handbook payout: -o %s is a folder: give a file name, such as %s\n", out, filepath.Join(out, "payouts.csv"))
			return 1
		}
		// Another month's input is not replaced by results (-csv 二月.csv
		// -o 三月.csv, 三月.csv typed by hand): a file of results, or any
		// other, is, as -o says.
		if old, err := os.ReadFile(out); err == nil && batch.IsInput(old) {
			fmt.Fprintf(stderr, "handbook payout: -o %s holds a month's input (its header names input columns and no result column): writing the results there would replace it; give another -o file, such as %s\n",
				out, filepath.Join(filepath.Dir(out), "payouts.csv"))
			return 1
		}
		if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
			what := "does not exist"
			if err == nil {
				what = "is a file, not a folder"
			}
			fmt.Fprintf(stderr, "handbook payout: -o %s: the folder %s %s: create it, or give -o a file in a folder that exists\n", out, filepath.Dir(out), what)
			return 1
		}
	}
	f, err := os.Open(in)
	if err != nil {
		hint := "check -csv names the month's file"
		switch {
		case errors.Is(err, fs.ErrNotExist):
			hint = "check the name and folder given to -csv (a path from the folder you run handbook in)"
		case errors.Is(err, fs.ErrPermission):
			hint = "make the file readable, or copy it somewhere you can read"
		}
		fmt.Fprintf(stderr, "handbook payout: -csv %s: %v — %s\n", in, errors.Unwrap(err), hint)
		return 1
	}
	defer f.Close()
	lines, err := batch.RunSchedule(filepath.ToSlash(in), f, by.Schedule)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "handbook payout: no result written: fix the rows above and run again")
		return 1
	}
	// A month everyone ranked tied is said by the rules of that month.
	notes := by.Schedule.Notes(lines)
	if note := by.note(filepath.ToSlash(in), lines); note != "" {
		notes = append(notes, note)
	}
	source, rounding := by.source(months(lines))
	for _, n := range notes {
		fmt.Fprintf(stderr, "handbook payout: note: %s\n", n)
	}
	write := batch.WriteCSV
	if asJSON {
		write = batch.WriteJSON
	}
	if out == "" {
		if !asJSON {
			write = batch.WriteTable
		}
		if err := write(stdout, lines); err != nil {
			fmt.Fprintf(stderr, "handbook payout: %v\n", err)
			return 1
		}
		if !asJSON {
			fmt.Fprintf(stdout, "舍入：%s\n规则：%s\n", rounding, source)
		}
		return 0
	}
	var buf bytes.Buffer
	if err := write(&buf, lines); err != nil {
		fmt.Fprintf(stderr, "handbook payout: %v\n", err)
		return 1
	}
	// Write beside the target and rename, so an interrupted run never
	// leaves a half-written file where the old one was. The file is
	// readable as a file the command created would be (0644), or keeps
	// the mode of the one it replaces: a temporary file's 0600 left the
	// payroll's colleagues unable to open it.
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(out); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err == nil {
		if err = tmp.Chmod(mode); err == nil {
			_, err = tmp.Write(buf.Bytes())
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), out)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "handbook payout: writing %s: %v\n", out, err)
		return 1
	}
	fmt.Fprintf(stderr, "handbook payout: %d rows written to %s (规则：%s)\n", len(lines), out, source)
	return 0
}

// workingCopy says what the rules used are when they are the working
// copy's rules file path, unless they are a published revision's (see
// note).
func workingCopy(path string) string {
	return path + ", the working copy, holds edits not yet published"
}

// rulesInForce are the published revisions of a handbook, each with its
// rules as the engine reads them (calculator.Encode), to say which ones
// a computation should have followed.
type rulesInForce struct {
	root   string
	revs   []revision.Revision
	rules  []string            // Encode of each revision's rules; "" when unreadable
	parsed []*calculator.Rules // each revision's rules; nil when unreadable
	used   string              // what the rules used are, for the note of one payout

	// Whose the rules used are: the working copy's (wc), revision
	// version's (-version), or file's (-rules, as the note names it).
	wc       bool
	version  string
	file     string
	inferred bool // root is file's folder, not -source's
}

// histories are handbook folders' published revisions, each read once:
// -version read them for its rules and again for the months they are in
// force, and revision.Load hashes every file against its manifest.
type histories map[string]history

type history struct {
	revs     []revision.Revision
	problems diag.List
}

// load is the published revisions under root, as revision.Load reads them.
func (h histories) load(root string) ([]revision.Revision, diag.List) {
	if x, ok := h[root]; ok {
		return x.revs, x.problems
	}
	revs, problems := revision.Load(os.DirFS(root), root)
	h[root] = history{revs, problems}
	return revs, problems
}

// loadRulesInForce reads the published revisions under root, as a build
// verifies them; nil when there are none (or no root).
func loadRulesInForce(hist histories, root, used string) *rulesInForce {
	if _, err := os.Stat(filepath.Join(root, revision.Dir)); err != nil {
		return nil
	}
	revs, _ := hist.load(root)
	if len(revs) == 0 {
		return nil
	}
	f := &rulesInForce{root: root, revs: revs, rules: make([]string, len(revs)), parsed: make([]*calculator.Rules, len(revs)), used: used}
	for i, r := range revs {
		if src, err := fs.ReadFile(r.Files, "rules.toml"); err == nil {
			if rr, err := rulesfile.Parse("rules.toml", src); err == nil {
				f.rules[i], f.parsed[i] = calculator.Encode(rr), rr
			}
		}
	}
	return f
}

// sameAs is the newest published revision whose rules are enc (as
// calculator.Encode reads them), or "".
func (f *rulesInForce) sameAs(enc string) string {
	for i := len(f.revs) - 1; i >= 0; i-- {
		if f.rules[i] == enc {
			return f.revs[i].Version
		}
	}
	return ""
}

// note says where the rules used differ from those in force: for the
// months of a department's file, on each month's first day (nil months:
// today, for one payout). Empty when they agree everywhere or nothing is
// published. The working copy's rules.toml may hold edits not yet
// published; -version V computes by a published revision's rules, and
// -rules FILE by FILE's.
func (f *rulesInForce) note(used *calculator.Rules, months []int, today time.Time) string {
	if f == nil {
		return ""
	}
	enc := calculator.Encode(used)
	if f.wc {
		// The working copy's rules may be a published revision's (the
		// newest, once published): said so, not "edits not yet published".
		if v := f.sameAs(enc); v != "" {
			f.used = strings.TrimSuffix(f.used, " holds edits not yet published") + " holds the rules of revision " + v
		}
	}
	if months == nil {
		cur, _ := revision.InForce(f.revs, today)
		if cur < 0 || f.rules[cur] == enc {
			return ""
		}
		r := f.revs[cur]
		return "the rules used differ from those of revision " + r.Version + ", in force since " + r.Effective.Format(time.DateOnly) +
			" (" + f.used + "): add -version " + r.Version + " to compute by the rules in force"
	}
	var parts []string
	if f.file != "" {
		parts = f.fileNote(enc, months)
	} else {
		parts = f.versionNote(enc, months)
	}
	parts = append(parts, f.splits(months)...)
	return strings.Join(parts, "; ")
}

// versionNote names the months of a file computed by -version V that are
// not V's: under another revision, whose rules differ from V's (compute
// them with its -version) or are the same (its figures are V's), and
// those before the first revision. The README promised such a note; only
// rules that differ were named, so a file spanning 2025.1 and 2026.1,
// whose rules are alike, was said to be 2025.1's alone.
func (f *rulesInForce) versionNote(enc string, months []int) []string {
	var parts []string
	for _, g := range groups(months, func(m int) string { return itoa(f.revisionOf(m)) }) {
		i := f.revisionOf(g.first)
		switch {
		case i >= 0 && f.revs[i].Version == f.version:
		case i < 0:
			first := f.revs[0]
			parts = append(parts, "the rows of "+g.months(" to ")+" fall before the first revision, "+first.Version+" (in force from "+
				first.Effective.Format(time.DateOnly)+"): no revision was in force then, and they are computed by the rules of revision "+f.version+" like the others")
		case f.rules[i] != enc:
			parts = append(parts, "the rows of "+g.months(" to ")+" fall under revision "+f.revs[i].Version+" (in force from "+
				f.revs[i].Effective.Format(time.DateOnly)+"), whose rules differ from the ones used ("+f.used+"): compute them with -version "+f.revs[i].Version)
		default:
			parts = append(parts, "the rows of "+g.months(" to ")+" fall under revision "+f.revs[i].Version+" (in force from "+
				f.revs[i].Effective.Format(time.DateOnly)+"), not "+f.version+": its rules are the same as "+f.version+"'s, so their figures are "+f.revs[i].Version+"'s too")
		}
	}
	return parts
}

// fileNote says that the months of a file computed by -rules FILE under
// a published revision whose rules differ from FILE's were computed by
// FILE's rules, not the revision's, naming each: a handbook's own
// hr/rules.toml given as -rules (its -version and revisions being out of
// reach without -source) computed every month by the working copy's
// rules, in silence.
func (f *rulesInForce) fileNote(enc string, months []int) []string {
	var spans []string
	for _, g := range groups(months, func(m int) string { return itoa(f.revisionOf(m)) }) {
		if i := f.revisionOf(g.first); i >= 0 && f.rules[i] != enc {
			spans = append(spans, g.months(" to ")+" under revision "+f.revs[i].Version+" (in force from "+f.revs[i].Effective.Format(time.DateOnly)+")")
		}
	}
	if len(spans) == 0 {
		return nil
	}
	leave, version := "leave out -rules", "give -version V"
	if f.inferred {
		leave, version = "give -source "+f.root+" instead of -rules", "-source "+f.root+" -version V"
	}
	return []string{"the rows are computed by the rules of " + f.file + " (given by -rules), not by the revisions of " + f.root + "/ in force in their months, whose rules differ: " +
		strings.Join(spans, ", ") + " — " + leave + " to compute each month by the revision in force in it, or " + version + " to compute every month by one revision's rules"}
}

// itoa is n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }

// at is the index of the revision in force on day, or -1.
func (f *rulesInForce) at(day time.Time) int {
	cur := -1
	for i, p := range revision.Periods(f.revs) {
		if !p.From.After(day) && (p.Open || !p.To.Before(day)) {
			cur = i
		}
	}
	return cur
}

// revisionOf is the index of the revision in force on the first day of
// month (calculator.ParseMonth), or -1.
func (f *rulesInForce) revisionOf(month int) int {
	return f.at(time.Date(month/12, time.Month(month%12+1), 1, 0, 0, 0, 0, time.UTC))
}

// splits name each of months that a revision whose rules differ comes
// into force after the first day of. Such a month is split between two
// sets of rules, and which one its pay follows is not written anywhere,
// so it is said, not decided in silence: July under 2026.1 was all the
// note said of a revision in force from 15 July.
func (f *rulesInForce) splits(months []int) []string {
	var splits []string
	seen := map[int]bool{}
	for _, m := range months {
		if seen[m] {
			continue
		}
		seen[m] = true
		first := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
		i := f.at(first)
		if j := f.at(first.AddDate(0, 1, -1)); i >= 0 && j >= 0 && i != j && f.rules[i] != f.rules[j] {
			splits = append(splits, "revision "+f.revs[j].Version+" comes into force on "+f.revs[j].Effective.Format(time.DateOnly)+", within "+calculator.FormatMonth(m)+
				", and its rules differ from those of "+f.revs[i].Version+": the rules files do not say which of the two a month's pay follows (this note reads a month by its first day, "+
				f.revs[i].Version+") — ask HR which applies, and compute "+calculator.FormatMonth(m)+" with that -version")
		}
	}
	return splits
}
