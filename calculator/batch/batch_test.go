package batch

import (
	"bytes"
	"encoding/csv"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
	"handbook/generator/diag"
)

func rules(t testing.TB) *calculator.Rules { return rulesAt(t, "content/rules.toml") }

// rulesAt parses the rules file at file, a path from the repository's root
// (content/revisions/2026.1/rules.toml).
func rulesAt(t testing.TB, file string) *calculator.Rules {
	t.Helper()
	src, err := os.ReadFile("../../" + file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := rulesfile.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const department = `employee,name,role,month,score,base,dept
s1,张三,sales,2025-01,88,3000,exceeded
s2,李四,sales,2025-01,70,3000,exceeded
s1,张三,sales,2025-02,95,3000,met
s2,李四,sales,2025-02,60,3000,met
s1,张三,sales,2025-03,91,3000,missed
s2,李四,销售人员,2025-03,59.5,3000,未完成
a1,王五,assistant,2025-03,88,1000,exceeded
`

func TestADepartmentsMonths(t *testing.T) {
	lines, err := Run("march.csv", strings.NewReader(department), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 7 {
		t.Fatalf("%d lines", len(lines))
	}
	if got := calculator.FormatFen(lines[0].Result.TotalFen); got != "2772.00" {
		t.Errorf("s1 January: %s", got)
	}
	if got := calculator.FormatFen(lines[6].Result.TotalFen); got != "924.00" {
		t.Errorf("a1 March: %s", got)
	}
	if !lines[5].Mark.Flag || lines[5].Mark.Run != 3 {
		t.Errorf("s2 last three months running is not flagged: %+v", lines[5].Mark)
	}
	for i, l := range lines {
		if i != 5 && l.Mark.Flag {
			t.Errorf("line %d flagged", i)
		}
	}
	var csvOut, table bytes.Buffer
	if err := WriteCSV(&csvOut, lines); err != nil {
		t.Fatal(err)
	}
	WriteTable(&table, lines)
	if !strings.Contains(csvOut.String(), "s2,李四,销售人员,2025-03,59.5,3000.00,未完成,0–59,0%,0.00,0.00,0.00,3,末位淘汰") {
		t.Errorf("csv:\n%s", csvOut.String())
	}
	if !strings.Contains(table.String(), "末位淘汰") || !strings.Contains(table.String(), "合计应发") {
		t.Errorf("table:\n%s", table.String())
	}
}

func TestCriterionColumns(t *testing.T) {
	src := "employee,role,month,业绩,能力,态度,base,dept\ns1,sales,2025-01,50,19,19,3000,exceeded\n"
	lines, err := Run("x.csv", strings.NewReader(src), rules(t))
	if err != nil || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" {
		t.Fatalf("%v %+v", err, lines)
	}
	src = "employee,role,month,scores,base,dept\ns1,sales,2025-01,50;19;19,3000,exceeded\ns2,sales,2025-01,\"业绩=50,能力=19,态度=19\",3000,met\n"
	lines, err = Run("x.csv", strings.NewReader(src), rules(t))
	if err != nil || lines[0].Result.Score != 8800 || lines[1].Result.Score != 8800 {
		t.Fatalf("%v %+v", err, lines)
	}
}

func TestBadRowsAreReportedByLineAndColumn(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"a score above 100", "employee,role,month,score,base,dept\ns1,sales,2025-01,101,3000,met\n", 2, 18, `score "101" is above 100: a score is from 0 to 100`},
		{"a criterion above its max", "employee,role,month,业绩,能力,态度,base,dept\ns1,sales,2025-01,61,19,19,3000,met\n", 2, 18, "业绩考评 score 61 is above its maximum, 60"},
		{"a bad month", "employee,role,month,score,base,dept\ns1,sales,2025-13,88,3000,met\n", 2, 10, "has no month 13"},
		{"a negative base", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,-1,met\n", 2, 21, `base "-1" is negative`},
		{"text as base", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,abc,met\n", 2, 21, "not an amount"},
		{"an unknown role", "employee,role,month,score,base,dept\ns1,boss,2025-01,88,3000,met\n", 2, 4, "unknown role"},
		{"an unknown column", "employee,role,month,score,base,dept,colour\n", 1, 37, "unknown column"},
		{"a missing column", "employee,role,month,score,base\n", 1, 1, "missing column dept"},
		{"a broken quote", "employee,role,month,score,base,dept\ns1,\"sales,2025-01,88,3000,met\n", 2, 31, "CSV"},
		{"a short row", "employee,role,month,score,base,dept\ns1,sales,2025-01\n", 2, 1, "fields"},
		{"a quote not closed on its line, the rows after it fine, is named where it opens", "employee,role,month,score,base,dept,note\ns3,\"sales,2025-01,90,3000,met,a\ns4,sales,2025-01,90,3000,met,b\ns5,sales,2025-01,90,3000,met,\"c\"\ns6,sales,2025-01,90,3000,met,d\n", 2, 4, "not closed on its line"},
		{"the same with no quote after it", "employee,role,month,score,base,dept\ns3,\"sales,2025-01,90,3000,met\ns4,sales,2025-01,90,3000,met\n", 2, 4, "not closed on its line"},
		{"a cell after Chinese text, counted in characters", "employee,name,role,month,score,base,dept\nS1,欧阳娜娜,sales,2026-01,80,3000,bogus\n", 2, 31, "unknown department result \"bogus\""},
		{"the same after a byte order mark", "\ufeffemployee,name,role,month,score,base,dept\nS1,欧阳娜娜,sales,2026-01,80,3000,bogus\n", 2, 31, "unknown department result"},
		{"a header cell after a byte order mark", "\ufeff工号,姓名,colour\n", 1, 7, "unknown column"},
		{"a broken quote after Chinese text", "employee,name,role,month,score,base,dept\ns1,欧阳\"娜娜,sales,2025-01,88,3000,met\n", 2, 6, "CSV"},
		{"a header and no rows", "employee,role,month,score,base,dept\n", 1, 0, "no rows"},
		{"a header and blank lines", "employee,role,month,score,base,dept\n\n\n", 1, 0, "no rows"},
		{"a base in a currency the page does not read", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,$3000,met\n", 2, 21, "not an amount"},
		{"a base out of range", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,1000000000000000,met\n", 2, 21, `base "1000000000000000" is above the largest amount computed, 100000000.00 yuan`},
		{"a base written with an exponent", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,1e3,met\n", 2, 21, "not an amount"},
		{"a score written with an exponent", "employee,role,month,score,base,dept\ns1,sales,2025-01,1e2,3000,met\n", 2, 18, "not a number"},
		{"two rows for one month", "employee,role,month,score,base,dept\ns1,sales,2025-01,88,3000,met\ns2,sales,2025-01,88,3000,met\ns1,sales,2025-01,80,3000,met\n", 4, 1, "second row"},
	} {
		t.Run(tc.name+" is reported at its cell and nothing is computed", func(t *testing.T) {
			lines, err := Run("in.csv", strings.NewReader(tc.src), rules(t))
			if err == nil || lines != nil {
				t.Fatalf("accepted: %+v", lines)
			}
			for _, d := range diag.FromError(err) {
				if d.Line == tc.line && d.Col == tc.col && strings.Contains(d.Msg, tc.msg) {
					return
				}
			}
			t.Errorf("want %q at %d:%d, got\n%v", tc.msg, tc.line, tc.col, err)
		})
	}
}

// A row's every bad cell is named at once, the engine's range checks of
// the readable cells beside the unreadable ones: not the month and the
// department result first, then the score and the base on the next run.
func TestEveryBadCellOfARowIsReported(t *testing.T) {
	src := "employee,role,month,score,base,dept\ns1,sales,2025-13,120,-5,maybe\n"
	_, err := Run("in.csv", strings.NewReader(src), rules(t))
	var got []string
	for _, d := range diag.FromError(err) {
		got = append(got, itoa(d.Line)+":"+itoa(d.Col)+" "+d.Msg)
	}
	want := []string{
		"2:10 month \"2025-13\" has no month 13: months run from 01 to 12",
		"2:18 score \"120\" is above 100: a score is from 0 to 100",
		"2:22 base \"-5\" is negative",
		"2:25 unknown department result \"maybe\"",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("reported\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Cells are read as the page reads its fields: Excel's "3,000", full-width
// digits and units.
func TestNumbersAsTheyAreExported(t *testing.T) {
	src := "employee,role,month,score,base,dept\n" +
		"s1,sales,2025-01,88,\"3,000\",exceeded\n" +
		"s2,sales,2025-01,８８分,３０００元,exceeded\n" +
		"s3,sales,2025-01,88.,¥3000.00,exceeded\n"
	lines, err := Run("x.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if got := calculator.FormatFen(l.Result.TotalFen); got != "2772.00" {
			t.Errorf("%s: %s, want 2772.00", l.Employee, got)
		}
	}
}

func FuzzBatchCSV(f *testing.F) {
	r := rules(f)
	f.Add(department)
	f.Add("employee,role,month,业绩,能力,态度,base,dept\ns1,sales,2025-01,50,19,19,3000,exceeded\n")
	f.Add("employee,role,month,scores,base,dept\ns1,sales,2025-01,\"业绩=50,能力=19,态度=19\",3000,met\n")
	f.Fuzz(func(t *testing.T, src string) {
		lines, err := Run("in.csv", strings.NewReader(src), r)
		if err != nil {
			if lines != nil {
				t.Fatal("partial result with an error")
			}
			if diag.FromError(err) == nil {
				t.Fatalf("error without diagnostics: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, lines); err != nil {
			t.Fatal(err)
		}
		WriteTable(&buf, lines)
		for _, l := range lines {
			if l.Result.TotalFen < 0 {
				t.Fatalf("negative total %+v", l)
			}
		}
	})
}

// An employee has one row a month whatever the role: a second row, of a
// role without a ranking (大客户内勤) or of another role, would be paid
// twice, and is named at its line instead.
func TestAnEmployeeIsPaidOnceAMonth(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"an assistant twice", "employee,role,month,score,base,dept\na1,assistant,2026-01,88,1000,met\na2,assistant,2026-01,80,1000,met\na1,assistant,2026-01,88,1000,met\n"},
		{"one employee in two roles", "employee,role,month,score,base,dept\ns1,sales,2026-01,88,3000,met\ns2,sales,2026-01,80,3000,met\ns1,assistant,2026-01,88,1000,met\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := Run("in.csv", strings.NewReader(tc.src), rules(t))
			if err == nil || lines != nil {
				t.Fatalf("accepted, total paid twice: %+v", lines)
			}
			ds := diag.FromError(err)
			if len(ds) != 1 || ds[0].Line != 4 || ds[0].Col != 1 || !strings.Contains(ds[0].Msg, "second row for 2026-01 (first on line 2)") {
				t.Errorf("want one error at 4:1 naming line 2, got\n%v", err)
			}
		})
	}
}

// A total beside criterion scores must be their sum; a row that leaves
// its criterion cells empty gives its total in the score column.
func TestATotalBesideCriterionScores(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		total     []string // each row's total, or nil for an error
		line, col int
		msg       string
	}{
		{name: "the scores column disagreeing with the score column",
			src:  "employee,role,month,score,scores,base,dept\ns1,sales,2026-01,95,50;19;19,3000,met\n",
			line: 2, col: 18, msg: `score "95" is not the sum of the criterion scores (88)`},
		{name: "criterion columns disagreeing with the score column",
			src:  "employee,role,month,score,业绩,能力,态度,base,dept\ns1,sales,2026-01,90,50,19,19,3000,met\n",
			line: 2, col: 18, msg: `score "90" is not the sum of the criterion scores (88)`},
		{name: "a total that is their sum",
			src:   "employee,role,month,score,业绩,能力,态度,base,dept\ns1,sales,2026-01,88.0,50,19,19,3000,exceeded\n",
			total: []string{"2772.00"}},
		{name: "criterion cells left empty beside a total",
			src:   "employee,role,month,score,业绩,能力,态度,base,dept\ns1,sales,2026-01,88,,,,3000,exceeded\ns2,sales,2026-01,,50,19,19.5,3000,met\n",
			total: []string{"2772.00", "2655.00"}},
		{name: "criterion cells partly filled",
			src:  "employee,role,month,score,业绩,能力,态度,base,dept\ns1,sales,2026-01,88,50,,19,3000,met\n",
			line: 2, col: 24, msg: "empty 能力考核 score"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := Run("in.csv", strings.NewReader(tc.src), rules(t))
			if tc.total == nil {
				for _, d := range diag.FromError(err) {
					if d.Line == tc.line && d.Col == tc.col && d.Msg == tc.msg {
						return
					}
				}
				t.Fatalf("want %q at %d:%d, got %v (lines %+v)", tc.msg, tc.line, tc.col, err, lines)
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range lines {
				got = append(got, calculator.FormatFen(l.Result.TotalFen))
			}
			if !slices.Equal(got, tc.total) {
				t.Errorf("totals %q, want %q", got, tc.total)
			}
		})
	}
}

// A row of empty cells, as Excel saves the rows below a table that were
// once formatted, is a blank line, not an employee without a name.
func TestRowsOfEmptyCellsAreBlank(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\r\ns1,张三,sales,2026-01,88,3000,exceeded\r\n,,,,,,\r\n , ,,,,,\r\n,,,\r\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" {
		t.Errorf("lines %+v, want s1's 2772.00 alone", lines)
	}
	// A header and rows of empty cells still has no rows.
	if _, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\n,,,,,\n"), rules(t)); err == nil || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("a file of empty rows: %v", err)
	}
}

// A month as Excel saves it back (a typed 2026-03 becomes the date
// 2026/3/1, or 2026年3月 in a Chinese locale) is read as that month, so a
// file opened and saved in a spreadsheet still ranks its months.
func TestMonthsAsASpreadsheetSavesThem(t *testing.T) {
	src := "employee,role,month,score,base,dept\n" +
		"s1,sales,2025/12/1,70,3000,met\ns2,sales,2025年12月,80,3000,met\n" +
		"s1,sales,2026年1月1日,70,3000,met\ns2,sales,2026/01,80,3000,met\n" +
		"s1,sales,2026.2,70,3000,met\ns2,sales,2026-2,80,3000,met\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, calculator.FormatMonth(l.Month))
	}
	if want := []string{"2025-12", "2025-12", "2026-01", "2026-01", "2026-02", "2026-02"}; !slices.Equal(got, want) {
		t.Errorf("months %q, want %q", got, want)
	}
	if l := lines[4]; !l.Mark.Flag || l.Mark.Run != 3 {
		t.Errorf("s1, last three months running across the year, is not flagged: %+v", l.Mark)
	}
	// A month of the form with no such month number is said to be that.
	for _, bad := range []string{"2026-13", "2026/0", "26-03", "2026-03-32", "2026年", "2026-003", "2026/3/1/1", "March 2026", "2026-+3", "2026年13月"} {
		_, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,"+bad+",70,3000,met\n"), rules(t))
		want := "is not YYYY-MM"
		switch bad {
		case "2026-13", "2026年13月":
			want = "has no month 13: months run from 01 to 12"
		case "2026/0":
			want = "has no month 0: months run from 01 to 12"
		case "2026-03-32":
			want = "has no day 32: 2026-03 has 31 days"
		}
		if ds := diag.FromError(err); len(ds) != 1 || ds[0].Line != 2 || ds[0].Col != 10 || !strings.Contains(ds[0].Msg, want) {
			t.Errorf("month %q: %v, want %q", bad, err, want)
		}
	}
}

// A date stands for its month only when the month has that day: 2026-02-30
// and 2026/2/31 were read as 2026-02 (while 2026/3/32 was refused), a typo
// paid as a month in silence. Each is said at its cell, with the month's
// days and what to write; 29 February is a day in a leap year only.
func TestADateTheMonthHasNot(t *testing.T) {
	for _, tc := range []struct{ date, msg string }{
		{"2026-02-30", `month "2026-02-30" has no day 30: 2026-02 has 28 days — write the month alone (2026-02), or a day of it (2026/2/1)`},
		{"2026/2/31", `month "2026/2/31" has no day 31: 2026-02 has 28 days — write the month alone (2026-02), or a day of it (2026/2/1)`},
		{"2026/2/29", `month "2026/2/29" has no day 29: 2026-02 has 28 days — write the month alone (2026-02), or a day of it (2026/2/1)`},
		{"2026年4月31日", `month "2026年4月31日" has no day 31: 2026-04 has 30 days — write the month alone (2026-04), or a day of it (2026/4/1)`},
		{"２０２６／４／０", `month "２０２６／４／０" has no day 0: 2026-04 has 30 days — write the month alone (2026-04), or a day of it (2026/4/1)`},
	} {
		_, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,"+tc.date+",70,3000,met\n"), rules(t))
		if want := "in.csv:2:10: error: " + tc.msg; err == nil || err.Error() != want {
			t.Errorf("%s: %v\nwant %s", tc.date, err, want)
		}
	}
	for date, want := range map[string]string{"2024/2/29": "2024-02", "2026-02-28": "2026-02", "2026/1/31": "2026-01", "2026年4月30日": "2026-04"} {
		lines, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,"+date+",70,3000,met\n"), rules(t))
		if err != nil || len(lines) != 1 || calculator.FormatMonth(lines[0].Month) != want {
			t.Errorf("%s: %v, want %s", date, err, want)
		}
	}
}

// The CSV output starts with a UTF-8 byte order mark, which Excel needs to
// read Chinese text as UTF-8 rather than in the system's code page.
func TestTheOutputCSVOpensInExcel(t *testing.T) {
	lines, err := Run("in.csv", strings.NewReader(department), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, lines); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "\ufeffemployee,name,role,month,score,base,dept,tier,rate,pay,adjust,total,last_place_months,elimination\n") {
		t.Errorf("output starts %q", out.String()[:min(out.Len(), 80)])
	}
}

// A file Excel saved as "CSV (逗号分隔)" on a Chinese Windows is GBK, not
// UTF-8: it is refused once, where its first such byte is, with what to
// do — not read as unknown columns, nor its names written out garbled.
func TestAFileInGBKIsNamedAsSuch(t *testing.T) {
	gbk := func(s string) string { // 张三 and 工号 in GBK
		return strings.NewReplacer("张三", "\xd5\xc5\xc8\xfd", "工号", "\xb9\xa4\xba\xc5").Replace(s)
	}
	for _, tc := range []struct {
		name, src string
		line, col int
	}{
		{"a Chinese header", gbk("工号,role,month,score,base,dept\ns1,sales,2026-01,88,3000,met\n"), 1, 1},
		{"a Chinese name", gbk("employee,name,role,month,score,base,dept\ns1,张三,sales,2026-01,88,3000,met\n"), 2, 4},
		{"after a UTF-8 name", gbk("employee,name,role,month,score,base,dept\ns1,李四张三,sales,2026-01,88,3000,met\n"), 2, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := Run("in.csv", strings.NewReader(tc.src), rules(t))
			ds := diag.FromError(err)
			if lines != nil || len(ds) != 1 || ds[0].Line != tc.line || ds[0].Col != tc.col || !strings.Contains(ds[0].Msg, "not UTF-8") || !strings.Contains(ds[0].Hint, "CSV UTF-8") {
				t.Errorf("want one error at %d:%d, got %v (lines %+v)", tc.line, tc.col, err, lines)
			}
		})
	}
}

// A name or employee ID that a spreadsheet would run as a formula (=, +,
// - or @ first) is written to the output CSV with an apostrophe in front,
// so opening the month's results in Excel or WPS runs nothing; the
// amounts, a negative deduction among them, stay numbers.
func TestTheOutputCSVRunsNoFormula(t *testing.T) {
	src := "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\r\n" +
		"=1+1,\"=HYPERLINK(\"\"http://x.example/\"\",\"\"点我\"\")\",销售人员,2026-01,88,3000,未完成\r\n" +
		"+86,+张三,销售人员,2026-01,70,3000,未完成\r\n" +
		"-7,-李四,销售人员,2026-01,60,3000,未完成\r\n" +
		"@a,@SUM(A1:A9),大客户内勤,2026-01,88,1000,超额完成\r\n" +
		"s5,王=五,大客户内勤,2026-01,90,1000,完成\r\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, lines); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimPrefix(out.String(), "\ufeff"), "\n")
	want := []string{
		`'=1+1,"'=HYPERLINK(""http://x.example/"",""点我"")",销售人员,2026-01,88,3000.00,未完成,60–89,88%,2640.00,-132.00,2508.00,,`,
		`'+86,'+张三,销售人员,2026-01,70,3000.00,未完成,60–89,70%,2100.00,-105.00,1995.00,,`,
		`'-7,'-李四,销售人员,2026-01,60,3000.00,未完成,60–89,60%,1800.00,-90.00,1710.00,1,`,
		`'@a,'@SUM(A1:A9),大客户内勤,2026-01,88,1000.00,超额完成,60–89,88%,880.00,44.00,924.00,,`,
		`s5,王=五,大客户内勤,2026-01,90,1000.00,完成,90–94,100%,1000.00,0.00,1000.00,,`,
	}
	if !slices.Equal(got[1:len(got)-1], want) {
		t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got[1:], "\n"), strings.Join(want, "\n"))
	}
	// The terminal table shows the names as given.
	var table bytes.Buffer
	WriteTable(&table, lines)
	if !strings.Contains(table.String(), "=HYPERLINK(") || strings.Contains(table.String(), "'=") {
		t.Errorf("table:\n%s", table.String())
	}
}

// A month typed with a Chinese input method — full-width digits and
// separators, or spaces around 年 and 月 — is read as the month it says,
// as the score and base cells of the same row are read (８８, ３０００).
func TestMonthsTypedFullWidth(t *testing.T) {
	for _, m := range []string{"２０２６年３月", "２０２６－０３", "2026／3／1", "２０２６．３", "2026 年 3 月", "2026\u3000年\u30003\u3000月", "2026年3月份", "２０２６年０３月份"} {
		lines, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,"+m+",８８,３０００,met\n"), rules(t))
		if err != nil || calculator.FormatMonth(lines[0].Month) != "2026-03" {
			t.Errorf("month %q: %v %+v", m, err, lines)
		}
	}
	for _, bad := range []string{"２０２６年１３月", "2026/3/1 0:00", "2026 03", "２０２６", "3月份", "2026年3月份日"} {
		_, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,"+bad+",88,3000,met\n"), rules(t))
		if ds := diag.FromError(err); len(ds) != 1 || !strings.Contains(ds[0].Msg, "is not YYYY-MM") {
			t.Errorf("month %q: %v", bad, err)
		}
	}
}

// An amount typed 3,000 in a file saved by hand, without quotes, splits
// the row at its comma: the error names the amount and the two ways to
// write it, at its cell, rather than only counting the row's fields.
func TestAnUnquotedThousandsSeparatorIsNamed(t *testing.T) {
	src := "工号,岗位,月份,得分,绩效工资,部门业绩\r\n" +
		"s1,销售人员,2026-01,88,3,000,完成\r\n" +
		"s2,销售人员,2026-01,100,¥12,345.50,完成\r\n" +
		"s3,销售人员,2026-01,88,300,完成,\r\n" // one field too many, no amount split
	_, err := Run("in.csv", strings.NewReader(src), rules(t))
	ds := diag.FromError(err)
	if len(ds) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	for i, want := range []struct {
		line, col int
		msg, hint string
	}{
		{2, 20, "3,000 looks like one amount split at its thousands separator", `write it without the comma (3000) or in double quotes ("3,000")`},
		{3, 21, "¥12,345.50 looks like one amount", `(¥12345.50) or in double quotes ("¥12,345.50")`},
		{4, 1, "row has 7 fields, the header 6", "a value holding a comma goes in double quotes"},
	} {
		if d := ds[i]; d.Line != want.line || d.Col != want.col || !strings.Contains(d.Msg, want.msg) || !strings.Contains(d.Hint, want.hint) {
			t.Errorf("error %d: want %q (%q) at %d:%d, got %v", i, want.msg, want.hint, want.line, want.col, d)
		}
	}
}

// A header as a Chinese spreadsheet writes it — the page's own labels
// (当月绩效工资, 部门业绩目标), a unit in brackets, two-character names
// spaced to line up with four-character ones — names its column; another
// unit (万元) does not, and an unknown or missing column is named with
// the Chinese names the file may use.
func TestHeadersAsAChineseSpreadsheetWritesThem(t *testing.T) {
	src := "工　号,姓 名,岗位,月份,业绩(分),能力（分）,态度,当月绩效工资（元）,部门业绩目标\n" +
		"s1,张三,销售人员,2026-03,50,19,19,\"3,000\",超额完成\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if l := lines[0]; l.Employee != "s1" || l.Name != "张三" || calculator.FormatFen(l.Result.TotalFen) != "2772.00" {
		t.Errorf("%+v", l)
	}
	_, err = Run("in.csv", strings.NewReader("工号,岗位,月份,得分,绩效工资（万元）,部门业绩\ns1,销售人员,2026-03,88,0.3,完成\n"), rules(t))
	ds := diag.FromError(err)
	if len(ds) != 2 || ds[0].Col != 13 || !strings.Contains(ds[0].Msg, `unknown column "绩效工资（万元）"`) ||
		!strings.Contains(ds[0].Hint, "base (绩效工资)") || !strings.Contains(ds[0].Hint, "业绩考评, 能力考核, 态度考核, 工作量") ||
		!strings.Contains(ds[1].Msg, "missing column base (绩效工资)") {
		t.Errorf("a column in 万元: %v", err)
	}
}

// A column given twice under two names (绩效工资 and 当月绩效工资), or a
// criterion's column twice, is named with the first one's place: which
// one was meant cannot be guessed. (A second criterion column was taken
// in silence.)
func TestAColumnGivenTwice(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"工号,岗位,月份,得分,绩效工资,部门业绩,当月绩效工资（元）", `column "当月绩效工资（元）" is a second base (绩效工资) column (the first is column 5)`},
		{"工号,岗位,月份,业绩,能力,态度,部门业绩,绩效工资,业绩(分)", `column "业绩(分)" is a second 业绩 column (the first is column 4)`},
	} {
		_, err := Run("in.csv", strings.NewReader(tc.header+"\n"), rules(t))
		if ds := diag.FromError(err); len(ds) != 1 || ds[0].Line != 1 || !strings.Contains(ds[0].Msg, tc.want) {
			t.Errorf("%s: want %q, got %v", tc.header, tc.want, err)
		}
	}
}

// The terminal table shows a name's control characters as escapes — a
// quoted line break no longer breaks its row, an escape sequence is not
// run by the terminal — and no line ends in spaces.
func TestTheTableIsPlainText(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\n" +
		"s1,\"张\n三\",sales,2026-03,88,3000,exceeded\n" +
		"s2,\"\x1b]0;pwned\x07\x1b[2J李四\",sales,2026-03,70,3000,met\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := WriteTable(&table, lines); err != nil {
		t.Fatal(err)
	}
	out := table.String()
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) != 4 || !strings.Contains(rows[1], `张\n三`) || !strings.Contains(rows[2], `\x1b]0;pwned\a\x1b[2J李四`) || strings.ContainsRune(out, 0x1b) {
		t.Errorf("table:\n%q", out)
	}
	for i, r := range rows {
		if strings.HasSuffix(r, " ") {
			t.Errorf("line %d ends in spaces: %q", i+1, r)
		}
	}
	// Nor do the error messages that quote a cell.
	_, err = Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,\"\x1b[2Jsales\",2026-03,88,3000,met\n"), rules(t))
	if err == nil || strings.ContainsRune(err.Error(), 0x1b) || !strings.Contains(err.Error(), `unknown role "\x1b[2Jsales"`) {
		t.Errorf("error: %q", err)
	}
}

// A month with no row of a ranked role, between months that have some,
// is named: every 末位淘汰 run restarts after it, which a month left out
// of the file did in silence. A year's turn is no gap; a role without a
// ranking rule has none.
func TestAGapInTheMonthsIsNamed(t *testing.T) {
	src := "employee,role,month,score,base,dept\n" +
		"s1,sales,2025-11,50,3000,met\ns2,sales,2025-11,70,3000,met\n" +
		"s1,sales,2025-12,50,3000,met\ns2,sales,2025-12,70,3000,met\n" +
		"s1,sales,2026-01,50,3000,met\ns2,sales,2026-01,70,3000,met\n" +
		"s1,sales,2026-03,50,3000,met\ns2,sales,2026-03,70,3000,met\n" +
		"s1,sales,2026-07,50,3000,met\n" +
		"a1,assistant,2025-11,88,1000,met\na1,assistant,2026-07,88,1000,met\n"
	r := rules(t)
	lines, err := Run("in.csv", strings.NewReader(src), r)
	if err != nil {
		t.Fatal(err)
	}
	if l := lines[4]; !l.Mark.Flag {
		t.Errorf("s1, last in 2025-11, 2025-12 and 2026-01, is not flagged: %+v", l.Mark)
	}
	if l := lines[6]; l.Mark.Run != 1 {
		t.Errorf("s1 in 2026-03, after a month without rows: run %d", l.Mark.Run)
	}
	var got []string
	for _, g := range Gaps(r, lines) {
		got = append(got, g.String())
	}
	want := []string{
		"no 销售人员 rows for 2026-02 (between 2026-01 and 2026-03): 末位淘汰 counts consecutive calendar months, so every run restarts after the gap — add those months' rows if they were left out",
		"no 销售人员 rows for 2026-04 to 2026-06 (between 2026-03 and 2026-07): 末位淘汰 counts consecutive calendar months, so every run restarts after the gap — add those months' rows if they were left out",
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps:\n%s", strings.Join(got, "\n"))
	}
}

// A file whose sales rows span fewer months than 末位淘汰 counts can flag
// no one: it says so, and how many months to add before its first.
func TestAFileTooShortToRankSaysSo(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct{ src, want string }{
		{"employee,role,month,score,base,dept\ns1,sales,2026-03,50,3000,met\ns2,sales,2026-03,70,3000,met\na1,assistant,2026-01,88,1000,met\n",
			"the 销售人员 rows cover 2026-03 only: 末位淘汰 needs 3 months running, so no one can be flagged — add the 2 month(s) before 2026-03 (one row per employee and month) to rank them"},
		{"employee,role,month,score,base,dept\ns1,sales,2025-12,50,3000,met\ns1,sales,2026-01,50,3000,met\n",
			"the 销售人员 rows cover 2025-12 to 2026-01 only: 末位淘汰 needs 3 months running, so no one can be flagged — add the 1 month(s) before 2025-12"},
		{"employee,role,month,score,base,dept\ns1,sales,2025-12,50,3000,met\ns1,sales,2026-02,50,3000,met\n", ""},
		{"employee,role,month,score,base,dept\na1,assistant,2026-03,88,1000,met\n", ""},
	} {
		lines, err := Run("in.csv", strings.NewReader(tc.src), r)
		if err != nil {
			t.Fatal(err)
		}
		notes := Notes(r, lines)
		short := ""
		for _, n := range notes {
			if strings.Contains(n, "only:") {
				short = n
			}
		}
		if tc.want == "" && short != "" || !strings.HasPrefix(short, tc.want) {
			t.Errorf("notes %q, want %q", notes, tc.want)
		}
	}
}

// Rows copied out of a spreadsheet and saved as text are separated by
// tabs, and a spreadsheet set to a decimal-comma locale writes semicolons:
// both are read by their header row. A UTF-16 file (Excel's and WPS's
// "Unicode 文本") is named as such, not as GBK.
func TestFilesSeparatedByTabsOrSemicolons(t *testing.T) {
	for name, src := range map[string]string{
		"tabs":       "\ufeff工号\t姓名\t岗位\t月份\t得分\t绩效工资\t部门业绩\r\ns1\t张三\t销售人员\t2026-03\t88\t3,000\t超额完成\r\n",
		"semicolons": "employee;name;role;month;score;base;dept\ns1;张三;sales;2026-03;88;3000;exceeded\n",
	} {
		lines, err := Run("in.csv", strings.NewReader(src), rules(t))
		if err != nil || len(lines) != 1 || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" || lines[0].Name != "张三" {
			t.Errorf("%s: %v %+v", name, err, lines)
		}
	}
	// A cell error is still at its column.
	_, err := Run("in.csv", strings.NewReader("工号\t岗位\t月份\t得分\t绩效工资\t部门业绩\ns1\t销售人员\t2026-03\t101\t3000\t完成\n"), rules(t))
	if ds := diag.FromError(err); len(ds) != 1 || ds[0].Line != 2 || ds[0].Col != 17 {
		t.Errorf("a bad score in a tab-separated file: %v", err)
	}
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "工号\t岗位\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	_, err = Run("in.txt", bytes.NewReader(utf16), rules(t))
	if ds := diag.FromError(err); len(ds) != 1 || !strings.Contains(ds[0].Msg, "UTF-16") || !strings.Contains(ds[0].Hint, "CSV UTF-8") {
		t.Errorf("a UTF-16 file: %v", err)
	}
}

// Roles and department results in a file are read in any letter case
// (Sales, Met), as a spreadsheet's autocorrect may write them.
func TestRolesInAnyLetterCase(t *testing.T) {
	lines, err := Run("in.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,Sales,2026-03,88,3000,Exceeded\na1,ASSISTANT,2026-03,88,1000,Met\n"), rules(t))
	if err != nil || len(lines) != 2 || lines[0].Result.Role != "sales" || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" || calculator.FormatFen(lines[1].Result.TotalFen) != "880.00" {
		t.Errorf("%v %+v", err, lines)
	}
}

// Roles as a month's sheet names them: 销售 and 内勤, the short forms
// the policy text's readers write, and 销售人员. An unknown one names each
// role's ID and name; 大客户销售人员, a name the rules do not give, is
// unknown (calculator.Rules.FindRole makes no name up).
func TestRolesAsASheetNamesThem(t *testing.T) {
	lines, err := Run("in.csv", strings.NewReader("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,销售,2026-03,88,3000,超额完成\na1,内勤,2026-03,88,1000,超额完成\ns2,销售人员,2026-03,80,1500,完成\n"), rules(t))
	if err != nil || len(lines) != 3 || lines[0].Result.Role != "sales" || lines[1].Result.Role != "assistant" || lines[2].Result.Role != "sales" ||
		calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" || calculator.FormatFen(lines[1].Result.TotalFen) != "924.00" || calculator.FormatFen(lines[2].Result.TotalFen) != "1200.00" {
		t.Fatalf("%v %+v", err, lines)
	}
	for _, role := range []string{"经理", "大客户销售人员"} {
		_, err = Run("in.csv", strings.NewReader("工号,岗位,月份,得分,绩效工资,部门业绩\ns1,"+role+",2026-03,88,3000,超额完成\n"), rules(t))
		if err == nil || !strings.Contains(err.Error(), `in.csv:2:4: error: unknown role "`+role+`" — use sales (销售人员) or assistant (大客户内勤)`) {
			t.Errorf("%s: got %v", role, err)
		}
	}
}

// A title row above the header, as Chinese payroll sheets have one (a
// merged cell, the others empty, or a line of its own), and blank rows
// before it are skipped; the header's errors are at its own line.
func TestATitleAboveTheHeader(t *testing.T) {
	for name, src := range map[string]string{
		"a merged title":       "\ufeff大客户部2026年3月绩效考核表,,,,,,\r\n,,,,,,\r\n工号,姓名,岗位,月份,得分,绩效工资,部门业绩\r\ns1,张三,销售人员,2026-03,88,3000,超额完成\r\n",
		"a title, then tabs":   "大客户部2026年3月绩效考核表\n工号\t姓名\t岗位\t月份\t得分\t绩效工资\t部门业绩\ns1\t张三\t销售人员\t2026-03\t88\t3000\t超额完成\n",
		"no title (as before)": "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\ns1,张三,销售人员,2026-03,88,3000,超额完成\n",
	} {
		lines, err := Run("in.csv", strings.NewReader(src), rules(t))
		if err != nil || len(lines) != 1 || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" {
			t.Errorf("%s: %v %+v", name, err, lines)
		}
	}
	_, err := Run("in.csv", strings.NewReader("2026年3月绩效考核表,,,\n工号,岗位,月份,得分,颜色\ns1,销售人员,2026-03,88,红\n"), rules(t))
	ds := diag.FromError(err)
	if len(ds) < 2 || ds[0].Line != 2 || ds[0].Col != 13 || !strings.Contains(ds[0].Msg, `unknown column "颜色"`) || ds[1].Line != 2 || !strings.Contains(ds[1].Msg, "missing column base") {
		t.Errorf("the header's errors: %v", err)
	}
	_, err = Run("in.csv", strings.NewReader("2026年3月绩效考核表,,,\n,,,\n"), rules(t))
	if ds := diag.FromError(err); len(ds) != 1 || !strings.Contains(ds[0].Msg, "no header row") {
		t.Errorf("a title alone: %v", err)
	}
}

// A sheet's 合计 row (no employee, 合计 or 总计 in a cell, its sums in
// the others) pays no one and is skipped; a row with an employee is read
// whatever its cells say.
func TestASheetsTotalRowIsSkipped(t *testing.T) {
	src := "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\n" +
		"s1,张三,销售人员,2026-03,88,3000,超额完成\n" +
		"a1,王五,大客户内勤,2026-03,88,1000,超额完成\n" +
		",合　计,,,,4000,\n" +
		",,,,总计：,\"4,000\",\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil || len(lines) != 2 {
		t.Fatalf("%v %+v", err, lines)
	}
	if want := "line 4 (合　计) and line 5 (总计：) are the sheet's total rows, below the employees' rows: they are skipped, not computed — the table and -json total each month themselves"; !slices.Contains(Notes(rules(t), lines), want) {
		t.Errorf("no note %q in %q", want, Notes(rules(t), lines))
	}
	// Excel's usual layout: 合计 in the first column, the employee's.
	lines, err = Run("in.csv", strings.NewReader("工号,姓名,岗位,月份,得分,绩效工资,部门业绩\ns1,张三,销售人员,2026-03,88,3000,超额完成\n合计,,,,,3000,\n\n"), rules(t))
	if err != nil || len(lines) != 1 {
		t.Fatalf("合计 in the employee's column: %v %+v", err, lines)
	}
	if want := "line 3 (合计) is the sheet's total row, below the employees' rows: it is skipped, not computed — the table and -json total each month themselves"; !slices.Contains(Notes(rules(t), lines), want) {
		t.Errorf("no note %q in %q", want, Notes(rules(t), lines))
	}
	_, err = Run("in.csv", strings.NewReader("工号,姓名,岗位,月份,得分,绩效工资,部门业绩\ns9,合计,销售人员,2026-03,101,3000,完成\n"), rules(t))
	if ds := diag.FromError(err); len(ds) != 1 || !strings.Contains(ds[0].Msg, `score "101" is above 100`) {
		t.Errorf("an employee named 合计 is read: %v", err)
	}
	// A file without total rows has no note of them.
	lines, _ = Run("in.csv", strings.NewReader(department), rules(t))
	for _, n := range Notes(rules(t), lines) {
		if strings.Contains(n, "total row") {
			t.Errorf("a note of total rows: %s", n)
		}
	}
}

// A 合计 row is skipped only below the employees' rows: one above them
// (a subtotal, or an employee's row whose ID reads 合计) was dropped in
// silence, the employee unpaid and its figures lost. One that names a
// role is an employee's row, wherever it stands; one above the rows is
// the sheet's, in the wrong place. Both are said at the word's cell and
// nothing is computed, as for any bad row.
func TestATotalRowAboveTheRowsIsRefused(t *testing.T) {
	const head = "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\ns1,张三,销售人员,2026-03,88,3000,超额完成\n"
	for _, tc := range []struct{ name, rows, want string }{
		{"an employee's row whose ID is 合计, in the middle", "合计,李四,销售人员,2026-03,88,3000,完成\na1,王五,大客户内勤,2026-03,88,1000,超额完成\n",
			`in.csv:3:1: error: "合计" on a row with a role (销售人员): the row reads as an employee's, and 合计 names no one — give the employee's ID; if it is the sheet's total row, empty its role (岗位) cell and keep it below the employees' rows`},
		{"the same, last", "合计,李四,sales,2026-03,88,3000,完成\n",
			`in.csv:3:1: error: "合计" on a row with a role (sales): the row reads as an employee's, and 合计 names no one — give the employee's ID; if it is the sheet's total row, empty its role (岗位) cell and keep it below the employees' rows`},
		{"a subtotal above the rows", ",小　计,,,,3000,\n\na1,王五,大客户内勤,2026-03,88,1000,超额完成\n",
			"in.csv:3:2: error: a total row (小　计) above employees' rows (the next is line 5): a sheet's total row is skipped only below the last employee's row, and this one's figures are no one's — delete it (payout totals each month itself), or move it below the last row"},
	} {
		lines, err := Run("in.csv", strings.NewReader(head+tc.rows), rules(t))
		if err == nil || lines != nil || err.Error() != tc.want {
			t.Errorf("%s: %v\nwant %s", tc.name, err, tc.want)
		}
	}
}

// Headers as an English sheet writes them: any letter case, words apart
// or joined by _ or -, a unit in brackets, and the words such a sheet
// uses (Employee ID, Base Pay, Department Result). A sheet with names
// and no employee column is read with the name telling the employees
// apart, as a small team's sheet is kept.
func TestHeadersAsAnEnglishSheetWritesThem(t *testing.T) {
	for _, header := range []string{
		"Employee ID,Name,Role,Month,Total Score,Base Pay (yuan),Department Result",
		"employee_id,full_name,position,period,score,base-pay,department",
		"EMPLOYEE,NAME,ROLE,MONTH,SCORE,BASE (RMB),DEPT",
		"Staff ID,Employee Name,Job,Month,Score,Performance Pay,Dept Result",
	} {
		lines, err := Run("in.csv", strings.NewReader(header+"\n00123,Wang,sales,2026-03,88,3000,exceeded\n"), rules(t))
		if err != nil || len(lines) != 1 || lines[0].Employee != "00123" || lines[0].Name != "Wang" || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" {
			t.Errorf("%s: %v %+v", header, err, lines)
		}
	}
	src := "name,month,role,score,base,dept\n" +
		"Wang,2026-01,sales,50,3000,met\nLi,2026-01,sales,80,3000,met\n" +
		"Wang,2026-02,sales,50,3000,met\nLi,2026-02,sales,80,3000,met\n" +
		"Wang,2026-03,sales,50,3000,met\nLi,2026-03,sales,80,3000,met\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil || len(lines) != 6 || lines[4].Employee != "Wang" || !lines[4].Mark.Flag || lines[5].Mark.Flag {
		t.Fatalf("names alone: %v %+v", err, lines)
	}
	_, err = Run("in.csv", strings.NewReader("name,month,role,score,base,dept\nWang,2026-01,sales,50,3000,met\n,2026-01,sales,80,3000,met\n"), rules(t))
	if err == nil || !strings.Contains(err.Error(), "in.csv:3:1: error: empty name — the file has no employee (工号) column") {
		t.Errorf("an empty name: %v", err)
	}
	_, err = Run("in.csv", strings.NewReader("role,month,score,base,dept\nsales,2026-01,50,3000,met\n"), rules(t))
	if err == nil || !strings.Contains(err.Error(), "missing column employee (工号) — add it (or a name (姓名) column") {
		t.Errorf("neither: %v", err)
	}
}

// A file whose first row is an employee's (saved without its header
// row) gets one message naming the row and the columns, not one unknown
// column per cell; a header with one unknown name names the columns.
func TestAFileWithoutItsHeaderRow(t *testing.T) {
	_, err := Run("in.csv", strings.NewReader("s1,张三,sales,2026-03,88,3000,exceeded\ns2,李四,sales,2026-03,80,3000,met\n"), rules(t))
	ds := diag.FromError(err)
	if len(ds) != 1 || ds[0].Line != 1 || !strings.Contains(ds[0].Msg, `the first row ("s1","张三","sales","2026-03","88","3000","exceeded") names no column`) ||
		!strings.Contains(ds[0].Hint, "employee,name,role,month,score,base,dept") || !strings.Contains(ds[0].Hint, "base (绩效工资), dept (部门业绩)") {
		t.Errorf("got %v", err)
	}
	_, err = Run("in.csv", strings.NewReader("employee,role,month,score,salary,dept\ns1,sales,2026-03,88,3000,met\n"), rules(t))
	if ds := diag.FromError(err); len(ds) != 2 || ds[0].Col != 27 || !strings.Contains(ds[0].Msg, `unknown column "salary"`) || !strings.Contains(ds[0].Hint, "use employee (工号), name (姓名), role (岗位)") {
		t.Errorf("got %v", err)
	}
}

// The output keeps an ID's leading zeros, and a long one's digits, when
// Excel opens it: such a cell is written ="00123", which Excel and WPS
// show as the text 00123 (written plain, 00123 showed as 123, and an
// 18-digit 身份证号 as 1.23457E+17, its last digits lost). The output is
// read again as input with its IDs as they were: the same results, and
// written again, the same file.
func TestTheOutputKeepsIDsAndIsReadAgain(t *testing.T) {
	src := "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\n" +
		"00123,张三,销售,2026-01,88,3000,超额完成\n110101199003071234,007,内勤,2026-01,88,1000,超额完成\n" +
		"s3,=五,销售人员,2026-01,59,3000,未完成\n12345,王六,sales,2026-01,95,3000.5,met\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, lines); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n\"=\"\"00123\"\"\",张三,销售人员,2026-01,88,3000.00,",
		"\n\"=\"\"110101199003071234\"\"\",\"=\"\"007\"\"\",大客户内勤,",
		"\ns3,'=五,销售人员,", "\n12345,王六,销售人员,2026-01,95,3000.50,完成,95–100,105%,3150.53,",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	again, err := Run("out.csv", bytes.NewReader(out.Bytes()), rules(t))
	if err != nil {
		t.Fatalf("the output read as input: %v", err)
	}
	for i := range lines {
		a, b := lines[i], again[i]
		if a.Employee != b.Employee || a.Month != b.Month || a.Result.TotalFen != b.Result.TotalFen || a.Result.Role != b.Result.Role || a.Mark != b.Mark {
			t.Errorf("row %d read again: %+v, was %+v", i+1, b, a)
		}
	}
	var out2 bytes.Buffer
	WriteCSV(&out2, again)
	if out2.String() != out.String() {
		t.Errorf("written again:\n%s\nwas:\n%s", out2.String(), out.String())
	}
}

// Last month's output given again beside this month's rows, as typed: an
// ID or name the writer wrote with an apostrophe in front ('-7, '=E2,
// '@李四) is read as the text without it, so '-7 of January and February
// and -7 of March are one employee, last three months running and
// flagged. They were two people, and 末位淘汰 was missed in silence. An
// apostrophe before anything else is kept, and ="00123" is still 00123.
func TestAnOutputsApostropheIsReadAway(t *testing.T) {
	typed := func(months ...string) string {
		var b strings.Builder
		for _, m := range months {
			b.WriteString("-7,-李四,sales," + m + ",60,3000,met\n=E2,@王五,sales," + m + ",80,3000,met\n" +
				"+86,'张三,sales," + m + ",90,3000,met\n00123,赵六,sales," + m + ",95,3000,met\n")
		}
		return "employee,name,role,month,score,base,dept\n" + b.String()
	}
	before, err := Run("jan-feb.csv", strings.NewReader(typed("2026-01", "2026-02")), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, before); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\n'-7,'-李四,") || !strings.Contains(out.String(), "\n'=E2,'@王五,") || !strings.Contains(out.String(), "\n\"=\"\"00123\"\"\",") {
		t.Fatalf("the writer no longer protects the cells this test reads back:\n%s", out.String())
	}
	// The output's rows, then March's as typed under the output's header
	// (its result columns empty).
	lines, err := Run("q1.csv", strings.NewReader(out.String()+underHeader(t, out.String(), typed("2026-03"))), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]int{}
	for _, l := range lines {
		people[l.Employee+" "+l.Name]++
	}
	want := map[string]int{"-7 -李四": 3, "=E2 @王五": 3, "+86 '张三": 3, "00123 赵六": 3}
	if !maps.Equal(people, want) {
		t.Errorf("employees %v, want %v", people, want)
	}
	for _, l := range lines {
		if l.Employee == "-7" && l.Month == lines[len(lines)-1].Month && (!l.Mark.Flag || l.Mark.Run != 3) {
			t.Errorf("-7, last in January, February and March, is not flagged: %+v", l.Mark)
		}
	}
}

// The CSV output holds every column of the input, in its order, then the
// results: a payroll sheet's row numbers, criterion scores, remarks and
// signature column, or a scores column, are kept, so the output given
// again as input (last month's beside this month's rows) keeps its
// detail. The output wrote a fixed set of columns and dropped the others.
// The columns the payout reads are written as it read them, under their
// English names; a remark a spreadsheet would run is written inert.
func TestTheOutputHoldsEveryInputColumn(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a Chinese payroll sheet",
			"序号,工号,姓名,岗位,考核月份,业绩,能力,态度,考核总分,绩效工资基数,部门业绩目标完成情况,备注,本人签字\n" +
				"1,s1,张三,销售,2026-03,50,19,19,88,3000,超额完成,=迟到,\n2,a1,李四,内勤,2026-03,,,,88,1000,超额完成,请假两天,\n",
			[]string{
				"序号,employee,name,role,month,业绩,能力,态度,score,base,dept,备注,本人签字,tier,rate,pay,adjust,total,last_place_months,elimination",
				"1,s1,张三,销售人员,2026-03,50,19,19,88,3000.00,超额完成,'=迟到,,60–89,88%,2640.00,132.00,2772.00,,",
				"2,a1,李四,大客户内勤,2026-03,,,,88,1000.00,超额完成,请假两天,,60–89,88%,880.00,44.00,924.00,,",
			}},
		{"criterion scores in one column, the total after them",
			"employee,role,month,scores,base,dept\ns1,sales,2026-03,50;19;19,3000,exceeded\n",
			[]string{
				"employee,role,month,scores,base,dept,score,tier,rate,pay,adjust,total,last_place_months,elimination",
				"s1,销售人员,2026-03,50;19;19,3000.00,超额完成,88,60–89,88%,2640.00,132.00,2772.00,,",
			}},
		{"a department's name beside its result, names alone",
			"姓名,部门,岗位,月份,得分,绩效工资,部门业绩\n张三,大客户部,销售,2026年3月,88,3000,超额完成\n",
			[]string{
				"name,部门,role,month,score,base,dept,tier,rate,pay,adjust,total,last_place_months,elimination",
				"张三,大客户部,销售人员,2026-03,88,3000.00,超额完成,60–89,88%,2640.00,132.00,2772.00,,",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := Run("in.csv", strings.NewReader(tc.src), rules(t))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := WriteCSV(&out, lines); err != nil {
				t.Fatal(err)
			}
			if got := strings.Split(strings.TrimSuffix(strings.TrimPrefix(out.String(), "\ufeff"), "\n"), "\n"); !slices.Equal(got, tc.want) {
				t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// Read again, the same results, and written again, the same file.
			again, err := Run("out.csv", bytes.NewReader(out.Bytes()), rules(t))
			if err != nil {
				t.Fatalf("the output read as input: %v", err)
			}
			var out2 bytes.Buffer
			WriteCSV(&out2, again)
			if out2.String() != out.String() {
				t.Errorf("written again:\n%s\nwas:\n%s", out2.String(), out.String())
			}
		})
	}
}

// underHeader writes the rows of the CSV file rows under the header of the
// CSV file out, by column name: rows typed beside an output's.
func underHeader(t *testing.T, out, rows string) string {
	t.Helper()
	read := func(s string) [][]string {
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	header, in := read(out)[0], read(rows)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, rec := range in[1:] {
		cells := make([]string, len(header))
		for i, name := range in[0] {
			if j := slices.Index(header, name); j >= 0 {
				cells[j] = rec[i]
			}
		}
		w.Write(cells)
	}
	w.Flush()
	return b.String()
}

// A workbook given for a CSV file is named as one, with how to save it as
// CSV: an .xlsx (a zip) was "empty CSV file" or "not UTF-8 text (… GBK …)"
// by its bytes, an .xls the latter.
func TestAWorkbookIsNamedAsSuch(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa4\xe7", "an Excel workbook (.xlsx)"},
		{"PK\x03\x04junk,a,b\n", "an Excel workbook (.xlsx)"},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an Excel 97–2003 (.xls) or WPS (.et) workbook"},
	} {
		_, err := Run("三月.xlsx", strings.NewReader(tc.src), rules(t))
		ds := diag.FromError(err)
		if len(ds) != 1 || ds[0].Line != 1 || !strings.Contains(ds[0].Msg, tc.want) || !strings.Contains(ds[0].Hint, "CSV UTF-8") {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}

// A sheet with a 部门 column holding the department's name (大客户部)
// beside 部门业绩 is read, the result from 部门业绩: it was refused as two
// dept columns. Alone, 部门 (or Department) is still the result's column.
func TestADepartmentNameColumnBesideTheResult(t *testing.T) {
	for _, src := range []string{
		"工号,姓名,部门,岗位,月份,得分,绩效工资,部门业绩\ns1,张三,大客户部,销售,2026-03,88,3000,超额完成\n",
		"工号,姓名,部门业绩,岗位,月份,得分,绩效工资,部门\ns1,张三,超额完成,销售,2026-03,88,3000,大客户部\n",
		"Employee,Department,Role,Month,Score,Base,Department Result\ns1,Key accounts,sales,2026-03,88,3000,exceeded\n",
		"工号,岗位,月份,得分,绩效工资,部门\ns1,销售,2026-03,88,3000,超额完成\n",
	} {
		lines, err := Run("in.csv", strings.NewReader(src), rules(t))
		if err != nil || len(lines) != 1 || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" {
			t.Errorf("%s: %v %+v", src, err, lines)
		}
	}
	_, err := Run("in.csv", strings.NewReader("工号,岗位,月份,得分,绩效工资,部门业绩,部门业绩目标\ns1,销售,2026-03,88,3000,超额完成,超额完成\n"), rules(t))
	if err == nil || !strings.Contains(err.Error(), "is a second dept (部门业绩) column") {
		t.Errorf("two result columns: %v", err)
	}
}

// A payroll sheet as kept in Chinese offices: a row number (序号), the
// criterion columns with their total (考核总分), 绩效工资基数, the result
// spelt out, remarks (备注) and a signature column. The columns the payout
// does not read are skipped; they were unknown columns, and the sheet was
// refused until they were deleted. A misspelt column is still named.
func TestAChinesePayrollSheet(t *testing.T) {
	src := "序号,工号,姓名,岗位,考核月份,业绩,能力,态度,考核总分,绩效工资基数,部门业绩目标完成情况,备注,本人签字\n" +
		"1,s1,张三,销售,2026-03,50,19,19,88,3000,超额完成,,\n2,a1,李四,内勤,2026-03,,,,88,1000,超额完成,请假两天,\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil || len(lines) != 2 || calculator.FormatFen(lines[0].Result.TotalFen) != "2772.00" || calculator.FormatFen(lines[1].Result.TotalFen) != "924.00" {
		t.Fatalf("%v %+v", err, lines)
	}
	_, err = Run("in.csv", strings.NewReader("No.,Employee,Role,Month,Score,Base,Dept,Remarks,Bonus\n1,s1,sales,2026-03,88,3000,met,,\n"), rules(t))
	if ds := diag.FromError(err); len(ds) != 1 || !strings.Contains(ds[0].Msg, `unknown column "Bonus"`) {
		t.Errorf("got %v", err)
	}
}
