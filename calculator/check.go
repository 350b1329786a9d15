package calculator

// Problem is one reason a set of rules cannot be used. Path names the
// offending value in the rules file's terms, e.g. "roles[0].tiers[2].min",
// so the rules-file reader can turn it into file:line:col.
type Problem struct {
	Path string
	Msg  string // what is wrong and what to do, Chinese and English
}

// Check returns every problem of r: tiers that overlap, leave a gap or do
// not cover 0–100, criterion weights not summing to 100, negative rates,
// unknown or duplicate keys, role IDs that a link or a CSV cell cannot
// hold, two roles of one ID or name, missing clause IDs. Rules with no problems can
// be given to Compute for any input.
func (r *Rules) Check() []Problem {
	var ps []Problem
	add := func(path, msg string) { ps = append(ps, Problem{Path: path, Msg: msg}) }
	switch r.Rounding.Mode {
	case HalfUp, HalfEven, Down:
	default:
		add("rounding.mode", "unknown rounding mode; use half-up, half-even or down")
	}
	switch r.Rounding.Unit {
	case 1, 10, 100:
	default:
		add("rounding.unit_fen", "unit_fen = "+itoa(int(r.Rounding.Unit))+" is not a unit of money; use 1 (到分), 10 (到角) or 100 (到元)")
	}
	if r.Rounding.Text == "" {
		add("rounding.text", "state the rounding rule as the page shows it, e.g. text = \"每一步金额四舍五入到分\"")
	} else if msg := roundingTextProblem(r.Rounding); msg != "" {
		add("rounding.text", msg)
	}
	if len(r.Roles) == 0 {
		add("roles", "no [[roles]]; define each role the rules pay, e.g. [[roles]] with id = \"sales\" and name = \"销售人员\", its criteria, tiers and departments below it")
	}
	ids := map[string]string{}   // role ID → the name of the role that has it
	names := map[string]string{} // role name → the ID of the role that has it
	for i := range r.Roles {
		ro := &r.Roles[i]
		p := "roles[" + itoa(i) + "]"
		if msg := roleIDProblem(ro.ID); msg != "" {
			add(p+".id", msg)
		} else if name, twice := ids[ro.ID]; twice {
			add(p+".id", "role id \""+ro.ID+"\" is already the id of "+ifElse(name == "", "a role", name)+" above"+
				"; give each [[roles]] its own id (e.g. the role's title in pinyin or English), or remove the copy")
		} else {
			ids[ro.ID] = ro.Name
		}
		if ro.Name == "" {
			add(p+".name", "role has no name; write its Chinese title, e.g. 销售人员")
		} else if id, twice := names[ro.Name]; twice {
			add(p+".name", "role name \""+ro.Name+"\" is already the name of role \""+id+"\"; give each role its own name, as the page and the results show it")
		} else {
			names[ro.Name] = ro.ID
		}
		if ro.CriteriaClause == "" {
			add(p+".criteria_clause", "missing clause ID of the role's 考核指标, e.g. 销售人员考核指标")
		}
		var sum int64
		for j, c := range ro.Criteria {
			cp := p + ".criteria[" + itoa(j) + "]"
			if c.Name == "" {
				add(cp+".name", "criterion has no name")
			}
			if c.Max <= 0 {
				add(cp+".max", "criterion max points must be positive")
			}
			sum += c.Max
		}
		if len(ro.Criteria) == 0 {
			add(p+".criteria", "role has no [[roles.criteria]]")
		} else if sum != MaxScore {
			who := "the"
			if ro.Name != "" {
				who = ro.Name + "'s"
			}
			add(p+".criteria", who+" criterion weights sum to "+FormatScore(sum)+", not 100; fix the max points")
		}
		checkTiers(ro, p, add)
		results := map[string]bool{}
		for j, a := range ro.Depts {
			ap := p + ".departments[" + itoa(j) + "]"
			switch a.Result {
			case "exceeded", "met", "missed":
			default:
				add(ap+".result", "unknown department result \""+a.Result+"\"; use exceeded, met or missed")
			}
			if results[a.Result] {
				add(ap+".result", "department result \""+a.Result+"\" is defined twice; give each of the role's [[roles.departments]] its own result, exceeded, met or missed, or remove the copy")
			}
			results[a.Result] = true
			if a.Name == "" {
				add(ap+".name", "department result has no name, e.g. 超额完成")
			}
			if a.Rate <= -RateScale || a.Rate > RateScale {
				add(ap+".adjust", "adjustment must be above −100% and at most +100%")
			}
			if a.Clause == "" {
				add(ap+".clause", "missing clause ID, e.g. 销售人员奖惩办法.5")
			}
		}
		for _, k := range [...]string{"exceeded", "met", "missed"} {
			if !results[k] {
				add(p+".departments", "no [[roles.departments]] with result = \""+k+"\"")
			}
		}
		if rk := ro.Ranking; rk != nil {
			switch {
			case rk.Months == 0:
				add(p+".ranking.months", "the ranking has no months: write the months 末位淘汰 counts, e.g. months = 3")
			case rk.Months < 1 || rk.Months > 24:
				add(p+".ranking.months", "months must be between 1 and 24")
			}
			switch {
			case rk.MinStaff == 0:
				add(p+".ranking.min_staff", "the ranking has no min_staff: write the fewest staff a month needs to have a last place, e.g. min_staff = 2")
			case rk.MinStaff < 2:
				add(p+".ranking.min_staff", "min_staff must be at least 2: with one person there is no ranking")
			}
			if rk.Ties != TiesAllLast && rk.Ties != TiesNoneLast {
				add(p+".ranking.ties", "unknown tie rule; use all or none")
			}
			if rk.AllTied != TiesAllLast && rk.AllTied != TiesNoneLast {
				add(p+".ranking.all_tied", "unknown rule for a month everyone ties; use all or none")
			}
			if rk.Clause == "" {
				add(p+".ranking.clause", "missing clause ID, e.g. 销售人员奖惩办法.4")
			}
		}
	}
	for i := range r.Roles {
		// A name read as another role's ID (name = "QC" beside id = "qc")
		// would find that role in a link or a CSV row, not its own.
		for j := range r.Roles {
			if n := r.Roles[i].Name; i != j && n != "" && equalFold(r.Roles[j].ID, n) {
				add("roles["+itoa(i)+"].name", "role name \""+n+"\" reads as the id of role "+r.Roles[j].Name+
					"; give the role a name that is no other role's id, e.g. its Chinese title")
			}
		}
	}
	for i, rd := range r.Readings {
		p := "readings[" + itoa(i) + "]"
		if rd.ID == "" {
			add(p+".id", "reading has no id")
		}
		if rd.Clause == "" {
			add(p+".clause", "missing clause ID the reading belongs to")
		}
		if rd.Text == "" {
			add(p+".text", "reading has no text")
		}
	}
	return ps
}

func checkTiers(ro *Role, p string, add func(path, msg string)) {
	if len(ro.Tiers) == 0 {
		add(p+".tiers", "role has no [[roles.tiers]]")
		return
	}
	// Tiers listed from the top down, as the text lists them (95——100
	// first), are one mistake, said once: not an overlap for every tier
	// and a range left uncovered at each end.
	unordered := false
	for j := 1; j < len(ro.Tiers) && !unordered; j++ {
		if t, prev := &ro.Tiers[j], &ro.Tiers[j-1]; t.Min < prev.Min {
			add(p+".tiers["+itoa(j)+"].min", "tier "+TierLabel(t)+" comes after tier "+TierLabel(prev)+
				"; list the tiers from the lowest score up (e.g. 0–59, 60–89, 90–94, 95–100), each starting 1 point above the previous max")
			unordered = true
		}
	}
	for j := range ro.Tiers {
		t := &ro.Tiers[j]
		tp := p + ".tiers[" + itoa(j) + "]"
		if t.Clause == "" {
			add(tp+".clause", "missing clause ID, e.g. 销售人员奖惩办法.1")
		}
		if t.Kind != Fixed && t.Kind != ScorePercent {
			add(tp+".payout", "unknown payout kind")
		}
		if t.Kind == Fixed && t.Rate < 0 {
			add(tp+".payout", "negative payout rate "+FormatRate(t.Rate))
		}
		if t.Kind == Fixed && t.Rate > 2*RateScale {
			add(tp+".payout", "payout rate "+FormatRate(t.Rate)+" is above 200%")
		}
		if t.Min < 0 || t.Max > MaxScore || t.Min > t.Max {
			add(tp+".min", "tier "+TierLabel(t)+" is not a range within 0–100")
			continue
		}
		if unordered {
			continue // said once above
		}
		if j == 0 {
			if t.Min != 0 {
				add(tp+".min", "the first tier starts at "+FormatScore(t.Min)+"; tiers must cover 0–100 (start at 0)")
			}
			continue
		}
		prev := &ro.Tiers[j-1]
		switch {
		case t.Min <= prev.Max:
			add(tp+".min", "tier "+TierLabel(t)+" overlaps tier "+TierLabel(prev)+"; order tiers by score and start each above the previous max")
		case t.Min > prev.Max+ScoreScale:
			add(tp+".min", "gap between tier "+TierLabel(prev)+" and tier "+TierLabel(t)+"; start this tier at most 1 point above the previous max")
		}
	}
	if last := &ro.Tiers[len(ro.Tiers)-1]; last.Max != MaxScore && !unordered {
		add(p+".tiers["+itoa(len(ro.Tiers)-1)+"].max", "the last tier ends at "+FormatScore(last.Max)+"; tiers must cover 0–100 (end at 100)")
	}
}

// roundingTextProblem says how the rounding text, shown with every result,
// disagrees with the mode and unit the amounts are rounded by, or "". The
// text must use the wording of its mode (四舍五入, 四舍六入五成双 or 舍去)
// and of its unit (到分, 到角 or 到元), and no other mode's or unit's.
func roundingTextProblem(r Rounding) string {
	modes := [...]string{HalfUp: "四舍五入", HalfEven: "四舍六入五成双", Down: "舍去"}
	units := [...]struct {
		fen  int64
		word string
	}{{1, "到分"}, {10, "到角"}, {100, "到元"}}
	unit := ""
	for _, u := range units {
		if u.fen == r.Unit {
			unit = u.word
		}
	}
	if int(r.Mode) >= len(modes) || unit == "" {
		return "" // reported on mode and unit_fen
	}
	for m, w := range modes {
		if has := contains(r.Text, w); has != (RoundingMode(m) == r.Mode) {
			return "the text says " + ifElse(has, "", "nothing of ") + w + " but mode = \"" + RoundingModeName(r.Mode) + "\" rounds " +
				modes[r.Mode] + "; state the mode's rule in the text (" + modes[r.Mode] + "), or change the mode"
		}
	}
	for _, u := range units {
		if has := contains(r.Text, u.word); has != (u.fen == r.Unit) {
			return "the text says " + ifElse(has, "", "nothing of ") + u.word + " but unit_fen = " + itoa(int(r.Unit)) + " rounds " +
				unit + "; state the unit in the text (" + unit + "), or change unit_fen"
		}
	}
	return ""
}

// roleIDProblem says what is wrong with a role ID, or "". An ID is written
// in links (#role=picker), on the command line and in CSV cells, so it is
// lower-case ASCII letters, digits and hyphens, starting with a letter:
// nothing a URL must escape, nothing a spreadsheet reads as a formula or
// a number, no space to lose.
func roleIDProblem(id string) string {
	const what = "; write it in lower-case letters a–z, digits and hyphens, starting with a letter (e.g. id = \"picker\" or id = \"team-lead\"), and the Chinese title as the role's name"
	if id == "" {
		return "role has no id" + what
	}
	if len(id) > 32 {
		return "role id \"" + id + "\" is longer than 32 characters; shorten it: it is typed in links and on the command line"
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || i > 0 && ('0' <= c && c <= '9' || c == '-')) {
			return "role id \"" + id + "\" cannot be used in links and CSV files" + what
		}
	}
	return ""
}

func ifElse(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
