package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
)

// A file of three months (the ranking needs the two before this one) is
// paid month by month: the table and the JSON give each month's total, not
// only one sum that reads as this month's payroll. Figures by hand from
// chapter 6: January 2772.00 + (3000 × 70% = 2100.00, + 105.00) = 4977.00;
// February 3150.00 + 1800.00 = 4950.00; March (3000.00 − 150.00) + 0.00 +
// 924.00 = 3774.00; in all 13701.00.
func TestEachMonthIsTotalledApart(t *testing.T) {
	lines, err := Run("q1.csv", strings.NewReader(department), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := WriteTable(&table, lines); err != nil {
		t.Fatal(err)
	}
	tail := table.String()[strings.Index(table.String(), "\n2025-01 合计")+1:]
	want := "2025-01 合计应发 4977.00 元（2 行）\n" +
		"2025-02 合计应发 4950.00 元（2 行）\n" +
		"2025-03 合计应发 3774.00 元（3 行）\n" +
		"各月合计应发 13701.00 元（7 行，3 个月）\n"
	if tail != want {
		t.Errorf("table ends\n%s\nwant\n%s", tail, want)
	}

	var js bytes.Buffer
	if err := WriteJSON(&js, lines); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Months []struct {
			Month    string `json:"month"`
			Rows     int    `json:"rows"`
			TotalFen int64  `json:"total_fen"`
			Total    string `json:"total"`
		} `json:"months"`
		TotalFen int64 `json:"total_fen"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, js.String())
	}
	type m struct {
		Month    string
		Rows     int
		TotalFen int64
		Total    string
	}
	var months []m
	for _, x := range got.Months {
		months = append(months, m(x))
	}
	wantMonths := []m{{"2025-01", 2, 497700, "4977.00"}, {"2025-02", 2, 495000, "4950.00"}, {"2025-03", 3, 377400, "3774.00"}}
	if len(months) != len(wantMonths) {
		t.Fatalf("months = %+v, want %+v", months, wantMonths)
	}
	for i := range months {
		if months[i] != wantMonths[i] {
			t.Errorf("months[%d] = %+v, want %+v", i, months[i], wantMonths[i])
		}
	}
	if got.TotalFen != 1370100 {
		t.Errorf("total_fen = %d, want 1370100", got.TotalFen)
	}

	// A file of one month keeps its one line.
	one, err := Run("march.csv", strings.NewReader("employee,role,month,score,base,dept\ns1,sales,2025-03,88,3000,exceeded\n"), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	table.Reset()
	WriteTable(&table, one)
	if !strings.HasSuffix(table.String(), "\n合计应发 2772.00 元（1 行）\n") || strings.Contains(table.String(), "2025-03 合计") {
		t.Errorf("one month's table:\n%s", table.String())
	}
}

// A second row for an employee's month is named in the same run as the
// file's bad cells: it was named only once every cell was right, so an
// admin who fixed all that the first run named met a new error on the
// second. Rows whose month or employee cannot be read are not compared.
func TestASecondRowIsNamedWithTheBadCells(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\n" +
		"E1,甲,sales,2025-12,88,3000,exceeded\n" +
		"E2,乙,sales,2025-13,88,3000,exceeded\n" +
		"E1,甲,sales,2025-12,90,3000,met\n" +
		"E3,丙,sales,2025-12,101,3000,met\n" +
		"E2,乙,sales,2025-13,70,3000,met\n" +
		",无,sales,2025-12,70,3000,met\n" +
		",无,sales,2025-12,71,3000,met\n"
	_, err := Run("dec.csv", strings.NewReader(src), rules(t))
	if err == nil {
		t.Fatal("no error")
	}
	want := "dec.csv:3:12: error: month \"2025-13\" has no month 13: months run from 01 to 12 — e.g. 2025-03 (or 2025/3, 2025年3月)\n" +
		"dec.csv:4:1: error: employee E1 has a second row for 2025-12 (first on line 2) — keep one row per employee and month\n" +
		"dec.csv:5:20: error: score \"101\" is above 100: a score is from 0 to 100\n" +
		"dec.csv:6:12: error: month \"2025-13\" has no month 13: months run from 01 to 12 — e.g. 2025-03 (or 2025/3, 2025年3月)\n" +
		"dec.csv:7:1: error: empty employee — give each employee a stable identifier\n" +
		"dec.csv:8:1: error: empty employee — give each employee a stable identifier"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
}

// An employee without a row for a month that the file's other sales staff
// have (left out of a 30-person file) is named: that month goes unpaid and
// their 末位淘汰 run restarts after it, and the command said nothing. An
// employee whose rows start after the file's first month (赵六), or end
// before its last (王五, 孙八), is named too, in words a payroll clerk reads
// (a row is left out there as easily: the notes named only a month between
// two of the employee's own); an assistant is not (no ranking), nor a month
// in another role (孙八's December).
func TestAnEmployeeWithoutAMonthIsNamed(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\n" +
		"s1,张伟,sales,2025-11,55,3000,met\n" +
		"s2,李四,sales,2025-11,80,3000,met\n" +
		"s3,王五,sales,2025-11,81,3000,met\n" +
		"s2,李四,sales,2025-12,80,3000,met\n" +
		"s3,王五,sales,2025-12,81,3000,met\n" +
		"s1,张伟,sales,2026-01,55,3000,met\n" +
		"s2,李四,sales,2026-01,80,3000,met\n" +
		"s1,张伟,sales,2026-02,55,3000,met\n" +
		"s2,李四,sales,2026-02,80,3000,met\n" +
		"s4,赵六,sales,2026-02,82,3000,met\n" +
		"a1,钱七,assistant,2025-11,80,1000,met\n" +
		"a1,钱七,assistant,2026-02,80,1000,met\n" +
		// 孙八 moved to 大客户内勤 for December: no row left out.
		"s5,孙八,sales,2025-11,82,3000,met\n" +
		"s5,孙八,assistant,2025-12,82,3000,met\n" +
		"s5,孙八,sales,2026-01,82,3000,met\n"
	lines, err := Run("q.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	// 张伟 last in November, January and February: the run restarts at
	// the missing December, so no 末位淘汰.
	if m := lines[7].Mark; !m.Last || m.Run != 2 || m.Flag {
		t.Errorf("张伟 2026-02: %+v, want last, a run of 2, not flagged", m)
	}
	notes := Notes(rules(t), lines)
	const tail = " — 如是漏填，请补上；如其当时尚未入职或已离职，可不必理会"
	want := []string{
		"s1（张伟）没有 2025-12 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断" + tail,
		"s3（王五）没有 2026-01、2026-02 的行（文件中其他销售人员有）：这些月份没有计算其绩效工资，其末位淘汰的连续月数在这些月份中断" + tail,
		"s4（赵六）没有 2025-11、2025-12、2026-01 的行（文件中其他销售人员有）：这些月份没有计算其绩效工资，其末位淘汰的连续月数在这些月份中断" + tail,
		"s5（孙八）没有 2026-02 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断" + tail,
		// 孙八 was a 大客户内勤 in December, so 钱七 was not the only
		// one: her December is unpaid too. 孙八's February is named
		// once, as a salesperson's.
		"a1（钱七）没有 2025-12 的行（文件中其他大客户内勤有）：该月没有计算其绩效工资" + tail,
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

// UTF-16 without a byte order mark, either byte order, is named as UTF-16
// at once; it was called GBK (Excel's "CSV (逗号分隔)") at line 2.
func TestUTF16WithoutItsMarkIsNamedAsSuch(t *testing.T) {
	text := "employee,role,month,score,base,dept\ns1,销售,2025-03,88,3000,超额完成\n"
	for _, bigEndian := range []bool{false, true} {
		var b []byte
		for _, r := range text { // every rune here is in the BMP
			hi, lo := byte(r>>8), byte(r)
			if bigEndian {
				b = append(b, hi, lo)
			} else {
				b = append(b, lo, hi)
			}
		}
		_, err := Run("u16.csv", bytes.NewReader(b), rules(t))
		want := "u16.csv:1:1: error: the file is UTF-16 text (Excel's and WPS's \"Unicode 文本\"), not UTF-8 — save it as \"CSV UTF-8 (逗号分隔)\" and run again"
		if err == nil || err.Error() != want {
			t.Errorf("big-endian %v: %v\nwant %s", bigEndian, err, want)
		}
	}
}

// Two people of one name in a file of names alone (姓名, no 工号) are told
// how to be told apart: the message said "keep one row per employee and
// month", and following it left one of them unpaid.
func TestNamesakesInAFileOfNames(t *testing.T) {
	src := "姓名,岗位,月份,得分,绩效工资,部门业绩\n" +
		"张伟,销售,2025-12,80,3000,完成\n" +
		"李四,销售,2025-12,70,3000,完成\n" +
		"张伟,销售,2025-12,81,2500,完成\n"
	_, err := Run("dec.csv", strings.NewReader(src), rules(t))
	want := "dec.csv:4:1: error: a second row named 张伟 for 2025-12 (first on line 2): the file has no employee (工号) column, so the name tells the employees apart" +
		" — if they are two people, add an employee (工号) column with an ID for each; if one, keep one row per month"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	// With IDs, they are two employees.
	src = "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\n" +
		"E1,张伟,销售,2025-12,80,3000,完成\n" +
		"E2,李四,销售,2025-12,70,3000,完成\n" +
		"E3,张伟,销售,2025-12,81,2500,完成\n"
	lines, err := Run("dec.csv", strings.NewReader(src), rules(t))
	if err != nil || len(lines) != 3 {
		t.Fatalf("%v %+v", err, lines)
	}
}

// An ID given two names (E005 张伟 in November, E005 李娜 in December, an
// ID typed wrong) is named: its rows are one person's, so two people's
// 末位淘汰 runs were merged in silence. A name spaced to line up (张　伟)
// is the same name.
func TestAnIDWithTwoNamesIsNamed(t *testing.T) {
	src := "工号,姓名,岗位,月份,得分,绩效工资,部门业绩\n" +
		"E005,张伟,销售,2025-11,55,3000,完成\n" +
		"E006,李娜,销售,2025-11,80,3000,完成\n" +
		"E005,李娜,销售,2025-12,55,3000,完成\n" +
		"E006,张伟,销售,2025-12,80,3000,完成\n" +
		"E005,张　伟,销售,2026-01,55,3000,完成\n" +
		"E006,李娜,销售,2026-01,80,3000,完成\n"
	lines, err := Run("q.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "employee E005 is named 张伟 on line 2 and 李娜 on line 4: rows of one ID are one person (one row a month, one 末位淘汰 run) — if they are two people, give each their own ID\n" +
		"employee E006 is named 李娜 on line 3 and 张伟 on line 5: rows of one ID are one person (one row a month, one 末位淘汰 run) — if they are two people, give each their own ID"
	if got := strings.Join(Notes(rules(t), lines), "\n"); got != want {
		t.Errorf("notes:\n%s\nwant:\n%s", got, want)
	}
}

// A file whose lines end with a carriage return alone (Excel for Mac's
// "CSV (Macintosh)") is read line by line, and a bad cell is named at its
// line: the whole file was one header row of a dozen unknown columns.
func TestLinesEndedByACarriageReturnAlone(t *testing.T) {
	src := "employee,role,month,score,base,dept\rs1,sales,2025-01,88,3000,exceeded\rs2,sales,2025-01,70,3000,met\r"
	lines, err := Run("mac.csv", strings.NewReader(src), rules(t))
	if err != nil || len(lines) != 2 || lines[0].Result.TotalFen != 277200 || lines[1].Result.TotalFen != 210000 {
		t.Fatalf("%v %+v", err, lines)
	}
	_, err = Run("mac.csv", strings.NewReader(strings.Replace(src, "70,", "170,", 1)), rules(t))
	if want := `mac.csv:3:18: error: score "170" is above 100: a score is from 0 to 100`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// An empty cell is said to be empty, as an empty score is: an empty base
// was 'base "" is not an amount of yuan with at most two decimals', an
// empty role 'unknown role ""', an empty month 'month "" is not YYYY-MM'.
// Each names its column in Chinese too and says what to do; an empty
// score said "empty score" alone, though the role's criterion scores
// would do in its place.
func TestAnEmptyCellIsSaidToBeEmpty(t *testing.T) {
	src := "employee,role,month,score,base,dept\n" +
		"s1,sales,2025-01,,3000,met\n" +
		"s2,sales,2025-01,88,,met\n" +
		"s3,,2025-01,88,3000,met\n" +
		"s4,sales,,88,3000,met\n" +
		"s5,sales,2025-01,88,3000,\n"
	_, err := Run("jan.csv", strings.NewReader(src), rules(t))
	want := "jan.csv:2:18: error: empty score (得分) — fill it in every row, or give 销售人员's criterion scores: a scores (分项得分) column, or a column for each of 业绩考评 (60), 能力考核 (20), 态度考核 (20)\n" +
		"jan.csv:3:21: error: empty base (绩效工资) — fill it in every row\n" +
		"jan.csv:4:4: error: empty role (岗位) — fill it in every row\n" +
		"jan.csv:5:10: error: empty month (月份) — fill it in every row\n" +
		"jan.csv:6:26: error: empty dept (部门业绩) — fill it in every row"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// The department's result is one fact a month (当月部门业绩目标): a row
// typed 超额完成 among 完成 paid one person a 5% bonus in silence. The
// month is named with the odd rows' lines; months that agree are not.
func TestAMonthsDepartmentResultGivenTwoWays(t *testing.T) {
	src := "employee,role,month,score,base,dept\n" +
		"s1,sales,2025-11,88,3000,met\n" +
		"s2,sales,2025-11,80,3000,完成\n" +
		"s1,sales,2025-12,88,3000,met\n" +
		"s2,sales,2025-12,80,3000,met\n" +
		"s3,sales,2025-12,70,3000,exceeded\n" +
		"a1,assistant,2025-12,70,1000,met\n" +
		"a2,assistant,2025-12,70,1000,未完成\n"
	lines, err := Run("q.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range Notes(rules(t), lines) {
		if strings.Contains(n, "department's result") {
			got = append(got, n)
		}
	}
	want := "the rows of 2025-12 give the department's result two ways — 3 rows 完成, 1 超额完成 (line 6), 1 未完成 (line 8): " +
		"the department's target is met, exceeded or missed once a month, for everyone — check those rows"
	if len(got) != 1 || got[0] != want {
		t.Errorf("notes %q\nwant %q", got, want)
	}
}

// A file spanning a change of rules (the ranking needs the two months
// before this one) is computed month by month by the rules in force in
// each: 96 points pay 105% in January and February, 110% from March, when
// the new rules come into force. The 末位淘汰 ranking still runs across
// the whole file: s2, last in all three months, is flagged in March. The
// whole file was computed by one set of rules.
func TestEachMonthByTheRulesInForceInIt(t *testing.T) {
	old := rules(t)
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	changed, err := rulesfile.Parse("rules.toml", bytes.Replace(src, []byte(`payout = "105%"`), []byte(`payout = "110%"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	march, _ := calculator.ParseMonth("2026-03")
	file := "工号,岗位,月份,得分,绩效工资,部门业绩\n" +
		"s1,销售,2026-01,96,1000,完成\ns2,销售,2026-01,80,1000,完成\n" +
		"s1,销售,2026-02,96,1000,完成\ns2,销售,2026-02,80,1000,完成\n" +
		"s1,销售,2026-03,96,1000,完成\ns2,销售,2026-03,80,1000,完成\n"
	lines, err := RunSchedule("q1.csv", strings.NewReader(file), Schedule{Rules: old, Periods: []Period{{From: march, Rules: changed}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Employee+" "+calculator.FormatMonth(l.Month)+" "+calculator.FormatRate(l.Result.Rate)+" "+calculator.FormatFen(l.Result.TotalFen))
	}
	want := []string{"s1 2026-01 105% 1050.00", "s2 2026-01 80% 800.00", "s1 2026-02 105% 1050.00", "s2 2026-02 80% 800.00", "s1 2026-03 110% 1100.00", "s2 2026-03 80% 800.00"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if m := lines[5].Mark; !m.Flag || m.Run != 3 {
		t.Errorf("s2, last in January, February and March, is not flagged in March: %+v", m)
	}
	// By one set of rules, as with -version, every month is computed by it.
	lines, err = Run("q1.csv", strings.NewReader(file), old)
	if err != nil || calculator.FormatFen(lines[4].Result.TotalFen) != "1050.00" || !lines[5].Mark.Flag {
		t.Errorf("one set of rules: %v %+v", err, lines)
	}
}

// An ID typed full-width (Ｓ2, an input method left in full-width mode),
// or with ideographic spaces around it, is the ID it spells: S2, last in
// each of three months with February's row typed Ｓ2, was two people and
// flagged by nobody. The note names the two forms, as it names IDs that
// differ only in letter case (read as two people, as the file has them)
// and a name given to two IDs (namesakes, or an ID typed wrong).
func TestIDsTypedTwoWays(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\n" +
		"S1,张三,sales,2026-01,90,3000,met\nS2,李四,sales,2026-01,60,3000,met\n" +
		"S1,张三,sales,2026-02,90,3000,met\nＳ２,李四,sales,2026-02,60,3000,met\n" +
		"S1,张三,sales,2026-03,90,3000,met\n\u3000S2\u3000,李四,sales,2026-03,60,3000,met\n" +
		"s1,王五,sales,2026-03,95,3000,met\nS9,张三,assistant,2026-03,95,1000,met\n"
	lines, err := Run("in.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if l := lines[5]; l.Employee != "S2" || !l.Mark.Flag || l.Mark.Run != 3 {
		t.Errorf("S2 in 2026-03: %q %+v, want flagged, last 3 months running", l.Employee, l.Mark)
	}
	if l := lines[3]; l.Employee != "S2" {
		t.Errorf("Ｓ２ is read as %q", l.Employee)
	}
	notes := Notes(rules(t), lines)
	for _, want := range []string{
		"employee IDs S2 (line 3) and Ｓ２ (line 5) differ only in full-width characters: both are read as S2, one person (one row a month, one 末位淘汰 run) — if they are two people, give each their own ID",
		"employee IDs S1 (line 2) and s1 (line 8) differ only in letter case: they are read as two people, each with their own 末位淘汰 run — if they are one, write the ID one way in every row",
		"the name 张三 is given to 2 IDs, S1 (line 2) and S9 (line 9): if they are namesakes, nothing is wrong; if one person, an ID is typed wrong, which splits their 末位淘汰 run — give each row of theirs one ID",
	} {
		if !slices.Contains(notes, want) {
			t.Errorf("no note %q in\n%s", want, strings.Join(notes, "\n"))
		}
	}
	// The ideographic spaces around the third S2 are spaces, trimmed: no
	// note of it, as none of S2 typed with spaces around it.
	for _, n := range notes {
		if strings.Contains(n, "\u3000") || strings.Count(n, "full-width") > 0 && !strings.Contains(n, "Ｓ２") {
			t.Errorf("a note of the spaces: %s", n)
		}
	}
}

// A row's messages are in one language, English, as the file's messages
// are: a score above 100, a criterion score above its maximum, a negative
// or too large base and criterion scores the cell does not give were said
// in the page's Chinese (the engine's messages) beside English ones for
// the month, the base's form and the role.
func TestEveryRowMessageIsInEnglish(t *testing.T) {
	src := "employee,role,month,score,scores,base,dept\n" +
		"S1,sales,2026-03,101,,3000,met\n" +
		"S2,sales,2026-03,-1,,-5,met\n" +
		"S3,sales,2026-03,88,,99999999999,met\n" +
		"S4,sales,2026-03,,50;19,3000,met\n" +
		"S5,sales,2026-03,,60;19;x,3000,met\n" +
		"S6,sales,2026-03,,50;;19,3000,met\n" +
		"S7,sales,2026-03,,业绩=50;能力=19,3000,met\n" +
		"S8,sales,2026-03,,业绩=50;能力=19;能力=19,3000,met\n" +
		"S9,sales,2026-03,,业绩=50;能力=19;态度=19;心情=1,3000,met\n" +
		"S10,sales,2026-03,,业绩50;能力=19;态度=19,3000,met\n" +
		"S11,sales,2026-03,,50;19;19.555,3000,met\n" +
		"S12,sales,2026-03,,61;19;19,3000,met\n" +
		"S13,sales,2026-03,,50;19;-1,3000,met\n"
	_, err := Run("in.csv", strings.NewReader(src), rules(t))
	want := `in.csv:2:18: error: score "101" is above 100: a score is from 0 to 100
in.csv:3:18: error: score "-1" is negative: a score is from 0 to 100
in.csv:3:22: error: base "-5" is negative
in.csv:4:22: error: base "99999999999" is above the largest amount computed, 100000000.00 yuan
in.csv:5:19: error: scores "50;19" give 2 criterion scores, and 销售人员 has 3: 业绩考评 (60), 能力考核 (20), 态度考核 (20), in that order (or name=score pairs)
in.csv:6:19: error: 态度考核 score "x" is not a number with at most two decimals — e.g. 88 or 88.5
in.csv:7:19: error: empty 能力考核 score
in.csv:8:19: error: scores "业绩=50;能力=19" have no 态度考核 score: give every criterion, 业绩考评 (60), 能力考核 (20), 态度考核 (20)
in.csv:9:19: error: 能力 is given twice in scores "业绩=50;能力=19;能力=19"
in.csv:10:19: error: scores "业绩=50;能力=19;态度=19;心情=1" name a criterion "心情" that 销售人员 has not: its criteria are 业绩考评 (60), 能力考核 (20), 态度考核 (20)
in.csv:11:20: error: "业绩50" in scores "业绩50;能力=19;态度=19" is not name=score: write each criterion as 业绩考评=60, or every score in the order 业绩考评 (60), 能力考核 (20), 态度考核 (20)
in.csv:12:20: error: 态度考核 score "19.555" is not a number with at most two decimals — e.g. 88 or 88.5
in.csv:13:20: error: 业绩考评 score 61 is above its maximum, 60
in.csv:14:20: error: 态度考核 score -1 is negative: it is from 0 to 20`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// A revision that changes a role's id (销售人员: sales, then seller) keeps
// it one role for 末位淘汰: s2, last in all three months, two of them
// under the old id, is flagged in March, and the file is not said to
// cover March alone. Keyed by id, the run restarted at the change.
func TestARoleRenamedByARevisionIsOneRole(t *testing.T) {
	old := rules(t)
	src, err := os.ReadFile("../../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	renamed, err := rulesfile.Parse("rules.toml", bytes.Replace(src, []byte(`id = "sales"`), []byte(`id = "seller"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	march, _ := calculator.ParseMonth("2026-03")
	file := "工号,岗位,月份,得分,绩效工资,部门业绩\n" +
		"s1,销售人员,2026-01,96,1000,完成\ns2,销售人员,2026-01,80,1000,完成\n" +
		"s1,销售人员,2026-02,96,1000,完成\ns2,销售人员,2026-02,80,1000,完成\n" +
		"s1,销售人员,2026-03,96,1000,完成\ns2,销售人员,2026-03,80,1000,完成\n"
	s := Schedule{Rules: old, Periods: []Period{{From: march, Rules: renamed}}}
	lines, err := RunSchedule("q1.csv", strings.NewReader(file), s)
	if err != nil {
		t.Fatal(err)
	}
	var flagged []string
	for _, l := range lines {
		if l.Mark.Flag {
			flagged = append(flagged, l.Employee+" "+calculator.FormatMonth(l.Month)+" "+l.Input.Role)
		}
	}
	if strings.Join(flagged, "|") != "s2 2026-03 seller" {
		t.Errorf("flagged %q, want s2 in 2026-03", flagged)
	}
	for _, n := range s.Notes(lines) {
		if strings.Contains(n, "cover") {
			t.Errorf("note %q", n)
		}
	}
	// The new id on a row of a month the old one named the role by (a
	// sheet filled in after the change): the same role.
	lines, err = RunSchedule("q1.csv", strings.NewReader(strings.ReplaceAll(file, "销售人员", "seller")), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 6 || lines[0].Input.Role != "sales" || lines[5].Input.Role != "seller" || !lines[5].Mark.Flag {
		t.Errorf("by the new id: %+v", lines)
	}
}
