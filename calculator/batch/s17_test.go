package batch

import (
	"os"
	"strconv"
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

// A row whose 末位淘汰 mark a reading of ties decided (the month's lowest
// score shared: everyone last by 2026.1's rules, nobody in a month
// everyone tied by the working copy's), in its month or in a month of the
// run it is last in, names the ranking's reading, by id, in -json's
// ranking_readings: such rows had "readings": [] alone, though the tie
// decided who was last and who was flagged. A row nobody tied with has
// none, nor one last alone every month.
func TestARowATieDecidedNamesItsReading(t *testing.T) {
	src, err := os.ReadFile("testdata/all-tied.csv")
	if err != nil {
		t.Fatal(err)
	}
	src = append(src, "S4,,assistant,2026-08,60,1000,met\n"...)
	ids := func(lines []Line) string {
		var s []string
		for _, l := range lines {
			var rs []string
			for _, rd := range l.RankingReadings {
				rs = append(rs, rd.ID)
			}
			s = append(s, l.Employee+" "+calculator.FormatMonth(l.Month)+" "+strings.Join(rs, ","))
		}
		return strings.Join(s, "\n")
	}
	// 2026-08 all three at 60, 2026-09 and 2026-10 S1 and S2 tied last.
	const want = "S1 2026-10 last-three-months\nS2 2026-10 last-three-months\nS3 2026-10 \n" +
		"S1 2026-08 last-three-months\nS2 2026-08 last-three-months\nS3 2026-08 last-three-months\n" +
		"S1 2026-09 last-three-months\nS2 2026-09 last-three-months\nS3 2026-09 \nS4 2026-08 "
	for _, file := range []string{"content/rules.toml", "content/revisions/2026.1/rules.toml"} {
		lines, err := Run("rank.csv", strings.NewReader(string(src)), rulesAt(t, file))
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(lines); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", file, got, want)
		}
		var b strings.Builder
		WriteJSON(&b, lines)
		rd := lines[0].RankingReadings[0]
		if !strings.Contains(b.String(), `"elimination":`+strconv.FormatBool(lines[0].Mark.Flag)+`,"ranking_readings":[{"id":"last-three-months","clause":"销售人员奖惩办法.4","text":`+strconv.Quote(rd.Text)+`}],"result":`) ||
			strings.Count(b.String(), `"ranking_readings":[]`) != 3 || rd.Text == "" {
			t.Errorf("%s: -json:\n%s", file, b.String())
		}
	}

	// S1 last alone in 2026-02 and 2026-03, tied with S2 in 2026-01: the
	// tie made the run, and the flag names the reading; S3, last alone
	// three months running, has none.
	lines, err := Run("run.csv", strings.NewReader("employee,role,month,score,base,dept\n"+
		"S1,sales,2026-01,60,3000,met\nS2,sales,2026-01,60,3000,met\nS9,sales,2026-01,90,3000,met\n"+
		"S1,sales,2026-02,60,3000,met\nS2,sales,2026-02,70,3000,met\nS9,sales,2026-02,90,3000,met\n"+
		"S1,sales,2026-03,60,3000,met\nS2,sales,2026-03,70,3000,met\nS9,sales,2026-03,90,3000,met\n"+
		"S3,sales,2026-04,50,3000,met\nS9,sales,2026-04,90,3000,met\nS3,sales,2026-05,50,3000,met\nS9,sales,2026-05,90,3000,met\nS3,sales,2026-06,50,3000,met\nS9,sales,2026-06,90,3000,met\n"), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if l := lines[6]; !l.Mark.Flag || len(l.RankingReadings) != 1 || l.RankingReadings[0].ID != "last-three-months" {
		t.Errorf("S1 2026-03: %+v %v", l.Mark, l.RankingReadings)
	}
	if l := lines[3]; len(l.RankingReadings) != 1 {
		t.Errorf("S1 2026-02, last alone in a run the tie began: %+v %v", l.Mark, l.RankingReadings)
	}
	if l := lines[len(lines)-2]; !l.Mark.Flag || l.RankingReadings != nil {
		t.Errorf("S3 2026-06, last alone three months: %+v %v", l.Mark, l.RankingReadings)
	}
}
