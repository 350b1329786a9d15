package revision

import "time"

// InForce returns the index of the revision in force on the calendar day
// of today (the one with the latest effective date on or before it; -1
// when none is yet) and the indexes of upcoming revisions, whose
// effective date is still in the future. revs must be sorted as Load
// returns them. Pass today in the company's time zone: only its
// calendar day counts.
func InForce(revs []Revision, today time.Time) (current int, upcoming []int) {
	day := Day(today)
	current = -1
	for i, r := range revs {
		if r.Effective.After(day) {
			upcoming = append(upcoming, i)
		} else {
			current = i
		}
	}
	return current, upcoming
}

// Period is when a revision is in force: from its effective date to the
// day before the next revision's (To, inclusive), or open-ended for the
// last one. A revision superseded on its own effective date has To
// before From: it was never in force.
type Period struct {
	From, To time.Time
	Open     bool
}

// Periods returns the validity period of each revision (sorted as Load
// returns them).
func Periods(revs []Revision) []Period {
	out := make([]Period, len(revs))
	for i, r := range revs {
		out[i].From = r.Effective
		if i+1 < len(revs) {
			out[i].To = revs[i+1].Effective.AddDate(0, 0, -1)
		} else {
			out[i].Open = true
		}
	}
	return out
}

// Contains reports whether the period covers the calendar day of t.
func (p Period) Contains(t time.Time) bool {
	d := Day(t)
	return !d.Before(p.From) && (p.Open || !d.After(p.To))
}
