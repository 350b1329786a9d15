package main

import (
	"path"
	"slices"
	"strings"
	"time"

	"handbook/calculator"
	"handbook/calculator/batch"
	"handbook/generator/revision"
)

// monthRules are the rules a month file is computed by, and what the
// output says of them: one set for every month (-rules, -version, or a
// handbook with no published revision), or for each month the rules of
// the revision in force in it (byMonth).
type monthRules struct {
	batch.Schedule
	label func(month int) string // whose rules a month's are, as rulesSource says
	// note is what a file of these lines (computed by the schedule; name
	// is the file's, as RunSchedule read it) should know of its rules, or
	// "".
	note func(name string, lines []batch.Line) string
}

// months are the months of lines, one for each line.
func months(lines []batch.Line) []int {
	ms := make([]int, len(lines))
	for i, l := range lines {
		ms[i] = l.Month
	}
	return ms
}

// oneSet computes every month by rules, which source names; the note says
// where they differ from the rules in force (rulesInForce.note).
func oneSet(rules *calculator.Rules, inForce *rulesInForce, source string) monthRules {
	return monthRules{
		Schedule: batch.Schedule{Rules: rules},
		label:    func(int) string { return source },
		note: func(_ string, lines []batch.Line) string {
			return inForce.note(rules, months(lines), time.Now())
		},
	}
}

// byMonth computes each month by the rules of the revision in force on
// its first day, as the note of a file's months names it, and the months
// before any revision (or under one whose rules cannot be read) by the
// working copy's rules wc, which wcSource names (rulesSource). A file
// holding the months before this one, for 末位淘汰, was computed by the
// working copy's rules alone: across a revision that changed a tier, the
// months before it were paid by the new tier, with a note saying which
// -version to give them.
func (f *rulesInForce) byMonth(wc *calculator.Rules, wcPath, wcSource string) monthRules {
	s := batch.Schedule{Rules: wc}
	for i, r := range f.revs {
		// The first month whose first day the revision is in force on.
		from := r.Effective.Year()*12 + int(r.Effective.Month()) - 1
		if r.Effective.Day() > 1 {
			from++
		}
		rules := f.parsed[i]
		if rules == nil {
			rules = wc
		}
		s.Periods = append(s.Periods, batch.Period{From: from, Rules: rules})
	}
	label := func(month int) string {
		if i := f.revisionOf(month); i >= 0 && f.parsed[i] != nil {
			v := f.revs[i].Version
			return rulesSource(path.Join(f.root, revision.Dir, v, "rules.toml"), v, false, nil, nil)
		}
		return wcSource
	}
	note := func(name string, lines []batch.Line) string {
		months := months(lines)
		var parts []string
		// Which revision computed which months, when their rules differ:
		// the figures of one month are not comparable with another's.
		encs := map[string]bool{}
		var spans []string
		var byWC []group // the months the working copy's rules computed
		byRevision := false
		for _, g := range groups(months, func(m int) string {
			i := f.revisionOf(m)
			encs[calculator.Encode(s.For(m))] = true
			switch {
			case i < 0:
				return "by " + wcPath + ", the working copy (no revision was in force yet)"
			case f.parsed[i] == nil:
				return "by " + wcPath + ", the working copy (the rules of revision " + f.revs[i].Version + " cannot be read)"
			}
			byRevision = true
			return "by revision " + f.revs[i].Version
		}) {
			spans = append(spans, g.months(" to ")+" "+g.label)
			if !strings.HasPrefix(g.label, "by revision ") {
				byWC = append(byWC, g)
			}
		}
		if len(encs) > 1 {
			parts = append(parts, "each month is computed by the rules of the revision in force in it: "+strings.Join(spans, ", ")+
				" — give -version V to compute every month by one revision's rules")
		}
		parts = append(parts, f.splits(months)...)
		if f.sameAs(calculator.Encode(wc)) != "" {
			return strings.Join(parts, "; ")
		}
		// Edits not yet published are not what a month under a revision
		// was paid by, nor are the 末位淘汰 flags they would decide
		// otherwise (all_tied = "none": three staff tied at 60 were all
		// last by 2026.1's rules, and nobody by the working copy's),
		// which were not said.
		otherwise := ""
		if byRevision {
			if flags := batch.FlagsOtherwise(name, wc, lines); flags != "" {
				otherwise = ", and they decide 末位淘汰 otherwise: by its rules " + flags
			}
		}
		if len(byWC) == 0 {
			if byRevision {
				parts = append(parts, wcPath+", the working copy, holds edits not yet published: they are not used, each month being computed by the revision in force in it"+otherwise+
					" — give -rules "+wcPath+" to compute by the working copy")
			}
			return strings.Join(parts, "; ")
		}
		// The months before the first revision are computed by the
		// working copy's rules, edits and all: the note said they were
		// not used. Who those edits flag otherwise than the earliest
		// published rules (all_tied = "none" against 2025.1's all last)
		// is named, as the README promises.
		var ms []string
		for _, g := range byWC {
			ms = append(ms, g.months(" to "))
		}
		first := -1
		for i := range f.revs {
			if f.parsed[i] != nil {
				first = i
				break
			}
		}
		text := wcPath + ", the working copy, holds edits not yet published: they are used for " + strings.Join(ms, ", ")
		if f.revisionOf(byWC[0].first) < 0 {
			text += ", before the first revision, " + f.revs[0].Version + " (in force from " + f.revs[0].Effective.Format(time.DateOnly) + ")"
		}
		if first >= 0 {
			v := f.revs[first].Version
			published := batch.Schedule{Rules: f.parsed[first], Periods: s.Periods}
			if flags := published.FlagsOtherwise(name, lines); flags != "" {
				text += ", and decide 末位淘汰 otherwise than the rules of " + v + ", the earliest revision: by " + v + "'s rules " + flags
			}
		}
		if byRevision {
			text += "; they are not used for the months under a revision" + strings.Replace(otherwise, ", and they decide 末位淘汰 otherwise:", ", where they decide 末位淘汰 otherwise:", 1)
		}
		hint := " — give -rules " + wcPath + " to compute every month by the working copy"
		if first >= 0 {
			hint = " — give -version " + f.revs[first].Version + " to compute every month by the rules of the earliest revision, or -rules " + wcPath + " by the working copy's"
		}
		parts = append(parts, text+hint)
		return strings.Join(parts, "; ")
	}
	return monthRules{Schedule: s, label: label, note: note}
}

// source says whose rules computed a file of these months, and their
// rounding rule, as the table ends with them: one revision's (or file's)
// alone, else each one's with its months.
func (by monthRules) source(months []int) (source, rounding string) {
	gs := groups(months, by.label)
	var sources, roundings []string
	for _, g := range gs {
		sources = append(sources, g.label+"："+g.months(" 至 "))
		text := by.For(g.first).Rounding.Text
		if !slices.Contains(roundings, text) {
			roundings = append(roundings, text)
		}
	}
	if len(gs) == 1 {
		return gs[0].label, roundings[0]
	}
	if len(roundings) > 1 {
		roundings = roundings[:0]
		for _, g := range gs {
			roundings = append(roundings, g.label+"："+by.For(g.first).Rounding.Text)
		}
	}
	return strings.Join(sources, "；"), strings.Join(roundings, "；")
}

// group is a run of a file's months (in calendar order) that label alike.
type group struct {
	label       string
	first, last int
}

// months are the group's months, the first and the last joined by to.
func (g group) months(to string) string {
	s := calculator.FormatMonth(g.first)
	if g.last > g.first {
		s += to + calculator.FormatMonth(g.last)
	}
	return s
}

// groups are the distinct months, in calendar order, grouped by label.
func groups(months []int, label func(month int) string) []group {
	ms := slices.Clone(months)
	slices.Sort(ms)
	var gs []group
	for _, m := range slices.Compact(ms) {
		l := label(m)
		if n := len(gs); n > 0 && gs[n-1].label == l {
			gs[n-1].last = m
			continue
		}
		gs = append(gs, group{l, m, m})
	}
	return gs
}
