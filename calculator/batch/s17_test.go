package batch

import (
	"os"
	"strings"
	"testing"

	"handbook/calculator"
)

// everyoneTies is three sales staff at 98 points for three months: the
// ranking has no bottom in any of them.
const everyoneTies = `employee,role,month,score,base,dept
S1,sales,2026-01,98,3000,met
S2,sales,2026-01,98,3000,met
S3,sales,2026-01,98,3000,met
S1,sales,2026-02,98,3000,met
S2,sales,2026-02,98,3000,met
S3,sales,2026-02,98,3000,met
S1,sales,2026-03,98,3000,met
S2,sales,2026-03,98,3000,met
S3,sales,2026-03,98,3000,met
`

// A month everyone ties has no last place by the working copy's rules, and
// a note says so of each such month: all three were flagged 末位淘汰
// (连续倒数第一 3) with no word. By 2026.1's rules, published without
// all_tied, they are flagged as they were, and a note says of each month
// that everyone tied and was counted last: it said nothing, and the
// README promises a note of such a month whichever rules read it.
func TestAMonthEveryoneTiesIsNoted(t *testing.T) {
	r := rules(t)
	lines, err := Run("tie.csv", strings.NewReader(everyoneTies), r)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Mark.Last || l.Mark.Flag || !l.Mark.AllTied {
			t.Errorf("%s %d: %+v", l.Employee, l.Month, l.Mark)
		}
	}
	var got []string
	for _, n := range Notes(r, lines) {
		if strings.Contains(n, "全部相同") {
			got = append(got, n)
		}
	}
	want := []string{
		"2026-01 参加排名的 3 名销售人员得分全部相同（均为 98 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算",
		"2026-02 参加排名的 3 名销售人员得分全部相同（均为 98 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算",
		"2026-03 参加排名的 3 名销售人员得分全部相同（均为 98 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	pub := rulesAt(t, "content/revisions/2026.1/rules.toml")
	lines, err = Run("tie.csv", strings.NewReader(everyoneTies), pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if want := l.Month - lines[0].Month + 1; !l.Mark.Last || l.Mark.Run != want || l.Mark.Flag != (want == 3) || l.Mark.AllTied {
			t.Errorf("2026.1: %s %d: %+v", l.Employee, l.Month, l.Mark)
		}
	}
	got = got[:0]
	for _, n := range Notes(pub, lines) {
		if strings.Contains(n, "全部相同") {
			got = append(got, n)
		}
	}
	want = []string{
		"2026-01 参加排名的 3 名销售人员得分全部相同（均为 98 分）：该月所用的规则没有 all_tied = \"none\"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月",
		"2026-02 参加排名的 3 名销售人员得分全部相同（均为 98 分）：该月所用的规则没有 all_tied = \"none\"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月",
		"2026-03 参加排名的 3 名销售人员得分全部相同（均为 98 分）：该月所用的规则没有 all_tied = \"none\"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("2026.1 notes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// allTiedFile is testdata/all-tied.csv: an admin's file of three sales staff
// over three months, given out of order and in three spellings of a month;
// in 2026-08 all three scored 60. generator/cmd/handbook's tests read it
// too.
const allTiedFile = "testdata/all-tied.csv"

// A month everyone tied is said by the rules that decide that month, not
// by those of the file's last month, and a 末位淘汰 run counts each month
// as its own rules rank it. Under rules without all_tied throughout, S1
// and S2 (last in 2026-09 and 2026-10) are flagged in 2026-10, and the
// note of 2026-08 says they were counted last there. With 2026-08 under
// those rules and the months after under the working copy's, the same:
// the working copy's reading of 2026-08 (nobody last) broke their run, so
// nobody was flagged, by rules not in force in that month. With 2026-08
// under the working copy's, nobody was last in it, and nobody is flagged
// (the published rules' reading of 2026-08 flagged S1 and S2).
func TestAMonthEveryoneTiesIsSaidByItsOwnRules(t *testing.T) {
	wc := rules(t)
	pub := rulesAt(t, "content/revisions/2026.1/rules.toml")
	aug, _ := calculator.ParseMonth("2026-08")
	const allLast = "2026-08 参加排名的 3 名销售人员得分全部相同（均为 60 分）：该月所用的规则没有 all_tied = \"none\"（[roles.ranking]），按其读法并列最低分均为倒数第一，3 人都计为该月倒数第一，末位淘汰的连续月数都计入该月"
	const noneLast = "2026-08 参加排名的 3 名销售人员得分全部相同（均为 60 分），排名没有末位：按本手册的读法，该月无人为倒数第一，末位淘汰的连续月数在该月重新计算"
	for _, tc := range []struct {
		name    string
		s       Schedule
		flagged string
		note    string
	}{
		{"2026.1 throughout", Schedule{Rules: pub}, "S1 S2", allLast},
		{"the working copy throughout", Schedule{Rules: wc}, "", noneLast},
		{"2026-08 by 2026.1, the rest by the working copy", Schedule{Rules: pub, Periods: []Period{{From: aug + 1, Rules: wc}}}, "S1 S2", allLast},
		{"2026-08 by the working copy, the rest by 2026.1", Schedule{Rules: wc, Periods: []Period{{From: aug + 1, Rules: pub}}}, "", noneLast},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(allTiedFile)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			lines, err := RunSchedule("rank.csv", f, tc.s)
			if err != nil {
				t.Fatal(err)
			}
			var flagged []string
			for _, l := range lines {
				if l.Mark.Flag {
					flagged = append(flagged, l.Employee)
				}
			}
			var notes []string
			for _, n := range tc.s.Notes(lines) {
				if strings.Contains(n, "全部相同") {
					notes = append(notes, n)
				}
			}
			if strings.Join(flagged, " ") != tc.flagged || strings.Join(notes, "\n") != tc.note {
				t.Errorf("flagged %q, notes:\n%s\nwant flagged %q, note:\n%s", flagged, strings.Join(notes, "\n"), tc.flagged, tc.note)
			}
		})
	}
}

// An employee missing from the file's last month (S2, absent in 2026-06)
// or first months (N1, whose rows start in 2026-03) is named as one
// missing from a month between is: only the middle month was, and the
// README promises a note for an employee without a row for a month the
// others have.
func TestAnEmployeeMissingAtEitherEndIsNamed(t *testing.T) {
	src := "employee,role,month,score,base,dept\n"
	for _, m := range []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"} {
		for _, e := range []string{"S1", "S2", "S3", "N1"} {
			switch {
			case e == "S2" && m == "2026-06", e == "N1" && m < "2026-03", e == "S3" && m == "2026-04":
				continue
			}
			src += e + ",sales," + m + ",88,3000,met\n"
		}
	}
	lines, err := Run("h1.csv", strings.NewReader(src), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	const tail = " — 如是漏填，请补上；如其当时尚未入职或已离职，可不必理会"
	want := []string{
		"S2 没有 2026-06 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断" + tail,
		"S3 没有 2026-04 的行（文件中其他销售人员有）：该月没有计算其绩效工资，其末位淘汰的连续月数在该月中断" + tail,
		"N1 没有 2026-01、2026-02 的行（文件中其他销售人员有）：这些月份没有计算其绩效工资，其末位淘汰的连续月数在这些月份中断" + tail,
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
