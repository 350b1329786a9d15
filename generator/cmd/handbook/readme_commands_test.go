package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"handbook/generator/content"
	"handbook/generator/serve"
)

// The README's commands, run as a newcomer types them: the lines of a
// section's ```sh block that start with go run ./generator/cmd/handbook,
// in a copy of the handbook, each checked against what the README says
// it does.

// readme is the README's text.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(origWD, "../../../README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeSection is the text under a ## heading, up to the next one.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	_, rest, ok := strings.Cut(readme(t), "\n## "+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no section ## %s", heading)
	}
	sec, _, _ := strings.Cut(rest, "\n## ")
	return sec
}

// readmeCommand is one `handbook` command of the README: its arguments
// and the comment after it.
type readmeCommand struct {
	line    string
	args    []string
	comment string
}

// readmeCommands are the handbook commands of a section's ```sh blocks.
func readmeCommands(t *testing.T, heading string) []readmeCommand {
	t.Helper()
	var cmds []readmeCommand
	for _, m := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(readmeSection(t, heading), -1) {
		for _, line := range strings.Split(m[1], "\n") {
			words, comment := shellWords(line)
			if len(words) > 3 && strings.Join(words[:3], " ") == "go run ./generator/cmd/handbook" {
				cmds = append(cmds, readmeCommand{line, words[3:], comment})
			}
		}
	}
	if len(cmds) == 0 {
		t.Fatalf("README.md's ## %s shows no handbook command", heading)
	}
	return cmds
}

// shellWords splits a command line as sh does for the README's commands
// (words, "double" and 'single' quotes) and returns the # comment after it.
func shellWords(line string) (words []string, comment string) {
	var w strings.Builder
	inWord := false
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case r == '#' && !inWord:
			return words, strings.TrimSpace(line[i+1:])
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, ""
}

// copyHandbook copies the project's content/ into a new folder and runs
// the test there, as a newcomer's checkout would be.
func copyHandbook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// The set-up section's address is where serve listens unless told.
func TestReadmeServeAddress(t *testing.T) {
	want := "<http://" + serve.DefaultAddr + "/>"
	if !strings.Contains(readmeSection(t, "Set up"), want) {
		t.Errorf("README.md's set-up section does not give serve's address %s", want)
	}
}

// "Computing payouts", every command as written, with the month file the
// README describes: the figure in a command's comment is what it prints
// last, -o writes the CSV (with its byte order mark), -json its rows and
// their total.
func TestReadmePayoutCommands(t *testing.T) {
	dir := copyHandbook(t)
	sec := readmeSection(t, "Computing payouts")
	header := regexp.MustCompile("(?s)```csv\n(.*?)\n").FindStringSubmatch(sec)
	if header == nil {
		t.Fatal("README.md's ## Computing payouts shows no month file header (```csv)")
	}
	month := header[1] + "\nE001,张三,sales,2026-03,88,3000,exceeded\nE002,李四,assistant,2026-03,90,1000,met\n"
	if err := os.WriteFile("month.csv", []byte(month), 0o644); err != nil {
		t.Fatal(err)
	}
	figure := regexp.MustCompile(`^\d+\.\d\d$`)
	for _, c := range readmeCommands(t, "Computing payouts") {
		if c.args[0] != "payout" {
			t.Fatalf("%s: not a payout command", c.line)
		}
		code, stdout, stderr, _ := runCLI(t, time.Minute, c.args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s%s", c.line, code, stdout, stderr)
			continue
		}
		if figure.MatchString(c.comment) {
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if last := lines[len(lines)-1]; last != c.comment {
				t.Errorf("%s: prints %q last, the README says %s", c.line, last, c.comment)
			}
		}
		args := strings.Join(c.args, " ")
		switch {
		case strings.Contains(args, "-o payouts.csv"):
			b, err := os.ReadFile(filepath.Join(dir, "payouts.csv"))
			if err != nil || !bytes.HasPrefix(b, []byte("\uFEFFemployee,")) || !bytes.Contains(b, []byte(",2772.00,")) {
				t.Errorf("%s: payouts.csv is not the month's results with a byte order mark (%v):\n%s", c.line, err, b)
			}
		case strings.Contains(args, "-csv") && strings.Contains(args, "-json"):
			var v struct {
				Rows  []json.RawMessage `json:"rows"`
				Total string            `json:"total"`
			}
			if err := json.Unmarshal([]byte(stdout), &v); err != nil || len(v.Rows) != 2 || v.Total != "3772.00" {
				t.Errorf("%s: want the 2 rows as JSON with their total 3772.00 (%v):\n%s", c.line, err, stdout)
			}
		}
	}
}

// "Publishing a revision", as written, after an edit: publish freezes the
// draft as the revision the README names and lists what it changed, and
// the build that follows writes public/ with it in force.
func TestReadmePublishingARevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handbook twice")
	}
	dir := copyHandbook(t)
	chapter := filepath.Join(dir, "content", "04-training.md")
	b, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(chapter, append(b, "\n新员工培训结束后须通过考核。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, "Publishing a revision")
	if len(cmds) != 2 || cmds[0].args[0] != "publish" || cmds[1].args[0] != "build" {
		t.Fatalf("want the README's publish, then build; got %q", cmds)
	}
	code, stdout, stderr, _ := runCLI(t, 2*time.Minute, cmds[0].args...)
	version := ""
	for i, a := range cmds[0].args {
		if a == "-version" && i+1 < len(cmds[0].args) {
			version = cmds[0].args[i+1]
		}
	}
	if code != 0 || !strings.Contains(stdout, "published revision "+version) || !regexp.MustCompile(`modified [^\n]*\b04-training\.md`).MatchString(stdout) {
		t.Fatalf("%s: exit %d, want revision %s published, listing 04-training.md\n%s%s", cmds[0].line, code, version, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "revisions", version, "manifest.sha256")); err != nil {
		t.Errorf("the README's git add needs content/revisions/%s: %v", version, err)
	}
	code, stdout, stderr, _ = runCLI(t, 2*time.Minute, cmds[1].args...)
	if code != 0 || !strings.Contains(stdout, version) || !strings.Contains(stdout, "→ public/") {
		t.Fatalf("%s: exit %d, want public/ built with %s\n%s%s", cmds[1].line, code, version, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "latest", "training", "index.html"))
	if err != nil || !strings.Contains(string(page), "新员工培训结束后须通过考核") {
		t.Errorf("public/latest/ does not show the published edit (%v)", err)
	}
}

// Every flag the README gives a handbook command, in a command line or
// alone in backquotes, is one the command has: a flag renamed in the code
// and not in the README sent newcomers to "flag provided but not defined".
func TestReadmeFlagsExist(t *testing.T) {
	help := map[string]string{}
	for _, cmd := range []string{"build", "serve", "publish", "payout"} {
		_, stdout, stderr, _ := runCLI(t, time.Minute, cmd, "-h")
		help[cmd] = stdout + stderr
	}
	has := func(cmd, flag string) bool {
		return strings.Contains(help[cmd], "\n  "+flag+" ") || strings.Contains(help[cmd], "\n  "+flag+"\n")
	}
	text := readme(t)
	cmdLine := regexp.MustCompile("handbook (build|serve|publish|payout)((?: +-[a-zA-Z]+(?: +(?:\"[^\"]*\"|[^-\\s`#][^\\s`]*))?)*)")
	seen := 0
	for _, m := range cmdLine.FindAllStringSubmatch(text, -1) {
		for _, f := range regexp.MustCompile(` (-[a-zA-Z]+)`).FindAllStringSubmatch(m[2], -1) {
			seen++
			if !has(m[1], f[1]) {
				t.Errorf("README.md: %q: handbook %s has no flag %s", strings.TrimSpace(m[0]), m[1], f[1])
			}
		}
	}
	for _, m := range regexp.MustCompile("`(-[a-zA-Z]+)`").FindAllStringSubmatch(text, -1) {
		seen++
		found := false
		for cmd := range help {
			found = found || has(cmd, m[1])
		}
		if !found {
			t.Errorf("README.md names a flag %s no handbook command has", m[1])
		}
	}
	if seen < 20 {
		t.Errorf("found only %d flags in README.md: the patterns no longer match its commands", seen)
	}
}

// The performance section's "Reproduce with" commands name scripts and
// packages that exist.
func TestReadmeReproduceCommandsExist(t *testing.T) {
	sec := readmeSection(t, "Performance")
	_, rest, ok := strings.Cut(sec, "Reproduce with")
	if !ok {
		t.Fatal("README.md's ## Performance has no \"Reproduce with\"")
	}
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(rest)
	if block == nil {
		t.Fatal("no ```sh block after \"Reproduce with\"")
	}
	n := 0
	for _, line := range strings.Split(block[1], "\n") {
		words, _ := shellWords(line)
		for _, w := range words {
			if strings.HasPrefix(w, "./") || strings.HasSuffix(w, ".sh") {
				n++
				if _, err := os.Stat(filepath.Join(origWD, "../../..", w)); err != nil {
					t.Errorf("README.md: %q: %v", line, err)
				}
			}
		}
	}
	if n < 8 {
		t.Errorf("found only %d paths in the commands", n)
	}
}

// "Starting a handbook of your own", as a newcomer follows it: the
// README's site.toml in a new folder with a chapter or two written by
// hand, then its publish and build commands. The built site is the new
// handbook's under /hr/, with nothing of the sales handbook (its title,
// calculator or rules), and the section names every setting site.toml
// has.
func TestReadmeStartingAHandbook(t *testing.T) {
	if testing.Short() {
		t.Skip("publishes and builds a handbook")
	}
	sec := readmeSection(t, "Starting a handbook of your own")
	m := regexp.MustCompile("(?s)```toml\n(.*?)```").FindStringSubmatch(sec)
	if m == nil {
		t.Fatal("the section shows no site.toml")
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[content.Site]()) {
		if k := f.Tag.Get("toml"); k != "baseURL" && !strings.Contains(sec, "`"+k+"`") && !strings.Contains(m[1], k+" = ") {
			t.Errorf("the section does not name the setting %s", k)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for name, text := range map[string]string{
		"hr/site.toml":       m[1],
		"hr/01-入职须知.md":      "\ufeff---\r\ntitle:\u3000入职须知\r\n---\r\n\r\n1. 新员工于入职当日到人力资源部报到。\r\n\r\n见[考勤制度](考勤/考勤制度.md)。\r\n",
		"hr/考勤/考勤制度.md":      "# 考勤制度\n\n1. 迟到三十分钟以内的，记迟到一次。\n",
		"content/site.toml":  "title = \"大客户部管理制度\"\n", // the project's own, beside it
		"content/rules.toml": "not read\n",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmds := readmeCommands(t, "Starting a handbook of your own")
	if len(cmds) != 3 || cmds[0].args[0] != "serve" || cmds[1].args[0] != "publish" || cmds[2].args[0] != "build" {
		t.Fatalf("want the README's serve, publish and build; got %q", cmds)
	}
	out := ""
	for _, c := range cmds[1:] {
		code, stdout, stderr, _ := runCLI(t, 2*time.Minute, c.args...)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d\n%s%s", c.line, code, stdout, stderr)
		}
		out = stdout
	}
	_, after, _ := strings.Cut(out, "→ ")
	root := strings.TrimSpace(after)
	page, err := os.ReadFile(filepath.Join(root, "latest", "考勤", "考勤制度", "index.html"))
	if err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if p := string(page); !strings.Contains(p, "<title>考勤制度 · 人力资源部员工手册") || !strings.Contains(p, `href="/hr/latest/`) || strings.Contains(p, `href="/latest/`) {
		t.Errorf("the new handbook's chapter is not titled and linked under /hr/:\n%s", p)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(p, "calculator/") || strings.HasSuffix(p, ".wasm") || strings.HasSuffix(p, ".html") && (bytes.Contains(b, []byte("大客户")) || bytes.Contains(b, []byte("计算器"))) {
			t.Errorf("%s is the sales handbook's", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
