package calculator

import (
	"errors"
)

// MonthScore is one employee's total score in one calendar month.
type MonthScore struct {
	Employee string
	Month    int   // calendar month as year*12 + (month-1); see ParseMonth
	Score    int64 // hundredths
}

// Mark is the 末位淘汰 ranking outcome of one MonthScore.
type Mark struct {
	// Last says the employee is 倒数第一 in the department's ranking that
	// month (see Ranking for ties and small months).
	Last bool
	// Run is the number of consecutive calendar months, ending with this
	// one, in which the employee was last (0 when not last).
	Run int
	// Flag says Run has reached Ranking.Months: 末位淘汰 applies.
	Flag bool
	// AllTied says everyone ranked in the month has the same score, and
	// the rules (Ranking.AllTied) give such a month no last place: the
	// score is nobody's 倒数第一, which a payroll note says (Last is false).
	AllTied bool
}

// Rank applies the 末位淘汰 rule to a set of month scores of one role
// (rows of other roles must be left out by the caller). The reading it
// implements: a person is last in a month when no one ranked that month
// has a lower score; several people sharing the lowest score are all last
// (TiesAllLast) or none of them is (TiesNoneLast); a month with fewer than
// MinStaff ranked people has no last place, nor, by Ranking.AllTied, one
// in which everyone ranked has the same score (Mark.AllTied says so). "三个月" means consecutive
// calendar months: a month in which the person was not last, or was not
// ranked at all, ends the run. The marks are returned in the order of
// scores; an employee listed twice in one month is an error.
func Rank(rk *Ranking, scores []MonthScore) ([]Mark, error) {
	marks := make([]Mark, len(scores))
	if rk == nil {
		return marks, nil
	}
	type key struct {
		emp   string
		month int
	}
	type monthStat struct {
		n, nLow int
		low     int64
	}
	months := map[int]*monthStat{}
	at := make(map[key]int, len(scores))
	for i, s := range scores {
		k := key{s.Employee, s.Month}
		if j, dup := at[k]; dup {
			return nil, errors.New("employee \"" + s.Employee + "\" has two scores for " + FormatMonth(s.Month) + " (rows " + itoa(j+1) + " and " + itoa(i+1) + ")")
		}
		at[k] = i
		m := months[s.Month]
		if m == nil {
			m = &monthStat{low: s.Score}
			months[s.Month] = m
		}
		m.n++
		m.low = min(m.low, s.Score)
	}
	for _, s := range scores {
		if m := months[s.Month]; s.Score == m.low {
			m.nLow++
		}
	}
	// noBottom: everyone ranked in the month has the same score, and the
	// rules give such a month no last place.
	noBottom := func(m *monthStat) bool {
		return m.nLow == m.n && m.n >= rk.MinStaff && rk.AllTied == TiesNoneLast
	}
	isLast := func(i int) bool {
		s := scores[i]
		m := months[s.Month]
		if m.n < rk.MinStaff || s.Score != m.low || noBottom(m) {
			return false
		}
		return m.nLow == 1 || rk.Ties == TiesAllLast
	}
	for i, s := range scores {
		if !isLast(i) {
			marks[i].AllTied = noBottom(months[s.Month])
			continue
		}
		run := 1
		for mo := s.Month - 1; ; mo-- {
			j, ok := at[key{s.Employee, mo}]
			if !ok || !isLast(j) {
				break
			}
			run++
		}
		marks[i] = Mark{Last: true, Run: run, Flag: run >= rk.Months}
	}
	return marks, nil
}

// ParseMonth reads a calendar month written YYYY-MM.
func ParseMonth(s string) (int, bool) {
	y, m, ok := cut(trimSpace(s), "-")
	if !ok || len(y) != 4 || len(m) != 2 {
		return 0, false
	}
	yy, ok1 := parseInt(y)
	mm, ok2 := parseInt(m)
	if !ok1 || !ok2 || y[0] == '+' || y[0] == '-' || m[0] == '+' || m[0] == '-' || yy < 1900 || mm < 1 || mm > 12 {
		return 0, false
	}
	return int(yy*12 + mm - 1), true
}

// FormatMonth writes a month made by ParseMonth as YYYY-MM.
func FormatMonth(m int) string {
	y, mm := m/12, m%12+1
	s := itoa(y) + "-"
	if mm < 10 {
		s += "0"
	}
	return s + itoa(mm)
}
