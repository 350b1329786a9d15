package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// origWD is the package's folder, where the tests start.
var origWD, _ = os.Getwd()

// payout runs handbook payout by the working copy's rules file alone:
// -source . is this folder, which holds no handbook, so no revision is
// in force (-rules ../../../content/rules.toml would otherwise be read as
// the rules of the handbook in ../../../content, with its revisions).
func payout(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = runPayout(append([]string{"-rules", "../../../content/rules.toml", "-source", "."}, args...), &o, &e)
	return code, o.String(), e.String()
}

func TestPayoutWorkedExamples(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		total string
	}{
		{"销售 88 分 3000 元 超额完成", []string{"-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded"}, "2772.00"},
		{"内勤 88 分 1000 元 超额完成", []string{"-role", "assistant", "-score", "88", "-base", "1000", "-dept", "exceeded"}, "924.00"},
		{"销售 criterion scores in order", []string{"-role", "sales", "-scores", "50,19,19", "-base", "3000", "-dept", "exceeded"}, "2772.00"},
		{"销售 criterion scores by name", []string{"-role", "sales", "-scores", "态度=19,业绩=50,能力=19", "-base", "3000", "-dept", "exceeded"}, "2772.00"},
	} {
		t.Run(tc.name+" prints "+tc.total, func(t *testing.T) {
			code, out, errOut := payout(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if lines[len(lines)-1] != tc.total || !strings.Contains(out, "奖惩办法.5") {
				t.Errorf("output:\n%s", out)
			}
		})
	}
}

func TestPayoutJSON(t *testing.T) {
	code, out, errOut := payout(t, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded", "-json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var v struct {
		TotalFen int64  `json:"total_fen"`
		Total    string `json:"total"`
		Rate     string `json:"rate"`
		Tier     struct{ Label string }
		Steps    []struct{ Text, Clause string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.TotalFen != 277200 || v.Total != "2772.00" || v.Rate != "88%" || v.Tier.Label != "60–89" || len(v.Steps) != 2 || v.Steps[0].Clause != "销售人员奖惩办法.3" {
		t.Errorf("%+v", v)
	}
}

func TestPayoutBadInputExitsOneWithAMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a score above 100", []string{"-role", "sales", "-score", "101", "-base", "3000", "-dept", "met"}, "-score: 考核得分不能高于 100 分"},
		{"a criterion above its max", []string{"-role", "sales", "-scores", "61,19,19", "-base", "3000", "-dept", "met"}, "-scores (业绩考评): 业绩考评得分不能高于 60 分"},
		{"a negative base", []string{"-role", "sales", "-score", "88", "-base", "-1", "-dept", "met"}, "-base: 绩效工资不能为负数"},
		{"a base that is not a number", []string{"-role", "sales", "-score", "88", "-base", "3千", "-dept", "met"}, "-base: 绩效工资应为数字"},
		{"an unknown role", []string{"-role", "boss", "-score", "88", "-base", "3000", "-dept", "met"}, "-role: 没有“boss”这一岗位，请选择岗位（可用 sales 或 销售人员，assistant 或 大客户内勤）"},
		{"an unknown dept", []string{"-role", "sales", "-score", "88", "-base", "3000", "-dept", "over"}, "-dept: 没有“over”这一部门业绩目标完成情况，请选择部门业绩目标完成情况（可用 exceeded 或 超额完成，met 或 完成，missed 或 未完成）"},
		{"a base of 16 digits", []string{"-role", "sales", "-score", "88", "-base", "1000000000000000", "-dept", "met"}, "-base: 绩效工资超出可计算范围"},
		{"a base of 15 digits", []string{"-role", "sales", "-score", "88", "-base", "999999999999999", "-dept", "met"}, "-base: 绩效工资超出可计算范围"},
		{"a base written with an exponent", []string{"-role", "sales", "-score", "88", "-base", "1e3", "-dept", "met"}, "-base: 绩效工资应为数字"},
		{"a large base written with an exponent", []string{"-role", "sales", "-score", "88", "-base", "1e15", "-dept", "met"}, "-base: 绩效工资应为数字"},
		{"a score written with an exponent", []string{"-role", "sales", "-score", "1e2", "-base", "3000", "-dept", "met"}, "-score: 考核得分应为数字"},
		{"a score of 16 digits", []string{"-role", "sales", "-score", "1000000000000000", "-base", "3000", "-dept", "met"}, "-score: 考核得分不能高于 100 分"},
		{"a base in dollars", []string{"-role", "sales", "-score", "88", "-base", "$3000", "-dept", "met"}, "-base: 绩效工资应为数字"},
		{"a score of three decimals", []string{"-role", "sales", "-score", "88.555", "-base", "3000", "-dept", "met"}, "-score: 考核得分最多保留两位小数"},
		{"a criterion of three decimals", []string{"-role", "sales", "-scores", "50,19.555,19", "-base", "3000", "-dept", "met"}, "-scores (能力考核): 能力考核得分最多保留两位小数"},
		{"a score that is not a number", []string{"-role", "sales", "-score", "8&8", "-base", "3000", "-dept", "met"}, "-score: 考核得分应为数字"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			var o, e bytes.Buffer
			if args[0] != "-version" {
				args = append([]string{"-rules", "../../../content/rules.toml"}, args...)
			}
			code := runPayout(args, &o, &e)
			if code != 1 || !strings.Contains(e.String(), tc.want) || o.Len() != 0 {
				t.Errorf("exit %d, stderr:\n%s", code, e.String())
			}
			// One message per problem, in the page's words.
			if n := strings.Count(e.String(), "\n"); n != 1 || strings.Contains(e.String(), " is not ") {
				t.Errorf("want one message in Chinese, got %d lines:\n%s", n, e.String())
			}
		})
	}
}

// Money and scores are read as the page reads them.
func TestPayoutReadsNumbersAsThePageDoes(t *testing.T) {
	for _, tc := range [][2]string{{"88", "3,000"}, {"８８", "３０００"}, {"88分", "3000元"}, {"88", "¥3000"}, {"88.", "3000."}, {"88", "3，000.00"},
		// A no-break space pasted before a figure, and the other Unicode
		// spaces, as a tab or U+3000 are (the page's link trims them).
		{"\u00a088", "\u00a03000"}, {"88\u202f", "3000\u00a0"}, {"\u200988", "\u20053000\u205f"}, {"\u300088", "\t3000"}} {
		code, out, errOut := payout(t, "-role", "sales", "-score", tc[0], "-base", tc[1], "-dept", "exceeded")
		if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "2772.00") {
			t.Errorf("-score %s -base %s: exit %d\n%s%s", tc[0], tc[1], code, out, errOut)
		}
	}
}

// Roles, department results and criterion scores are spelled as in CSV
// files and the page's link: by ID or by the rules file's Chinese name,
// criterion scores in order or as name=value pairs.
func TestPayoutReadsNamesAsCSVAndThePageDo(t *testing.T) {
	for _, args := range [][]string{
		{"-role", "销售人员", "-score", "88", "-base", "3000", "-dept", "超额完成"},
		{"-role", "sales", "-score", "88", "-base", "3000", "-dept", "超额完成"},
		{"-role", "销售人员", "-score", "88", "-base", "3000", "-dept", "exceeded"},
		{"-role", "销售人员", "-scores", "能力=19,业绩=50,态度=19", "-base", "3000", "-dept", "超额完成"},
		// The short names the policy text and its readers use for the roles.
		{"-role", "销售", "-score", "88", "-base", "3000", "-dept", "超额完成"},
	} {
		code, out, errOut := payout(t, args...)
		if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "2772.00") {
			t.Errorf("%q: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

// 内勤, as 第三章 names the role, is 大客户内勤 on the command line.
func TestPayoutReadsTheShortRoleName(t *testing.T) {
	code, out, errOut := payout(t, "-role", "内勤", "-score", "88", "-base", "1000", "-dept", "exceeded")
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "924.00") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// Nothing to deduct reads 计 0.00 元, without a minus sign.
func TestPayoutNoDeductionHasNoMinus(t *testing.T) {
	code, out, errOut := payout(t, "-role", "sales", "-score", "50", "-base", "3000", "-dept", "missed")
	if code != 0 || strings.Contains(out, "−0.00") || !strings.Contains(out, "计 0.00 元") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// handbookCopy makes a content folder holding the published revision
// 2026.1 and, as the working copy's, its rules as published (see
// asPublished), and runs the test in its parent folder.
func handbookCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rev := filepath.Join(dir, "content", "revisions", "2026.1")
	if err := os.CopyFS(rev, os.DirFS("../../../content/revisions/2026.1")); err != nil {
		t.Fatal(err)
	}
	asPublished(t, filepath.Join(dir, "content"))
	t.Chdir(dir)
	return dir
}

// asPublished makes the working copy's rules.toml under content those of
// the revision 2026.1, as they were after it was published: the tests of
// what payout says when the two agree do not depend on the working copy's
// edits (all_tied, not yet published, made them differ).
func asPublished(t *testing.T, content string) {
	t.Helper()
	rules, err := os.ReadFile(filepath.Join(content, "revisions", "2026.1", "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "rules.toml"), rules, 0o644); err != nil {
		t.Fatal(err)
	}
}

// -version takes a published revision's name only, and its rules only as
// its manifest vouches for them (as handbook build checks them).
func TestPayoutVersionIsAPublishedRevision(t *testing.T) {
	dir := handbookCopy(t)
	run := func(version string) (int, string, string) {
		var o, e bytes.Buffer
		code := runPayout([]string{"-version", version, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded"}, &o, &e)
		return code, o.String(), e.String()
	}
	if code, out, errOut := run("2026.1"); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "2772.00") {
		t.Fatalf("-version 2026.1: exit %d\n%s%s", code, out, errOut)
	}
	for _, v := range []string{"..", "../revisions/2026.1", "2026.1/", "./2026.1", "", "1999.9", "."} {
		if v == "" {
			continue
		}
		code, out, errOut := run(v)
		if code != 1 || out != "" || !strings.Contains(errOut, fmt.Sprintf("-version %q is not a published revision (published: 2026.1", v)) {
			t.Errorf("-version %q: exit %d\n%s%s", v, code, out, errOut)
		}
	}
	// An edited rules file of a published revision is refused, as the
	// build refuses it.
	f := filepath.Join(dir, "content", "revisions", "2026.1", "rules.toml")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(b, []byte(`adjust = "+5%"`), []byte(`adjust = "+50%"`), 1), 0o644)
	code, out, errOut := run("2026.1")
	if code != 1 || out != "" || !strings.Contains(errOut, "content/revisions/2026.1/rules.toml: error: this file differs from the manifest of published revision 2026.1") {
		t.Errorf("edited revision: exit %d\n%s%s", code, out, errOut)
	}
}

// Outside the handbook's folder (as this test runs, in the package's own),
// the default rules file is missing: the message says where to run or what
// to pass.
func TestPayoutOutsideTheHandbookSaysWhatToDo(t *testing.T) {
	var o, e bytes.Buffer
	code := runPayout([]string{"-role", "sales", "-score", "88", "-base", "3000", "-dept", "met"}, &o, &e)
	if want := "handbook payout: content/rules.toml does not exist — run in the handbook's folder (the one holding content/), give -source DIR for a handbook kept in another folder, or pass -rules FILE\n"; code != 1 || e.String() != want {
		t.Errorf("exit %d, stderr: %s", code, e.String())
	}
	e.Reset()
	code = runPayout([]string{"-version", "2026.1", "-role", "sales", "-score", "88", "-base", "3000", "-dept", "met"}, &o, &e)
	if want := "handbook payout: content/ does not exist — run in the handbook's folder (the one holding content/), or give -source DIR for a handbook kept in another folder, to use -version\n"; code != 1 || e.String() != want {
		t.Errorf("-version: exit %d, stderr: %s", code, e.String())
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-source", "hr"}, "handbook payout: -source hr: hr/ does not exist — give the folder that holds the handbook (its site.toml and chapters), as build -source takes it, or pass -rules FILE\n"},
		{[]string{"-source", "hr/", "-version", "2026.1"}, "handbook payout: -source hr: hr/ does not exist — give the folder that holds the handbook (its site.toml and chapters), as build -source takes it, to use -version\n"},
		// A handbook without rules.toml has no calculator.
		{[]string{"-source", "testdata"}, "handbook payout: testdata/rules.toml does not exist: the handbook in testdata/ has no payout rules (without a rules.toml it has no calculator) — pass -rules FILE, or give -source the folder of a handbook that has them\n"},
	} {
		e.Reset()
		code = runPayout(append(tc.args, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "met"), &o, &e)
		if code != 1 || o.Len() != 0 || e.String() != tc.want {
			t.Errorf("%q: exit %d, stderr: %s\nwant: %s", tc.args, code, e.String(), tc.want)
		}
	}
}

// A handbook kept in another folder (hr/, as the README's "Starting a
// handbook of your own" has it) is -source's, as build's: its rules.toml
// computes, -version reads its revisions, and a file's months are each
// computed by the revision of hr/ in force in it. Without -source, -version
// said "content/ does not exist", and -rules hr/rules.toml computed every
// month by the working copy's rules in silence: the note now names the
// revisions it was used instead of, as -rules of any file does.
func TestPayoutSourceIsAHandbookInAnotherFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "hr"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// The working copy's top tier pays 110%, not yet published.
	rules, _ := os.ReadFile("hr/rules.toml")
	os.WriteFile("hr/rules.toml", []byte(strings.Replace(string(rules), `payout = "105%"`, `payout = "110%"`, 1)), 0o644)
	os.WriteFile("month.csv", []byte("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2025-11,96,3000,完成\ns1,销售,2025-12,96,3000,完成\ns1,销售,2026-01,96,3000,完成\n"), 0o644)
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := runPayout(args, &o, &e)
		return code, o.String(), e.String()
	}
	one := []string{"-role", "sales", "-score", "96", "-base", "3000", "-dept", "met"}
	if code, out, errOut := run(append(one, "-source", "hr", "-version", "2026.1")...); code != 0 || !strings.HasSuffix(out, "\n规则：2026.1 版（hr/revisions/2026.1/rules.toml）\n\n3150.00\n") || errOut != "" {
		t.Errorf("-source hr -version 2026.1: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(append(one, "-source", "hr")...); code != 0 || !strings.HasSuffix(out, "\n3300.00\n") ||
		!strings.Contains(errOut, "(hr/rules.toml, the working copy, holds edits not yet published): add -version 2026.1") {
		t.Errorf("-source hr: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run("-source", "hr", "-csv", "month.csv")
	if code != 0 || strings.Count(out, "3150.00") != 9 || !strings.HasSuffix(out, "规则：2025.1 版（hr/revisions/2025.1/rules.toml）：2025-11 至 2025-12；2026.1 版（hr/revisions/2026.1/rules.toml）：2026-01\n") || errOut !=
		"handbook payout: note: hr/rules.toml, the working copy, holds edits not yet published: they are not used, each month being computed by the revision in force in it — give -rules hr/rules.toml to compute by the working copy\n" {
		t.Errorf("-source hr -csv: exit %d\n%s%s", code, out, errOut)
	}
	const byFile = "handbook payout: note: the rows are computed by the rules of hr/rules.toml, the working copy (given by -rules), not by the revisions of hr/ in force in their months, whose rules differ: " +
		"2025-11 to 2025-12 under revision 2025.1 (in force from 2025-01-01), 2026-01 under revision 2026.1 (in force from 2026-01-01) — "
	for _, tc := range []struct {
		args []string
		hint string
	}{
		{[]string{"-source", "hr"}, "leave out -rules to compute each month by the revision in force in it, or give -version V to compute every month by one revision's rules\n"},
		// hr/rules.toml is the rules file of the handbook in hr/.
		{nil, "give -source hr instead of -rules to compute each month by the revision in force in it, or -source hr -version V to compute every month by one revision's rules\n"},
	} {
		code, out, errOut := run(append(tc.args, "-rules", "hr/rules.toml", "-csv", "month.csv")...)
		if code != 0 || strings.Count(out, "3300.00") != 9 || !strings.HasSuffix(out, "\n规则：hr/rules.toml\n") || errOut != byFile+tc.hint {
			t.Errorf("%q -rules hr/rules.toml: exit %d\n%s%s\nwant\n%s", tc.args, code, out, errOut, byFile+tc.hint)
		}
	}
	// Another file given as -rules is said by its name.
	os.WriteFile("other.toml", []byte(strings.Replace(string(rules), `payout = "105%"`, `payout = "110%"`, 1)), 0o644)
	if code, _, errOut := run("-source", "hr", "-rules", "other.toml", "-csv", "month.csv"); code != 0 || !strings.HasPrefix(errOut, "handbook payout: note: the rows are computed by the rules of other.toml (given by -rules), not by the revisions of hr/") {
		t.Errorf("-rules other.toml: exit %d\n%s", code, errOut)
	}
}

func TestPayoutUsageExitsTwo(t *testing.T) {
	for _, args := range [][]string{
		{"-role", "sales"},
		{"-bogus"},
		{"-role", "sales", "-score", "88", "-scores", "1,2,3", "-base", "1", "-dept", "met"},
		{"-csv", "x.csv", "-score", "88"},
		{"-o", "out.csv", "-role", "sales", "-score", "88", "-base", "1", "-dept", "met"},
	} {
		if code, _, _ := payout(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// A flag given twice is a usage error naming it, as the page names a key
// given twice in its link: the flag package kept the last value in
// silence, so -score 88 -score 50 paid 50 and -csv a.csv -csv b.csv
// computed b.csv alone.
func TestPayoutFlagGivenTwice(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-role", "sales", "-score", "88", "-score", "50", "-base", "3000", "-dept", "met"}, "-score is given twice (88, then 50)"},
		{[]string{"-role", "sales", "-score=88", "--score", "50", "-base", "3000", "-dept", "met"}, "-score is given twice (88, then 50)"},
		{[]string{"-csv", "a.csv", "-csv", "b.csv"}, "-csv is given twice (a.csv, then b.csv)"},
		{[]string{"-version", "latest", "-version", "2025.1", "-csv", "a.csv"}, "-version is given twice (latest, then 2025.1)"},
		{[]string{"-json", "-csv", "a.csv", "-json=false"}, "-json is given twice (true, then false)"},
		{[]string{"-role", "sales", "-role", "-score", "-base", "3000", "-dept", "met"}, "-role is given twice (sales, then -score)"},
	} {
		var o, e bytes.Buffer
		code := runPayout(tc.args, &o, &e)
		if code != 2 || o.Len() != 0 || !strings.HasPrefix(e.String(), "handbook payout: "+tc.want+": give it once\n") {
			t.Errorf("%q: exit %d\n%s%s", tc.args, code, o.String(), e.String())
		}
	}
	// A flag's value that looks like a flag is its value, not a flag.
	code, out, errOut := payout(t, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "met", "-json")
	if code != 0 || errOut != "" || !strings.Contains(out, `"total":"2640.00"`) {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

func TestPayoutCSV(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "march.csv")
	os.WriteFile(in, []byte("employee,name,role,month,score,base,dept\n"+
		"s1,张三,sales,2025-01,88,3000,exceeded\ns2,李四,sales,2025-01,70,3000,exceeded\n"+
		"s1,张三,sales,2025-02,95,3000,met\ns2,李四,sales,2025-02,60,3000,met\n"+
		"s1,张三,sales,2025-03,91,3000,missed\ns2,李四,sales,2025-03,59,3000,missed\n"+
		"a1,王五,assistant,2025-03,88,1000,exceeded\n"), 0o644)
	code, out, errOut := payout(t, "-csv", in)
	if code != 0 || !strings.Contains(out, "2772.00") || !strings.Contains(out, "924.00") || !strings.Contains(out, "末位淘汰") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	outFile := filepath.Join(dir, "out.csv")
	if code, _, errOut := payout(t, "-csv", in, "-o", outFile); code != 0 {
		t.Fatal(errOut)
	}
	b, _ := os.ReadFile(outFile)
	if !strings.HasPrefix(string(b), "\ufeffemployee,name,role,month,") || !strings.Contains(string(b), "s2,李四,销售人员,2025-03,59,3000.00,未完成,0–59,0%,0.00,0.00,0.00,3,末位淘汰") {
		t.Errorf("csv:\n%s", b)
	}

	// A bad row: line and column, exit 1, and the old output untouched.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("employee,role,month,score,base,dept\ns1,sales,2025-01,88,3000,met\ns2,sales,2025-01,120,3000,met\n"), 0o644)
	code, _, errOut = payout(t, "-csv", bad, "-o", outFile)
	if code != 1 || !strings.Contains(errOut, `bad.csv:3:18: error: score "120" is above 100: a score is from 0 to 100`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	if b2, _ := os.ReadFile(outFile); !bytes.Equal(b, b2) {
		t.Error("a failed run changed the output file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("temp files left: %v", entries)
	}

	// A header without rows is an error, and writes nothing.
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, []byte("employee,role,month,score,base,dept\n"), 0o644)
	code, _, errOut = payout(t, "-csv", empty, "-o", filepath.Join(dir, "empty-out.csv"))
	if _, err := os.Stat(filepath.Join(dir, "empty-out.csv")); code != 1 || !strings.Contains(errOut, "no rows") || err == nil {
		t.Errorf("header only: exit %d (output file: %v)\n%s", code, err, errOut)
	}
}

// -o never overwrites the input, however it is named.
func TestPayoutCSVRefusesToWriteOverItsInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "march.csv")
	src := []byte("employee,role,month,score,base,dept\ns1,sales,2025-01,88,3000,exceeded\n")
	os.WriteFile(in, src, 0o644)
	os.Symlink(in, filepath.Join(dir, "link.csv"))
	t.Chdir(dir)
	for _, out := range []string{in, "march.csv", "./march.csv", "../" + filepath.Base(dir) + "/march.csv", filepath.Join(dir, "link.csv")} {
		var o, e bytes.Buffer
		code := runPayout([]string{"-rules", filepath.Join(origWD, "../../../content/rules.toml"), "-csv", in, "-o", out}, &o, &e)
		if code != 1 || !strings.Contains(e.String(), "is the input file") {
			t.Errorf("-o %s: exit %d\n%s", out, code, e.String())
		}
		if b, _ := os.ReadFile(in); !bytes.Equal(b, src) {
			t.Fatalf("-o %s overwrote the input:\n%s", out, b)
		}
	}
}

// -o writes a file the payroll's colleagues can open, as a file the
// command created itself would be (0644), and keeps the mode of a file it
// replaces; it was left 0600, the temporary file's mode.
func TestPayoutCSVOutputKeepsAFilesMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "march.csv")
	os.WriteFile(in, []byte("employee,role,month,score,base,dept\ns1,sales,2026-03,88,3000,exceeded\n"), 0o644)
	for _, tc := range []struct {
		name     string
		existing os.FileMode // 0: no file yet
		want     os.FileMode
	}{
		{"a new file", 0, 0o644},
		{"a file shared with the group", 0o640, 0o640},
		{"a file for everyone", 0o664, 0o664},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+fmt.Sprint(tc.existing)+".csv")
			if tc.existing != 0 {
				os.WriteFile(out, []byte("old"), tc.existing)
				os.Chmod(out, tc.existing)
			}
			if code, _, errOut := payout(t, "-csv", in, "-o", out); code != 0 {
				t.Fatal(errOut)
			}
			fi, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tc.want {
				t.Errorf("mode %v, want %v", fi.Mode().Perm(), tc.want)
			}
		})
	}
}

// -csv with -json gives the department's month as JSON — each row with
// its line, employee, month, 末位淘汰 mark and the engine's result, then
// the total — on stdout, or in the -o file; a bad row writes nothing.
// (-json was refused beside -csv.)
func TestPayoutCSVAsJSON(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "month.csv")
	os.WriteFile(in, []byte("\ufeff工号,姓名,岗位,月份,得分,绩效工资,部门业绩\r\n"+
		"s1,张三,销售人员,2025年12月,50,3000,完成\r\ns2,李四,销售人员,2025年12月,70,3000,完成\r\n"+
		"s1,张三,销售人员,2026/1/1,60,3000,完成\r\ns2,李四,销售人员,2026/1/1,61,3000,完成\r\n"+
		"s1,张三,销售人员,2026-02,59.9,\"3,000.55\",未完成\r\ns2,李四,销售人员,2026-02,89.5,3000.55,超额完成\r\n"+
		"a1,王五,大客户内勤,2026-02,88,1000,超额完成\r\n"), 0o644)
	type month struct {
		Rows []struct {
			Line        int    `json:"line"`
			Employee    string `json:"employee"`
			Name        string `json:"name"`
			Month       string `json:"month"`
			LastPlace   bool   `json:"last_place"`
			Run         int    `json:"last_place_months"`
			Elimination bool   `json:"elimination"`
			Result      struct {
				TotalFen int64  `json:"total_fen"`
				Total    string `json:"total"`
				Role     string `json:"role"`
			} `json:"result"`
		} `json:"rows"`
		TotalFen int64  `json:"total_fen"`
		Total    string `json:"total"`
	}
	check := func(what string, b []byte) {
		t.Helper()
		var m month
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v\n%s", what, err, b)
		}
		// 89.5 % of 3000.55 = 2685.49225 → 2685.49, 5 % of that 134.2745 → 134.27.
		if len(m.Rows) != 7 || m.Rows[5].Result.Total != "2819.76" || m.Rows[5].Line != 7 || m.Rows[5].Month != "2026-02" ||
			m.Rows[6].Result.Total != "924.00" || m.Rows[6].Result.Role != "assistant" || m.Rows[0].Name != "张三" {
			t.Errorf("%s: rows %+v", what, m.Rows)
		}
		if r := m.Rows[4]; r.Employee != "s1" || !r.LastPlace || r.Run != 3 || !r.Elimination {
			t.Errorf("%s: s1, last three months running across the year, is not flagged: %+v", what, r)
		}
		var sum int64
		for _, r := range m.Rows {
			sum += r.Result.TotalFen
		}
		if m.TotalFen != sum || m.Total != "9473.76" {
			t.Errorf("%s: total %d %q, rows sum to %d", what, m.TotalFen, m.Total, sum)
		}
	}
	code, out, errOut := payout(t, "-csv", in, "-json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	check("stdout", []byte(out))
	outFile := filepath.Join(dir, "out.json")
	if code, out, errOut := payout(t, "-csv", in, "-json", "-o", outFile); code != 0 || out != "" {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	b, _ := os.ReadFile(outFile)
	check("-o", b)

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("employee,role,month,score,base,dept\ns1,sales,2025-01,88,3000,met\ns2,sales,2025-01,120,3000,met\n"), 0o644)
	if code, out, _ := payout(t, "-csv", bad, "-json"); code != 1 || out != "" {
		t.Errorf("a bad row: exit %d, printed %q", code, out)
	}
}

// An -o that is a folder, or in a folder that does not exist, is named
// before anything is computed, with what to give instead; the messages
// named a temporary file and a rename.
func TestPayoutCSVOutputInAFolderThatIsNot(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "march.csv")
	os.WriteFile(in, []byte("employee,role,month,score,base,dept\ns1,sales,2026-03,88,3000,exceeded\n"), 0o644)
	for _, tc := range []struct{ out, want string }{
		{dir, "-o " + dir + " is a folder: give a file name, such as " + filepath.Join(dir, "payouts.csv")},
		{dir + "/", "is a folder: give a file name"},
		{filepath.Join(dir, "nodir", "out.csv"), "the folder " + filepath.Join(dir, "nodir") + " does not exist: create it"},
		{filepath.Join(in, "out.csv"), "the folder " + in + " is a file, not a folder"},
	} {
		code, out, errOut := payout(t, "-csv", in, "-o", tc.out)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, "rename") {
			t.Errorf("-o %s: exit %d, want %q, got\n%s", tc.out, code, tc.want, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// A month left out of the file, between two that are in it, is said on
// stderr: 末位淘汰 runs restart after it. The results are still written.
func TestPayoutCSVNamesAMonthLeftOut(t *testing.T) {
	in := filepath.Join(t.TempDir(), "q1.csv")
	os.WriteFile(in, []byte("工号,岗位,月份,得分,绩效工资,部门业绩\n"+
		"s1,销售人员,2026年1月,50,3000,完成\ns2,销售人员,2026年1月,70,3000,完成\n"+
		"s1,销售人员,2026年3月,50,3000,完成\ns2,销售人员,2026年3月,70,3000,完成\n"), 0o644)
	code, out, errOut := payout(t, "-csv", in)
	if code != 0 || !strings.Contains(out, "合计应发") || !strings.Contains(errOut, "note: no 销售人员 rows for 2026-02 (between 2026-01 and 2026-03)") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// Run in the handbook's folder without -rules, payout computes one payout
// by the working copy's rules.toml, which may hold edits not yet
// published: it then says which revision's rules are in force today and
// how to compute by them. A file's months are computed by the revisions in
// force in them, and the note says the working copy's edits are not used
// and how to use them. With rules as published, or -version of the
// revision in force, it says nothing.
func TestPayoutSaysWhenTheRulesAreNotThoseInForce(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	asPublished(t, filepath.Join(dir, "content"))
	t.Chdir(dir)
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := runPayout(args, &o, &e)
		return code, o.String(), e.String()
	}
	one := []string{"-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded"}
	os.WriteFile("month.csv", []byte("工号,岗位,月份,得分,绩效工资,部门业绩\n"+
		"s1,销售人员,2025-12,88,3000,超额完成\ns1,销售人员,2026-01,88,3000,超额完成\ns1,销售人员,2026-02,88,3000,超额完成\n"), 0o644)
	for _, args := range [][]string{one, append(one, "-version", "2026.1"), {"-csv", "month.csv"}} {
		if code, out, errOut := run(args...); code != 0 || strings.Contains(errOut, "rules") || out == "" {
			t.Errorf("%q, rules as published: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
	// -version names the months under another revision, though its rules
	// are the same: the table says 2026.1's rules computed them.
	if code, out, errOut := run("-csv", "month.csv", "-version", "2026.1"); code != 0 || strings.Count(out, "2772.00") != 6 || errOut !=
		"handbook payout: note: the rows of 2025-12 fall under revision 2025.1 (in force from 2025-01-01), not 2026.1: its rules are the same as 2026.1's, so their figures are 2025.1's too\n" {
		t.Errorf("-version 2026.1, a file: exit %d\n%s\n%s", code, out, errOut)
	}

	rules, _ := os.ReadFile("content/rules.toml")
	os.WriteFile("content/rules.toml", []byte(strings.Replace(string(rules), `adjust = "+5%"`, `adjust = "+6%"`, 1)), 0o644)
	code, out, errOut := run(one...)
	if code != 0 || !strings.HasSuffix(out, "\n2798.40\n") || !strings.Contains(errOut,
		"note: the rules used differ from those of revision 2026.1, in force since 2026-01-01 (content/rules.toml, the working copy, holds edits not yet published): add -version 2026.1") {
		t.Errorf("edited rules: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(append(one, "-version", "2026.1")...); code != 0 || !strings.HasSuffix(out, "\n2772.00\n") || errOut != "" {
		t.Errorf("-version 2026.1: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run("-csv", "month.csv")
	if code != 0 || strings.Count(out, "2772.00") != 6 || strings.Contains(out, "2798.40") || errOut !=
		"handbook payout: note: content/rules.toml, the working copy, holds edits not yet published: they are not used, each month being computed by the revision in force in it — give -rules content/rules.toml to compute by the working copy\n" {
		t.Errorf("edited rules, a file: exit %d\n%s\n%s", code, out, errOut)
	}
	// Given as -rules, the working copy computes every month, and the note
	// names the revisions it was used instead of: it said nothing.
	if code, out, errOut = run("-csv", "month.csv", "-rules", "content/rules.toml"); code != 0 || strings.Count(out, "2798.40") != 6 || errOut !=
		"handbook payout: note: the rows are computed by the rules of content/rules.toml, the working copy (given by -rules), not by the revisions of content/ in force in their months, whose rules differ: "+
			"2025-12 under revision 2025.1 (in force from 2025-01-01), 2026-01 to 2026-02 under revision 2026.1 (in force from 2026-01-01) — leave out -rules to compute each month by the revision in force in it, or give -version V to compute every month by one revision's rules\n" {
		t.Errorf("edited rules given as -rules, a file: exit %d\n%s\n%s", code, out, errOut)
	}
	// Published rules given as -rules are no revision's edits: nothing to say.
	os.WriteFile("content/rules.toml", rules, 0o644)
	if code, out, errOut = run("-csv", "month.csv", "-rules", "content/rules.toml"); code != 0 || strings.Count(out, "2772.00") != 6 || errOut != "" {
		t.Errorf("published rules given as -rules, a file: exit %d\n%s\n%s", code, out, errOut)
	}
}

// A month file that is not there says which -csv was given and what to
// check; it said only "open month.csv: no such file or directory".
func TestPayoutCSVThatIsNotThere(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "三月.csv")
	code, out, errOut := payout(t, "-csv", missing)
	want := "handbook payout: -csv " + missing + ": no such file or directory — check the name and folder given to -csv"
	if code != 1 || out != "" || !strings.Contains(errOut, want) {
		t.Errorf("exit %d\n%s%s\nwant: %s", code, out, errOut, want)
	}
}

// Once a revision whose rules changed a tier is published, a file's
// months under the revision before are computed by that revision's rules,
// and those from the new one's effective date by the new rules; the note
// says which computed which. (The working copy's rules, the new
// revision's, computed them all, with a note.) -version computes every
// month by one revision, and the note names the months under another.
// publishTopTier110 publishes, in a copy of the handbook made the working
// folder, 2026.2 effective on effective (as of today): 销售人员's top tier
// pays 110% in rules.toml and in chapter 6.
func publishTopTier110(t *testing.T, effective, today string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	rules, _ := os.ReadFile("content/rules.toml")
	os.WriteFile("content/rules.toml", []byte(strings.Replace(string(rules), `payout = "105%"`, `payout = "110%"`, 1)), 0o644)
	text, _ := os.ReadFile("content/06-performance.md")
	os.WriteFile("content/06-performance.md", []byte(strings.Replace(string(text), "当月绩效工资按105%发放", "当月绩效工资按110%发放", 1)), 0o644)
	var o, e bytes.Buffer
	if code := runPublish([]string{"-version", "2026.2", "-effective", effective, "-note", "销售人员 95 分以上按 110% 发放", "-today", today}, &o, &e); code != 0 {
		t.Fatalf("publish: exit %d\n%s%s", code, o.String(), e.String())
	}
}

func TestPayoutAfterARevisionChangedATier(t *testing.T) {
	publishTopTier110(t, "2026-07-01", "2026-11-27")
	os.WriteFile("month.csv", []byte("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2026-06,96,3000,完成\ns1,销售,2026-07,96,3000,完成\n"), 0o644)
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := runPayout(args, &o, &e)
		return code, o.String(), e.String()
	}
	// Each row's pay and total, and its month's total.
	code, out, errOut := run("-csv", "month.csv")
	if code != 0 || strings.Count(out, "3150.00") != 3 || strings.Count(out, "3300.00") != 3 || strings.Contains(errOut, "not yet published") ||
		!strings.Contains(errOut, "note: each month is computed by the rules of the revision in force in it: 2026-06 by revision 2026.1, 2026-07 by revision 2026.2 — give -version V") {
		t.Errorf("working copy: exit %d\n%s\n%s", code, out, errOut)
	}
	for v, want := range map[string]string{"2025.1": "3150.00", "2026.1": "3150.00", "2026.2": "3300.00"} {
		if code, out, errOut := run("-version", v, "-role", "销售", "-score", "96", "-base", "3000", "-dept", "met"); code != 0 || !strings.HasSuffix(out, "\n"+want+"\n") {
			t.Errorf("-version %s: exit %d\n%s\n%s", v, code, out, errOut)
		}
	}
	code, out, errOut = run("-version", "2026.1", "-csv", "month.csv")
	if code != 0 || strings.Count(out, "3150.00") != 6 || !strings.Contains(errOut, "the rows of 2026-07 fall under revision 2026.2 (in force from 2026-07-01), whose rules differ from the ones used (these are the rules of revision 2026.1): compute them with -version 2026.2") {
		t.Errorf("-version 2026.1: exit %d\n%s\n%s", code, out, errOut)
	}
}

// A month file spanning a revision that changed a tier is computed month
// by month by the revision in force in each, as the note naming it says:
// 96 points pay 105% (2026.1) in January and February and 110% (2026.2)
// from March. Every month was computed by the working copy's rules, 110%.
// The 末位淘汰 ranking still runs across the whole file, and the output
// says which revision computed which months; -version computes every
// month by one revision, as before, with its note.
func TestPayoutCSVEachMonthByTheRevisionInForce(t *testing.T) {
	publishTopTier110(t, "2026-03-01", "2026-11-27")
	os.WriteFile("span.csv", []byte("employee,role,month,score,base,dept\n"+
		"E1,sales,2026-01,96,1000,met\nE2,sales,2026-01,80,1000,met\n"+
		"E1,sales,2026-02,96,1000,met\nE2,sales,2026-02,80,1000,met\n"+
		"E1,sales,2026-03,96,1000,met\nE2,sales,2026-03,80,1000,met\n"), 0o644)
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := runPayout(args, &o, &e)
		return code, o.String(), e.String()
	}
	source := "2026.1 版（content/revisions/2026.1/rules.toml）：2026-01 至 2026-02；2026.2 版（content/revisions/2026.2/rules.toml）：2026-03"
	note := "handbook payout: note: each month is computed by the rules of the revision in force in it: 2026-01 to 2026-02 by revision 2026.1, 2026-03 by revision 2026.2 — give -version V to compute every month by one revision's rules\n"
	code, out, errOut := run("-csv", "span.csv")
	if code != 0 || !strings.Contains(out, "2026-01 合计应发 1850.00 元") || !strings.Contains(out, "2026-02 合计应发 1850.00 元") ||
		!strings.Contains(out, "2026-03 合计应发 1900.00 元") || !strings.Contains(out, "末位淘汰") || !strings.HasSuffix(out, "\n规则："+source+"\n") || errOut != note {
		t.Errorf("the file: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run("-csv", "span.csv", "-json")
	var v struct {
		Rows []struct {
			Month       string `json:"month"`
			Elimination bool   `json:"elimination"`
			Result      struct{ Total string }
		}
	}
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || len(v.Rows) != 6 || v.Rows[0].Result.Total != "1050.00" ||
		v.Rows[2].Result.Total != "1050.00" || v.Rows[4].Result.Total != "1100.00" || !v.Rows[5].Elimination || errOut != note {
		t.Errorf("-json: exit %d (%v)\n%s%s", code, err, out, errOut)
	}
	code, _, errOut = run("-csv", "span.csv", "-o", "out.csv")
	b, _ := os.ReadFile("out.csv")
	if code != 0 || !strings.Contains(string(b), "\nE1,销售人员,2026-02,96,1000.00,完成,95–100,105%,1050.00,0.00,1050.00,,\n") ||
		!strings.Contains(string(b), "\nE1,销售人员,2026-03,96,1000.00,完成,95–100,110%,1100.00,0.00,1100.00,,\n") ||
		!strings.HasSuffix(errOut, "handbook payout: 6 rows written to out.csv (规则："+source+")\n") {
		t.Errorf("-o: exit %d\n%s%s", code, b, errOut)
	}
	code, out, errOut = run("-csv", "span.csv", "-version", "2026.1")
	if code != 0 || strings.Count(out, "1050.00") != 6 || strings.Contains(out, "1100.00") || !strings.HasSuffix(out, "\n规则：2026.1 版（content/revisions/2026.1/rules.toml）\n") ||
		!strings.Contains(errOut, "the rows of 2026-03 fall under revision 2026.2 (in force from 2026-03-01), whose rules differ from the ones used (these are the rules of revision 2026.1): compute them with -version 2026.2") {
		t.Errorf("-version 2026.1: exit %d\n%s%s", code, out, errOut)
	}
}

// An -o file named for what it will not hold is refused before anything
// is computed, with the name to give: payouts.xlsx got CSV, which Excel
// then refused to open, and -json into payouts.csv gave a spreadsheet one
// column of JSON. A workbook given to -csv is named as one, with how to
// save it as CSV.
func TestPayoutOutputNamedForAnotherFormat(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "march.csv")
	os.WriteFile(in, []byte("employee,role,month,score,base,dept\ns1,sales,2026-03,88,3000,exceeded\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "payouts.xlsx")}, "payout writes CSV, not a .xlsx workbook, and Excel refuses to open CSV under that name: name it payouts.csv"},
		{[]string{"-o", filepath.Join(dir, "三月.XLS")}, "name it 三月.csv"},
		{[]string{"-json", "-o", filepath.Join(dir, "payouts.csv")}, "-json writes JSON, which a spreadsheet shows as one column of text: name it payouts.json, or leave out -json"},
		{[]string{"-o", filepath.Join(dir, "payouts.json")}, "without -json the results are written as CSV: add -json, or name it payouts.csv"},
	} {
		code, out, errOut := payout(t, append([]string{"-csv", in}, tc.args...)...)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, want %q, got\n%s", tc.args, code, tc.want, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	for _, ok := range [][]string{{"-o", filepath.Join(dir, "payouts.csv")}, {"-json", "-o", filepath.Join(dir, "payouts.json")}, {"-o", filepath.Join(dir, "payouts.txt")}} {
		if code, _, errOut := payout(t, append([]string{"-csv", in}, ok...)...); code != 0 {
			t.Errorf("%q: exit %d\n%s", ok, code, errOut)
		}
	}
	book := filepath.Join(dir, "三月.xlsx")
	os.WriteFile(book, []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa4\xe7"), 0o644)
	code, _, errOut := payout(t, "-csv", book)
	if code != 1 || !strings.Contains(errOut, book+":1:1: error: the file is an Excel workbook (.xlsx)") || !strings.Contains(errOut, "另存为") {
		t.Errorf("a workbook as -csv: exit %d\n%s", code, errOut)
	}
}

// -version is read as readers spell a revision: latest (the revision in
// force, as /latest/ shows it), 2026.01 and v2026.1 (as /v/2026.1/ reads)
// are 2026.1. They were "not a published revision".
func TestPayoutVersionAsReadersSpellIt(t *testing.T) {
	handbookCopy(t)
	for _, v := range []string{"latest", "LATEST", "2026.01", "v2026.1", " 2026.1 "} {
		var o, e bytes.Buffer
		code := runPayout([]string{"-version", v, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded"}, &o, &e)
		if code != 0 || !strings.HasSuffix(o.String(), "\n2772.00\n") || e.String() != "" {
			t.Errorf("-version %q: exit %d\n%s%s", v, code, o.String(), e.String())
		}
	}
}

// A payout says whose rules it was computed by, as the clauses it cites
// are that revision's: a revision's, the working copy's (the same as a
// revision's, or edited since), or the file given.
func TestPayoutSaysWhoseRules(t *testing.T) {
	dir := handbookCopy(t)
	run := func(args ...string) string {
		t.Helper()
		var o, e bytes.Buffer
		if code := runPayout(append(args, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "exceeded"), &o, &e); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, o.String(), e.String())
		}
		return o.String()
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "\n规则：content/rules.toml（工作稿，与 2026.1 版相同）\n\n2772.00\n"},
		{[]string{"-version", "latest"}, "\n规则：2026.1 版（content/revisions/2026.1/rules.toml）\n\n2772.00\n"},
		{[]string{"-rules", "content/rules.toml"}, "\n规则：content/rules.toml\n\n2772.00\n"},
	} {
		if out := run(c.args...); !strings.HasSuffix(out, c.want) {
			t.Errorf("%v: the output ends\n%s\nwant\n%s", c.args, out[max(0, len(out)-200):], c.want)
		}
	}
	rules := filepath.Join(dir, "content", "rules.toml")
	b, err := os.ReadFile(rules)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rules, bytes.Replace(b, []byte(`payout = "105%"`), []byte(`payout = "106%"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(); !strings.Contains(out, "\n规则：content/rules.toml（工作稿，含尚未发布的修改）\n") {
		t.Errorf("edited working copy: %s", out)
	}
}

// An admin's quarter across a year end, computed by hand from chapter 6
// and the rules' readings: 89.5 pays 89.5%, 94.5 pays 100%, 59.99 pays
// nothing, 899.90 × 5% = 44.995 rounds to 45.00, a base of 0.01 at 60 pays
// 0.01 (its −5% is 0.0005, 0.00); 张伟 s1 last in three months running
// across the year end is flagged, 张伟 s2 (a namesake, tied last) is not,
// having no December row, which is named, as is the name given to two
// IDs (namesakes, or an ID typed wrong); each month is totalled apart;
// the table ends with the rounding rule and whose rules computed it.
func TestPayoutCSVAcrossAYearEnd(t *testing.T) {
	in := filepath.Join(t.TempDir(), "quarter.csv")
	if err := os.WriteFile(in, []byte(`工号,姓名,岗位,月份,得分,绩效工资,部门业绩
s1,张伟,销售,2025年11月,55,3000,完成
s2,张伟,销售,2025年11月,55,2000,完成
s3,李娜,销售,2025年11月,89.5,3000,完成
s4,王强,销售,2025年11月,94.5,3000,完成
a1,赵敏,内勤,2025年11月,95,1000,完成
s1,张伟,销售,2025年12月,55,3000,超额完成
s3,李娜,销售,2025年12月,60,3000,超额完成
s4,王强,销售,2025年12月,59.99,3000,超额完成
a1,赵敏,内勤,2025年12月,89.99,1000,超额完成
s1,张伟,销售,2026年1月,55,3000,未完成
s2,张伟,销售,2026年1月,55,2000,未完成
s3,李娜,销售,2026年1月,90,3000,未完成
s4,王强,销售,2026年1月,100,"99,999.99",未完成
a1,赵敏,内勤,2026年1月,60,0.01,未完成
`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := payout(t, "-csv", in)
	wantOut := `工号  姓名  岗位        月份      得分      基数  分档      比例   绩效工资  部门业绩      奖惩      应发  连续倒数第一  末位淘汰
s1    张伟  销售人员    2025-11     55   3000.00  0–59        0%       0.00  完成          0.00      0.00             1
s2    张伟  销售人员    2025-11     55   2000.00  0–59        0%       0.00  完成          0.00      0.00             1
s3    李娜  销售人员    2025-11   89.5   3000.00  60–89    89.5%    2685.00  完成          0.00   2685.00
s4    王强  销售人员    2025-11   94.5   3000.00  90–94     100%    3000.00  完成          0.00   3000.00
a1    赵敏  大客户内勤  2025-11     95   1000.00  95–100    105%    1050.00  完成          0.00   1050.00
s1    张伟  销售人员    2025-12     55   3000.00  0–59        0%       0.00  超额完成      0.00      0.00             2
s3    李娜  销售人员    2025-12     60   3000.00  60–89      60%    1800.00  超额完成     90.00   1890.00
s4    王强  销售人员    2025-12  59.99   3000.00  0–59        0%       0.00  超额完成      0.00      0.00
a1    赵敏  大客户内勤  2025-12  89.99   1000.00  60–89   89.99%     899.90  超额完成     45.00    944.90
s1    张伟  销售人员    2026-01     55   3000.00  0–59        0%       0.00  未完成        0.00      0.00             3  末位淘汰
s2    张伟  销售人员    2026-01     55   2000.00  0–59        0%       0.00  未完成        0.00      0.00             1
s3    李娜  销售人员    2026-01     90   3000.00  90–94     100%    3000.00  未完成     -150.00   2850.00
s4    王强  销售人员    2026-01    100  99999.99  95–100    105%  104999.99  未完成    -5250.00  99749.99
a1    赵敏  大客户内勤  2026-01     60      0.01  60–89      60%       0.01  未完成        0.00      0.01
2025-11 合计应发 6735.00 元（5 行）
2025-12 合计应发 2834.90 元（4 行）
2026-01 合计应发 102600.00 元（5 行）
各月合计应发 112169.90 元（14 行，3 个月）
舍入：每一步金额（按档发放的绩效工资、额外奖金或扣除）各自四舍五入保留到分（0.01 元），应发合计为各步金额之和。
规则：../../../content/rules.toml
`
	wantErr := `handbook payout: note: s2（张伟）没有 2025-12 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断 — 如是漏填，请补上；如其当时尚未入职或已离职，可不必理会
handbook payout: note: the name 张伟 is given to 2 IDs, s1 (line 2) and s2 (line 3): if they are namesakes, nothing is wrong; if one person, an ID is typed wrong, which splits their 末位淘汰 run — give each row of theirs one ID
`
	if code != 0 || out != wantOut || errOut != wantErr {
		t.Errorf("exit %d\n%s%s\nwant\n%s%s", code, out, errOut, wantOut, wantErr)
	}
}

// A department's table, and the file -o writes, say whose rules computed
// them, as one payout's result does: the revision's in force in its
// months, or the one -version names. A month's payroll said nothing of
// which revision's rules it followed.
func TestPayoutCSVSaysWhoseRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	os.WriteFile("month.csv", []byte("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2026-03,88,3000,超额完成\n"), 0o644)
	var o, e bytes.Buffer
	if code := runPayout([]string{"-csv", "month.csv"}, &o, &e); code != 0 ||
		!strings.HasSuffix(o.String(), "\n合计应发 2772.00 元（1 行）\n舍入：每一步金额（按档发放的绩效工资、额外奖金或扣除）各自四舍五入保留到分（0.01 元），应发合计为各步金额之和。\n规则：2026.1 版（content/revisions/2026.1/rules.toml）\n") {
		t.Errorf("table: exit %d\n%s%s", code, o.String(), e.String())
	}
	o.Reset()
	e.Reset()
	if code := runPayout([]string{"-version", "2026.1", "-csv", "month.csv", "-o", "out.csv"}, &o, &e); code != 0 ||
		!strings.Contains(e.String(), "handbook payout: 1 rows written to out.csv (规则：2026.1 版（content/revisions/2026.1/rules.toml）)\n") {
		t.Errorf("-o: exit %d\n%s%s", code, o.String(), e.String())
	}
}

// A revision whose rules differ coming into force in the middle of a month
// (15 July) splits that month between two sets of rules, and nothing says
// which one a month's pay follows: the note says so and names both. It
// said only that July's rows fall under the revision before, as if the
// new one came into force with August.
func TestPayoutMonthSplitBetweenRevisions(t *testing.T) {
	publishTopTier110(t, "2026-07-15", "2026-06-01")
	var o, e bytes.Buffer
	os.WriteFile("month.csv", []byte("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2026-06,96,3000,完成\ns1,销售,2026-07,96,3000,完成\ns1,销售,2026-08,96,3000,完成\n"), 0o644)
	o.Reset()
	e.Reset()
	code := runPayout([]string{"-version", "2026.2", "-csv", "month.csv"}, &o, &e)
	want := "revision 2026.2 comes into force on 2026-07-15, within 2026-07, and its rules differ from those of 2026.1: the rules files do not say which of the two a month's pay follows " +
		"(this note reads a month by its first day, 2026.1) — ask HR which applies, and compute 2026-07 with that -version"
	if code != 0 || !strings.Contains(e.String(), want) || strings.Contains(e.String(), "within 2026-06") || strings.Contains(e.String(), "within 2026-08") {
		t.Errorf("exit %d\n%s%s\nwant a note: %s", code, o.String(), e.String(), want)
	}
}

// -o naming another month's input (-csv 二月.csv -o 三月.csv, 三月.csv
// typed by hand) is refused and the file kept: it was replaced by
// February's results. A file of results, or any other, is replaced.
func TestPayoutKeepsAMonthsInputNamedByO(t *testing.T) {
	dir := t.TempDir()
	feb, mar := filepath.Join(dir, "二月.csv"), filepath.Join(dir, "三月.csv")
	os.WriteFile(feb, []byte("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2026-02,88,3000,超额完成\n"), 0o644)
	march := []byte("\ufeff大客户部2026年3月绩效考核表,,,,,\n工号,岗位,月份,得分,绩效工资（元）,部门业绩\ns1,销售,2026-03,90,3000,完成\n")
	os.WriteFile(mar, march, 0o644)
	code, out, errOut := payout(t, "-csv", feb, "-o", mar)
	want := "handbook payout: -o " + mar + " holds a month's input (its header names input columns and no result column): writing the results there would replace it; give another -o file, such as " +
		filepath.Join(dir, "payouts.csv") + "\n"
	if got, _ := os.ReadFile(mar); code != 1 || out != "" || errOut != want || !bytes.Equal(got, march) {
		t.Errorf("exit %d\n%s%s\nwant: %s\n三月.csv now:\n%s", code, out, errOut, want, got)
	}
	// Results are replaced by results.
	res := filepath.Join(dir, "payouts.csv")
	for range 2 {
		if code, out, errOut := payout(t, "-csv", feb, "-o", res); code != 0 {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
	}
	if got, _ := os.ReadFile(res); !strings.Contains(string(got), "s1,销售人员,2026-02,88,3000.00,超额完成,60–89,88%,2640.00,132.00,2772.00,,") {
		t.Errorf("payouts.csv:\n%s", got)
	}
}

// A score between the ranges the text writes is told why it is in its
// tier, under the tier's step, in the page's words, and in -json as
// readings: "考核得分 59.9 分，落在 0–59 分档" alone read as a mistake.
func TestPayoutExplainsAScoreBetweenTheWrittenRanges(t *testing.T) {
	for _, tc := range []struct{ score, clause, range_ string }{
		{"59.9", "销售人员奖惩办法.4", "59.9 分在 0–59 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（0 分以上、不满 60 分），故属于此档。"},
		{"89.5", "销售人员奖惩办法.3", "89.5 分在 60–89 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（60 分以上、不满 90 分），故属于此档。"},
		{"94.5", "销售人员奖惩办法.2", "94.5 分在 90–94 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（90 分以上、不满 95 分），故属于此档。"},
	} {
		code, out, errOut := payout(t, "-role", "sales", "-score", tc.score, "-base", "3000", "-dept", "met")
		if want := "     〔" + tc.clause + "〕\n     注：" + tc.range_ + "\n  2. "; code != 0 || !strings.Contains(out, want) {
			t.Errorf("-score %s: exit %d, want the step followed by\n%s\n%s%s", tc.score, code, want, out, errOut)
		}
		code, out, errOut = payout(t, "-role", "sales", "-score", tc.score, "-base", "3000", "-dept", "met", "-json")
		var v struct {
			Readings []struct {
				Text, Clause string
				Step         int
			} `json:"readings"`
		}
		if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || len(v.Readings) != 1 || v.Readings[0].Text != tc.range_ || v.Readings[0].Clause != tc.clause || v.Readings[0].Step != 0 {
			t.Errorf("-score %s -json: exit %d, readings %+v (%v)\n%s%s", tc.score, code, v.Readings, err, out, errOut)
		}
	}
	if _, out, _ := payout(t, "-role", "sales", "-score", "88", "-base", "3000", "-dept", "met"); strings.Contains(out, "注：") {
		t.Errorf("88, inside 60–89, has a note:\n%s", out)
	}
}

// S1, S2 and S3 all at 98 for three months: by the working copy's rules
// nobody is last in a month everyone ties (the ranking has no bottom), and
// a note names each such month; they were all flagged 末位淘汰. The months
// under the published 2026.1, whose rules say nothing of it, are computed
// as they were, all three flagged, and a note names each month, saying
// all three were counted last, and that the working copy's edits would
// flag none of them (nothing was said of either).
func TestPayoutCSVAMonthEveryoneTies(t *testing.T) {
	in := filepath.Join(t.TempDir(), "q1.csv")
	rows := "employee,role,month,score,base,dept\n"
	for _, m := range []string{"2026-01", "2026-02", "2026-03"} {
		for _, e := range []string{"S1", "S2", "S3"} {
			rows += e + ",sales," + m + ",98,3000,met\n"
		}
	}
	if err := os.WriteFile(in, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := payout(t, "-csv", in)
	if code != 0 || strings.Count(out, "末位淘汰") != 1 { // the column's title
		t.Errorf("exit %d: flagged\n%s%s", code, out, errOut)
	}
	for _, m := range []string{"2026-01", "2026-02", "2026-03"} {
		if want := "handbook payout: note: " + m + " 参加排名的 3 名销售人员得分全部相同（均为 98 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算\n"; !strings.Contains(errOut, want) {
			t.Errorf("no note of %s:\n%s", m, errOut)
		}
	}

	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var o, e bytes.Buffer
	want := ""
	for _, m := range []string{"2026-01", "2026-02", "2026-03"} {
		want += "handbook payout: note: " + m + ` 参加排名的 3 名销售人员得分全部相同（均为 98 分）：该月所用的规则没有 all_tied = "none"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月` + "\n"
	}
	want += "handbook payout: note: content/rules.toml, the working copy, holds edits not yet published: they are not used, each month being computed by the revision in force in it, " +
		"and they decide 末位淘汰 otherwise: by its rules S1、S2、S3 would not be flagged in 2026-03 (who is last differs in 2026-01, 2026-02, 2026-03) — give -rules content/rules.toml to compute by the working copy\n"
	if code := runPayout([]string{"-csv", in}, &o, &e); code != 0 || strings.Count(o.String(), "末位淘汰") != 4 || e.String() != want {
		t.Errorf("by 2026.1's rules: exit %d\n%s%s\nwant\n%s", code, o.String(), e.String(), want)
	}
}

// rankCSV is the batch package's file of three sales staff over three
// months, out of order and with the month written three ways: in 2026-08
// all three scored 60.
const rankCSV = "../../../calculator/batch/testdata/all-tied.csv"

// A month in which everyone ranked tied is noted whichever rules decide
// it, with what they make of it. The months are 2026.1's, whose rules
// have no all_tied: all three were last in 2026-08, which made S1 and S2
// last three months running in 2026-10, flagged 末位淘汰 with nothing said
// of 2026-08, nor that the working copy's rules (all_tied = "none", not
// yet published) flag nobody. -version 2026.1 says the first; -rules
// content/rules.toml computes by the working copy's rules, which give
// 2026-08 no last place, as its note says.
func TestPayoutCSVAMonthEveryoneTiesUnderEachRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	rank, err := os.ReadFile(rankCSV)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := os.WriteFile("rank.csv", rank, 0o644); err != nil {
		t.Fatal(err)
	}
	const allLast = `handbook payout: note: 2026-08 参加排名的 3 名销售人员得分全部相同（均为 60 分）：该月所用的规则没有 all_tied = "none"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月` + "\n"
	const noneLast = "handbook payout: note: 2026-08 参加排名的 3 名销售人员得分全部相同（均为 60 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算\n"
	for _, tc := range []struct {
		args    []string
		flagged []string // the table's rows flagged 末位淘汰
		stderr  string
	}{
		{[]string{"-csv", "rank.csv"}, []string{"S1    张三  销售人员  2026-10", "S2    李四  销售人员  2026-10"}, allLast +
			"handbook payout: note: content/rules.toml, the working copy, holds edits not yet published: they are not used, each month being computed by the revision in force in it, " +
			"and they decide 末位淘汰 otherwise: by its rules S1（张三）、S2（李四） would not be flagged in 2026-10 (who is last differs in 2026-08) — give -rules content/rules.toml to compute by the working copy\n"},
		{[]string{"-csv", "rank.csv", "-version", "2026.1"}, []string{"S1    张三  销售人员  2026-10", "S2    李四  销售人员  2026-10"}, allLast},
		{[]string{"-csv", "rank.csv", "-rules", "content/rules.toml"}, nil, noneLast +
			"handbook payout: note: the rows are computed by the rules of content/rules.toml, the working copy (given by -rules), not by the revisions of content/ in force in their months, whose rules differ: " +
			"2026-08 to 2026-10 under revision 2026.1 (in force from 2026-01-01) — leave out -rules to compute each month by the revision in force in it, or give -version V to compute every month by one revision's rules\n"},
	} {
		var o, e bytes.Buffer
		code := runPayout(tc.args, &o, &e)
		var flagged []string
		for _, l := range strings.Split(o.String(), "\n") {
			if strings.HasSuffix(l, "  末位淘汰") && !strings.HasPrefix(l, "工号") {
				flagged = append(flagged, l[:len("S1    张三  销售人员  2026-10")])
			}
		}
		if code != 0 || !slices.Equal(flagged, tc.flagged) || e.String() != tc.stderr {
			t.Errorf("%s: exit %d, flagged %q\n%s%s\nwant flagged %q, stderr\n%s", strings.Join(tc.args, " "), code, flagged, o.String(), e.String(), tc.flagged, tc.stderr)
		}
	}
}

// A 末位淘汰 run counts each month as the rules in force in it rank it.
// With the working copy's rules (all_tied = "none") published as 2026.2
// from 2026-10, 2026-08 and 2026-09 are 2026.1's and 2026-10 2026.2's: S1
// and S2 were last in all three, 2026-08 by 2026.1's reading of a month
// everyone tied, and are flagged in 2026-10. 2026.2's rules read 2026-08
// as theirs too, which has no last place, and nobody was flagged.
func TestPayoutCSVARunCountsEachMonthByItsOwnRules(t *testing.T) {
	rank, err := os.ReadFile(rankCSV)
	if err != nil {
		t.Fatal(err)
	}
	publishTopTier110(t, "2026-10-01", "2026-09-27")
	if err := os.WriteFile("rank.csv", rank, 0o644); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	code := runPayout([]string{"-csv", "rank.csv"}, &o, &e)
	want := `handbook payout: note: 2026-08 参加排名的 3 名销售人员得分全部相同（均为 60 分）：该月所用的规则没有 all_tied = "none"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月` + "\n" +
		"handbook payout: note: each month is computed by the rules of the revision in force in it: 2026-08 to 2026-09 by revision 2026.1, 2026-10 by revision 2026.2 — give -version V to compute every month by one revision's rules\n"
	if code != 0 || !strings.Contains(o.String(), "\nS1    张三  销售人员  2026-10    70  3000.00  60–89   70%   2100.00  完成      0.00  2100.00             3  末位淘汰\n") ||
		!strings.Contains(o.String(), "\nS2    李四  销售人员  2026-10    70  3000.00  60–89   70%   2100.00  完成      0.00  2100.00             3  末位淘汰\n") ||
		strings.Count(o.String(), "末位淘汰") != 3 || e.String() != want {
		t.Errorf("exit %d\n%s%s\nwant stderr\n%s", code, o.String(), e.String(), want)
	}
}

// copyContent copies the repository's content folder, the working copy
// with its edits not yet published (all_tied = "none"), into a new folder
// made the working folder.
func copyContent(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(origWD, "../../../content"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

// The months before the first revision (2025.1, from 2025-01-01) are
// computed by the working copy's rules, whose all_tied = "none" gives
// 2024-11 and 2024-12, S1 and S2 tied at 80, no last place; 2025.1's
// rules count both last, and flag them in 2025-01. The note said the
// working copy's edits "are not used", and nothing of the flags; it says
// they are used for those months, and who the earliest revision's rules
// flag otherwise. -version 2025.1 flags both, and names the months before
// it.
func TestPayoutCSVMonthsBeforeTheFirstRevision(t *testing.T) {
	copyContent(t)
	rows := "employee,role,month,score,base,dept\n"
	for _, m := range []string{"2024-11", "2024-12", "2025-01"} {
		rows += "S1,销售人员," + m + ",80,3000,met\nS2,销售人员," + m + ",80,3000,met\n"
	}
	os.WriteFile("q.csv", []byte(rows), 0o644)
	var o, e bytes.Buffer
	code := runPayout([]string{"-csv", "q.csv"}, &o, &e)
	note := "handbook payout: note: each month is computed by the rules of the revision in force in it: 2024-11 to 2024-12 by content/rules.toml, the working copy (no revision was in force yet), 2025-01 by revision 2025.1 — give -version V to compute every month by one revision's rules; " +
		"content/rules.toml, the working copy, holds edits not yet published: they are used for 2024-11 to 2024-12, before the first revision, 2025.1 (in force from 2025-01-01), " +
		"and decide 末位淘汰 otherwise than the rules of 2025.1, the earliest revision: by 2025.1's rules S1、S2 would be flagged in 2025-01 (who is last differs in 2024-11, 2024-12); " +
		"they are not used for the months under a revision — give -version 2025.1 to compute every month by the rules of the earliest revision, or -rules content/rules.toml by the working copy's\n"
	if code != 0 || strings.Count(o.String(), "末位淘汰") != 1 || !strings.HasSuffix(e.String(), note) {
		t.Errorf("exit %d\n%s%s\nwant the note\n%s", code, o.String(), e.String(), note)
	}
	o.Reset()
	e.Reset()
	code = runPayout([]string{"-csv", "q.csv", "-version", "2025.1"}, &o, &e)
	if code != 0 || strings.Count(o.String(), "末位淘汰") != 3 || !strings.HasSuffix(e.String(),
		"handbook payout: note: the rows of 2024-11 to 2024-12 fall before the first revision, 2025.1 (in force from 2025-01-01): no revision was in force then, and they are computed by the rules of revision 2025.1 like the others\n") {
		t.Errorf("-version 2025.1: exit %d\n%s%s", code, o.String(), e.String())
	}
}

// -version V names the months under another revision, as the README
// promises, also when that revision's rules are V's: rows of 2025-11 to
// 2026-01 by -version 2025.1 said nothing of 2026-01, under 2026.1.
func TestPayoutVersionNamesTheMonthsUnderAnother(t *testing.T) {
	copyContent(t)
	os.WriteFile("q.csv", []byte("employee,role,month,score,base,dept\nS1,sales,2025-11,80,3000,met\nS1,sales,2025-12,80,3000,met\nS1,sales,2026-01,80,3000,met\n"), 0o644)
	var o, e bytes.Buffer
	code := runPayout([]string{"-csv", "q.csv", "-version", "2025.1"}, &o, &e)
	if want := "handbook payout: note: the rows of 2026-01 fall under revision 2026.1 (in force from 2026-01-01), not 2025.1: its rules are the same as 2025.1's, so their figures are 2026.1's too\n"; code != 0 ||
		!strings.HasSuffix(o.String(), "\n规则：2025.1 版（content/revisions/2025.1/rules.toml）\n") || e.String() != want {
		t.Errorf("exit %d\n%s%s\nwant\n%s", code, o.String(), e.String(), want)
	}
}
