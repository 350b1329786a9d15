package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"handbook/generator/search/searchtest"
)

// The rules' readings printed by the theme (规则一览) keep their figures
// whole as the chapter's notes do: printed as plain text, a phone broke
// them as 90⏎——94 分档, 59.5⏎分 and （0.01⏎元）.
func TestFigureHTMLKeepsFiguresWhole(t *testing.T) {
	got := string(FigureHTML("94.5 分属于 90——94 分档，按 100% 发放；59.5 分不予发放（0.01 元）。2025.1 版 <b>&"))
	want := `<span class="nw">94.5 分</span>属于 <span class="nw">90——94 分</span>档，按 <span class="nw">100%</span> 发放；` +
		`<span class="nw">59.5 分</span>不予发放（<span class="nw">0.01 元</span>）。2025.1 版 &lt;b&gt;&amp;`
	if got != want {
		t.Errorf("FigureHTML:\n got %s\nwant %s", got, want)
	}
}

// goFigures lists text's figures as writeFigures wraps them.
func goFigures(text string) []string {
	out := []string{}
	for _, m := range figure.FindAllStringIndex(text, -1) {
		f := text[m[0]:m[1]]
		if utf8.RuneCountInString(f) < 2 || strings.Trim(f, "0123456789０１２３４５６７８９.,") == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// The page's scripts (theme/ts/figures.ts: the calculator's steps, the
// search's snippets) find the same figures as the build: the handbook's
// chapters and rules, and the shapes a figure takes, read by both.
func TestFiguresTSReadsAsTheBuild(t *testing.T) {
	node := searchtest.Node(t)
	themeTS, err := searchtest.ThemeTS()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"考核得分80分，工资为3000元", "得分 61.25 分，落在 60–89 分档，按得分比例 61.25% 发放：8888.88 × 61.25% = 5444.44 元",
		"95–100 分档", "2640 × 5% = 132", "2640*80℅", "1,500元", "３个月", "１２％", "10~20天", "10～20 天", "60-89分",
		"59.5\u00a0分", "3 至 5 人", "3周", "18岁", "2倍", "5次", "2项", "3名", "5日", "1年", "3月", "2小时", "7 到 9 条", "第2条", "2025.1", "3000", "1.", "a1b", "0.01 元", "90 ——94分", "1\n×\n2",
	}
	for _, pattern := range []string{"../../content/*.md", "../../content/rules.toml", "../../content/revisions/*/*.md"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents: `import { figureRanges } from "./figures.ts";
import { readFileSync } from "node:fs";
const texts = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(texts.map((t) => figureRanges(t).map(([a, b]) => t.slice(a, b)))));`,
			ResolveDir: themeTS,
			Sourcefile: "figures-harness.mjs",
			Loader:     api.LoaderJS,
		},
		Bundle: true, Format: api.FormatESModule, Platform: api.PlatformNode, Target: api.ES2022,
	})
	if len(res.Errors) > 0 {
		t.Fatal(strings.Join(api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
	}
	dir := t.TempDir()
	js, in := filepath.Join(dir, "h.mjs"), filepath.Join(dir, "texts.json")
	b, _ := json.Marshal(texts)
	if err := os.WriteFile(js, res.OutputFiles[0].Contents, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(node, js, in)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var ts [][]string
	if err := json.Unmarshal(out, &ts); err != nil {
		t.Fatal(err)
	}
	if len(ts) != len(texts) {
		t.Fatalf("figures.ts read %d texts of %d", len(ts), len(texts))
	}
	total := 0
	for i, text := range texts {
		want := goFigures(text)
		total += len(want)
		if strings.Join(ts[i], "|") != strings.Join(want, "|") {
			t.Errorf("in %.60q…:\nfigures.ts finds %q\n  the build finds %q", text, ts[i], want)
		}
	}
	if total < 200 {
		t.Errorf("only %d figures compared: the handbook's chapters were not read", total)
	}
}
