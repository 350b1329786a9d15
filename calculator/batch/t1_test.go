package batch

import (
	"strings"
	"testing"

	"handbook/calculator"
)

// A 大客户内勤 without a row for a month the other 大客户内勤 have is named
// as a salesperson is: her role has no 末位淘汰, but her month is unpaid
// all the same, and the month's total was short by her pay in silence.
// The note says nothing of a run her role does not have.
func TestAnAssistantLeftOutOfAMonthIsNamed(t *testing.T) {
	src := "employee,name,role,month,score,base,dept\n" +
		"S1,张三,sales,2026-03,50,3000,met\nS2,李四,sales,2026-03,80,3000,met\n" +
		"A1,赵六,assistant,2026-03,90,1000,met\nA2,钱七,assistant,2026-03,90,1000,met\n" +
		"S1,张三,sales,2026-04,50,3000,met\nS2,李四,sales,2026-04,80,3000,met\n" +
		"A1,赵六,assistant,2026-04,90,1000,met\n" +
		"S1,张三,sales,2026-05,50,3000,met\n" +
		"A1,赵六,assistant,2026-05,90,1000,met\nA2,钱七,assistant,2026-05,90,1000,met\n"
	lines, err := Run("m5.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	const tail = " — 如是漏填，请补上；如其当时尚未入职或已离职，可不必理会"
	want := []string{
		"S2（李四）没有 2026-05 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断" + tail,
		"A2（钱七）没有 2026-04 的行（文件中其他大客户内勤有）：该月没有计算其绩效工资" + tail,
	}
	var got []string
	for _, n := range Notes(rules(t), lines) {
		if strings.Contains(n, "没有 2026") {
			got = append(got, n)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A file whose columns are separated by ; is a spreadsheet's of a locale
// that writes decimal commas: its 88,5 and 3000,50 are read (each was
// refused), 3.000,50 is 3000.50, and a comma that may be a thousands
// separator or a decimal comma (3,000) is refused, never guessed. A
// decimal comma in a comma-separated file (quoted) is refused with how to
// write it.
func TestDecimalCommasInASemicolonFile(t *testing.T) {
	src := "employee;role;month;score;base;dept\n" +
		"S1;sales;2026-03;88,5;3000,50;met;\n" +
		"S2;sales;2026-03;88;3.000,50;met;\n" +
		"S3;sales;2026-03;88;3,000.50;met;\n" +
		"S4;sales;2026-03;88;1.234.567,5;met;\n" +
		"S5;sales;2026-03;88;1,234,567;met;\n" +
		"S6;sales;2026-03;88;3000;met;\n" +
		"S7;sales;2026-03;88,05;3000;met;\n" +
		"S8;assistant;2026-03;;3000;met;\"20;30;40;4,5\"\n" +
		"S9;sales;2026-03;88;3 000,50;met;\n"
	src = strings.Replace(src, "dept\n", "dept;scores\n", 1)
	lines, err := Run("semi.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"S1 88.5 300050", "S2 88 300050", "S3 88 300050", "S4 88 123456750", "S5 88 123456700", "S6 88 300000", "S7 88.05 300000", "S8 94.5 300000", "S9 88 300050",
	}
	for i, l := range lines {
		score := l.Result.Score
		if got := l.Employee + " " + calculator.FormatScore(score) + " " + itoa(int(l.Input.BaseFen)); got != want[i] {
			t.Errorf("row %d: %s, want %s", i+2, got, want[i])
		}
	}

	bad := "employee;role;month;score;base;dept\n" +
		"S1;sales;2026-03;88;3,000;met\n" +
		"S2;sales;2026-03;88,555;3000;met\n" +
		"S3;sales;2026-03;88;3.000;met\n"
	_, err = Run("semi.csv", strings.NewReader(bad), rules(t))
	wantErr := `semi.csv:2:21: error: base "3,000" has a comma that may be a thousands separator or a decimal comma (the file's columns are separated by ;, as a spreadsheet set to a decimal-comma locale writes them) — write 3000 if the comma separates thousands; a decimal takes at most two digits after its comma or point
semi.csv:3:18: error: score "88,555" has a comma that may be a thousands separator or a decimal comma (the file's columns are separated by ;, as a spreadsheet set to a decimal-comma locale writes them) — write 88555 if the comma separates thousands; a decimal takes at most two digits after its comma or point
semi.csv:4:21: error: base "3.000" is not an amount of yuan with at most two decimals — if it is 3000, write it without the point (a decimal has at most two digits after its point)`
	if err == nil || err.Error() != wantErr {
		t.Errorf("got\n%v\nwant\n%s", err, wantErr)
	}

	comma := "employee,role,month,score,base,dept\n" +
		"S1,sales,2026-03,\"88,5\",\"3000,50\",met\n" +
		"S2,sales,2026-03,88 5,3000,met\n"
	_, err = Run("comma.csv", strings.NewReader(comma), rules(t))
	wantErr = `comma.csv:2:18: error: score "88,5" is not a number with at most two decimals — write the decimal with a point: 88.5
comma.csv:2:25: error: base "3000,50" is not an amount of yuan with at most two decimals — write the decimal with a point: 3000.50
comma.csv:3:18: error: score "88 5" is not a number with at most two decimals — write the number without spaces (a space is read only between groups of three digits: 3 000)`
	if err == nil || err.Error() != wantErr {
		t.Errorf("got\n%v\nwant\n%s", err, wantErr)
	}
}

// A title row above the header is skipped with a note naming its line,
// as a 合计 row below the rows is: the README says both are skipped "with
// a note", and the title was skipped in silence. A blank row says nothing.
func TestATitleRowIsSkippedWithANote(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"2026年3月绩效工资表\nemployee,role,month,score,base,dept\nS1,sales,2026-03,88,3000,met\n",
			"line 1 (2026年3月绩效工资表) is the sheet's title, above the header row: it is skipped"},
		{"\ufeff大客户部 绩效工资表,,,,,\n,,,,,\n2026年3月,,,,,\nemployee,role,month,score,base,dept\nS1,sales,2026-03,88,3000,met\n",
			"line 1 (大客户部 绩效工资表) and line 3 (2026年3月) are the sheet's title rows, above the header row: they are skipped"},
		{"employee,role,month,score,base,dept\nS1,sales,2026-03,88,3000,met\n", ""},
	} {
		lines, err := Run("title.csv", strings.NewReader(tc.src), rules(t))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range Notes(rules(t), lines) {
			if strings.Contains(n, "title") {
				got = append(got, n)
			}
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("notes %q, want %q", got, tc.want)
		}
	}
}

// The sales criteria's columns are read by the names the text gives them
// (业绩考评, 能力考核, 态度考核) and by the names they had (业绩, 能力,
// 态度), mixed too; the assistant's 工作态度 column is hers even beside a
// 态度 column, which a short form of her 工作态度 would name too.
func TestCriterionColumnsByNameOrShortForm(t *testing.T) {
	src := "employee,role,month,业绩考评,能力,态度,工作量,工作态度,工作能力,工作效果,base,dept\n" +
		"S1,sales,2026-03,50,19,19,,,,,3000,met\n" +
		"A1,assistant,2026-03,,,,20,25,35,8,1000,met\n"
	lines, err := Run("crit.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if s := lines[0].Input.Scores; len(s) != 3 || s[0] != 5000 || s[1] != 1900 || s[2] != 1900 {
		t.Errorf("S1's scores %v", s)
	}
	if s := lines[1].Input.Scores; len(s) != 4 || s[1] != 2500 {
		t.Errorf("A1's scores %v", s)
	}
	_, err = Run("crit.csv", strings.NewReader("employee,role,month,业绩,考核,base,dept\nS1,sales,2026-03,50,19,3000,met\n"), rules(t))
	if err == nil || !strings.Contains(err.Error(), `crit.csv:1:24: error: unknown column "考核"`) {
		t.Errorf("a short form two criteria share: %v", err)
	}
}
