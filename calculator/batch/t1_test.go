package batch

import (
	"strings"
	"testing"
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
