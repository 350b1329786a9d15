package build

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/markdown"
)

// calcView is what the templates need to show the calculator and, without
// JavaScript, the rules table.
type calcView struct {
	Rules       string // calculator.Encode: the page hands it to the module
	ChapterURL  string // edition-relative URL of the page holding the clauses
	Chapter     string // how the pages name that chapter: 第六章, or 《its title》 (chapterRef)
	Roles       []roleView
	Adjustments []adjView
	Rounding    string
	// Readings are the rules file's readings of the text's gaps (where
	// 94.5 goes, what 末位淘汰 counts), each with its clause: the page
	// without JavaScript lists them under the tables.
	Readings []readingView
	// Filled in per edition root when rendering.
	WASM       string
	ClauseBase string
}

type roleView struct {
	Name     string
	Criteria []struct {
		Name string
		Max  string
	}
	Tiers []tierView
}

// tierView is a tier's row of the rules table; Label names its clause
// (see clauseLabel).
type tierView struct{ Range, Payout, Clause, Label string }

// adjView is a row of the 部门业绩目标 table: a result, what it does, and
// the clauses that say so (one for each role citing another clause; the
// role is named when there are several).
type adjView struct {
	Name, Effect string
	Links        []adjLink
}

type adjLink struct{ Clause, Label, Role string }

// readingView is a reading and the clause it reads: its ID and how the
// rules table names it (第3条 for an item, the heading ID otherwise).
type readingView struct{ Text, Clause, Label string }

// reChapterNumber is a chapter title's number: 第六章, 第12章.
var reChapterNumber = regexp.MustCompile(`^第[一二三四五六七八九十百零〇两0-9]+章`)

// chapterRef is how a sentence names the chapter titled title: its
// number (第六章) where the title has one, else the title in 《》.
func chapterRef(title string) string {
	if m := reChapterNumber.FindString(strings.TrimSpace(title)); m != "" {
		return m
	}
	return "《" + strings.TrimSpace(title) + "》"
}

// tierPayLabel is how the rules table says tier t pays: 105%, or 按得分比例
// with an example of a score of the tier: 80 where it has it (60–89), else
// the whole score at its middle (69 for 60–79). 80 分发 80% was shown
// under 60–79 too, though the tier above pays 80.
func tierPayLabel(t calculator.Tier) string {
	if t.Kind != calculator.ScorePercent {
		return calculator.FormatRate(t.Rate)
	}
	ex := int64(80 * calculator.ScoreScale)
	if ex < t.Min || ex > t.Max {
		ex = (t.Min + t.Max) / 2 / calculator.ScoreScale * calculator.ScoreScale
	}
	return "按得分比例（如 " + calculator.FormatScore(ex) + " 分发 " + calculator.FormatScore(ex) + "%）"
}

// clauseLabel names a clause ID as the rules table does: 第n条 for a
// numbered item (heading.n), the ID itself for a heading.
func clauseLabel(id string) string {
	if i := strings.IndexByte(id, '.'); i >= 0 && i+1 < len(id) {
		return "第" + id[i+1:] + "条"
	}
	return id
}

// applyRules checks that every clause the rules name exists, puts the
// rules' readings beside their clauses as editor's notes, and recomputes
// the worked examples of the text.
func applyRules(ed *edition, file string) diag.List {
	var errs diag.List
	r := ed.rules
	src := ed.tree.Rules
	// A clause no page has is said once, with everything that cites it:
	// a renamed heading left a dozen errors, three of them at one line.
	cited := map[string][]string{}
	var missing []string
	need := func(id, what string) *content.Page {
		if id == "" {
			return nil
		}
		p := clausePage(ed, id)
		if p == nil {
			if cited[id] == nil {
				missing = append(missing, id)
			}
			cited[id] = append(cited[id], what)
		}
		return p
	}
	var chapter *content.Page
	for _, ro := range r.Roles {
		if p := need(ro.CriteriaClause, "role "+ro.Name); p != nil && chapter == nil {
			chapter = p
		}
		for _, t := range ro.Tiers {
			need(t.Clause, "a tier of "+ro.Name)
		}
		for _, a := range ro.Depts {
			need(a.Clause, "department result "+a.Result+" of "+ro.Name)
		}
		if ro.Ranking != nil {
			need(ro.Ranking.Clause, "the ranking rule of "+ro.ID)
		}
	}
	errs = append(errs, rulesAgainstText(ed, file)...)
	ed.notes = map[*content.Page]clauseNotes{}
	note := func(p *content.Page, id, text string) {
		if ed.notes[p] == nil {
			ed.notes[p] = clauseNotes{}
		}
		ed.notes[p][id] = append(ed.notes[p][id], text)
	}
	for _, rd := range r.Readings {
		if p := need(rd.Clause, "reading "+rd.ID); p != nil {
			ed.docs[p].AddNoteToClause(rd.Clause, rd.Text)
			note(p, rd.Clause, rd.Text)
		}
	}
	// The clauses of a heading whose ID went to another heading (written
	// on two) are said once, as the heading's: each was an error of its
	// own, five errors for one slip.
	lost := map[string][]string{} // heading ID → its clauses cited
	for _, id := range missing {
		head := clauseHead(id)
		if clausePage(ed, head) != nil {
			continue
		}
		if _, ok := twinHeadings(ed, head); ok {
			lost[head] = append(lost[head], id)
		}
	}
	for _, id := range missing {
		head := clauseHead(id)
		ids := lost[head]
		if len(ids) < 2 {
			errs.Add(diag.At(file, src, strings.Index(string(src), `"`+id+`"`),
				"clause #"+id+", which no page has, is cited by "+strings.Join(cited[id], ", "), missingClauseHint(ed, id)))
			continue
		}
		if ids[0] != id {
			continue
		}
		var by []string
		for _, c := range ids {
			for _, w := range cited[c] {
				if !slices.Contains(by, w) {
					by = append(by, w)
				}
			}
		}
		ids = slices.Clone(ids)
		slices.Sort(ids) // .1, .2 … .9, then .10
		slices.SortStableFunc(ids, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		errs.Add(diag.At(file, src, strings.Index(string(src), `"`+id+`"`),
			"clauses #"+strings.Join(ids, ", #")+", which no page has, are cited by "+strings.Join(by, ", "), missingClauseHint(ed, id)))
	}
	for k, p := range ed.tree.Pages {
		doc := ed.docs[p]
		// A page whose source the last successful build had was checked
		// then: a rebuild reads only the changed pages' text.
		if !ed.published && (k >= len(ed.reused) || !ed.reused[k]) {
			errs = append(errs, checkArithmetic(ed, p)...)
		}
		for i, ex := range doc.Examples {
			for _, pr := range checkExample(r, ex.Attrs, ex.Text) {
				off := ex.Offset
				if pr.figure != "" {
					if k := strings.Index(string(p.Source[ex.Offset:]), pr.figure); k >= 0 {
						off += k
					}
				}
				if ed.published {
					if notedAlready(doc, ex, pr.figure) {
						continue
					}
					text := exampleNote(pr)
					doc.AddNoteAfterExample(i, text)
					note(p, exampleClause(doc, ex), text)
					continue
				}
				errs.Add(diag.At(ed.display(p), p.Source, off, "worked example: "+pr.msg,
					"correct the figure in the text, or the directive's inputs, so that text and calculator agree"))
			}
		}
	}
	if chapter == nil && len(r.Roles) > 0 {
		return errs
	}
	cv := &calcView{Rules: calculator.Encode(r), Rounding: r.Rounding.Text}
	if chapter != nil {
		cv.ChapterURL = chapter.URL
		cv.Chapter = chapterRef(chapter.Title)
	}
	for _, ro := range r.Roles {
		rv := roleView{Name: ro.Name}
		for _, c := range ro.Criteria {
			rv.Criteria = append(rv.Criteria, struct{ Name, Max string }{c.Name, calculator.FormatScore(c.Max) + " 分"})
		}
		for i := len(ro.Tiers) - 1; i >= 0; i-- {
			t := ro.Tiers[i]
			rv.Tiers = append(rv.Tiers, tierView{calculator.FormatScore(t.Min) + "–" + calculator.FormatScore(t.Max) + " 分", tierPayLabel(t), t.Clause, clauseLabel(t.Clause)})
		}
		cv.Roles = append(cv.Roles, rv)
	}
	cv.Adjustments = adjustmentRows(r)
	for _, rd := range r.Readings {
		// Named with its section's ID: two roles' readings each said
		// （见第3条）, of two clauses.
		label := clauseLabel(rd.Clause)
		if sec, _, ok := strings.Cut(rd.Clause, "."); ok && sec != "" {
			label = sec + label
		}
		cv.Readings = append(cv.Readings, readingView{rd.Text, rd.Clause, label})
	}
	ed.calc = cv
	return errs
}

// adjustmentRows are the rows of the rules table's 部门业绩目标 table: one
// per department result when every role adjusts alike (as the text has
// it), else one per role and result, named with the role. The table
// showed the first role's alone, so a rate set apart for 大客户内勤 was
// shown, and printed, as the sales staff's.
func adjustmentRows(r *calculator.Rules) []adjView {
	perRole := make([][]adjView, len(r.Roles))
	alike := func(a, b adjView) bool { return a.Name == b.Name && a.Effect == b.Effect }
	same := true
	for i, ro := range r.Roles {
		for _, a := range ro.Depts {
			eff := "不增不减"
			if a.Rate > 0 {
				eff = "另发 " + calculator.FormatRate(a.Rate) + " 奖金"
			} else if a.Rate < 0 {
				eff = "扣除 " + calculator.FormatRate(-a.Rate)
			}
			perRole[i] = append(perRole[i], adjView{Name: a.Name, Effect: eff, Links: []adjLink{{a.Clause, clauseLabel(a.Clause), ro.Name}}})
		}
		same = same && slices.EqualFunc(perRole[i], perRole[0], alike)
	}
	if len(perRole) == 0 {
		return nil
	}
	if same {
		// One row a result, linking each role's clause (销售人员's 第5条
		// and 大客户内勤's), each once.
		rows := slices.Clone(perRole[0])
		for k := range rows {
			var links []adjLink
			for i := range perRole {
				l := perRole[i][k].Links[0]
				if !slices.ContainsFunc(links, func(x adjLink) bool { return x.Clause == l.Clause }) {
					links = append(links, l)
				}
			}
			rows[k].Links = links
		}
		return rows
	}
	var rows []adjView
	for i, ro := range r.Roles {
		for _, a := range perRole[i] {
			rows = append(rows, adjView{ro.Name + "：" + a.Name, a.Effect, a.Links})
		}
	}
	return rows
}

// rulesAgainstText checks that each figure of the rules is written in the
// clause the rule cites: a tier's rate ("105%"), a department result's
// rate ("5%"), a criterion's maximum ("60分"). A rules file changed
// without its text (or the text without its rules) would have the
// calculator disagree with the policy it links to. An error in the draft,
// a warning for a published revision (its text is frozen as it was).
func rulesAgainstText(ed *edition, file string) diag.List {
	var errs diag.List
	src := ed.tree.Rules
	texts := map[string]string{}
	textOf := func(id string) (string, bool) {
		if t, ok := texts[id]; ok {
			return t, true
		}
		t, ok := clauseText(ed, id)
		if ok {
			t = plainFigures(t)
			texts[id] = t
		}
		return t, ok // not ok: need() reports it
	}
	// where names the clause's page, so the reader of the message knows
	// which of the two files to open.
	where := func(id string) string {
		if p := clausePage(ed, id); p != nil {
			return "#" + id + " in " + ed.display(p)
		}
		return "#" + id
	}
	// report adds d, a warning for a published revision: its text and
	// rules are frozen, and a correction is a new revision.
	report := func(d diag.Diagnostic) {
		if ed.published {
			d.Severity = diag.Warning
		}
		errs.Add(d)
	}
	// check reports figure missing from text, the clause id's (or the
	// part of it that states the rule), at the rule's place at in
	// rules.toml.
	check := func(id, text string, at int, figure, what string) {
		if hasFigure(text, figure) {
			return
		}
		report(diag.At(file, src, at, what+" is "+figure+", but the clause it cites ("+where(id)+") does not say "+figure,
			"make rules.toml and the clause's text agree: the calculator computes what rules.toml says, and links to that clause"))
	}
	for i, ro := range ed.rules.Roles {
		if text, ok := textOf(ro.CriteriaClause); ok {
			for j, c := range ro.Criteria {
				check(ro.CriteriaClause, text, rulesfile.Offset(src, fmt.Sprintf("roles[%d].criteria[%d].max", i, j)), calculator.FormatScore(c.Max)+"分", "the maximum of "+ro.Name+"'s criterion "+c.Name)
			}
		}
		for j, t := range ro.Tiers {
			text, ok := textOf(t.Clause)
			if !ok {
				continue
			}
			path := fmt.Sprintf("roles[%d].tiers[%d].clause", i, j)
			payout := rulesfile.Offset(src, fmt.Sprintf("roles[%d].tiers[%d].payout", i, j))
			tierName := ro.Name + "'s tier " + calculator.FormatScore(t.Min) + "–" + calculator.FormatScore(t.Max)
			// How the clause says the tier pays, against the tier's
			// kind: a tier set to pay the score's percentage under a
			// clause saying 按80%发放 (or the other way round) had
			// passed, the page saying one amount and the calculator
			// paying another. Where the clause does not state the
			// tier's range, it may be the wrong clause: the range's
			// warning below says so.
			stated := statesRange(text, t.Min, t.Max)
			said, what, rates := "", "", []int64(nil)
			if stated {
				said, what, rates = tierPaySaid(text)
			}
			switch {
			case said != "" && said != tierPayKind(t):
				report(diag.At(file, src, payout,
					tierName+" pays "+tierPayWords[tierPayKind(t)]+" (payout = \""+tierPayout(t)+"\"), but the clause it cites ("+where(t.Clause)+") says "+what+": "+tierPayWords[said],
					"make rules.toml and the clause agree: payout = \"score\" pays the score's percentage (按得分比例发放), payout = \"80%\" a fixed rate (按80%发放), payout = \"0%\" nothing (不予发放)"))
			case said == "fixed" && !slices.Contains(rates, t.Rate):
				report(diag.At(file, src, payout,
					"the rate of "+tierName+" is "+calculator.FormatRate(t.Rate)+", but the clause it cites ("+where(t.Clause)+") does not say "+calculator.FormatRate(t.Rate)+": it says "+what,
					"make rules.toml and the clause's text agree: the calculator computes what rules.toml says, and links to that clause"))
			case said == "" && t.Kind == calculator.Fixed && t.Rate > 0:
				check(t.Clause, text, citeAt(src, path, t.Clause), calculator.FormatRate(t.Rate), "the rate of "+tierName)
			}
			// A tier paying nothing or the score's percentage has no
			// rate to find in its clause: its range is, so a tier that
			// cites its neighbour's clause (the one below 60 citing
			// 第3条, 60——89) is found too. A warning: a text may word
			// a range as this does not read.
			if !stated {
				span := calculator.FormatScore(t.Min) + "——" + calculator.FormatScore(t.Max)
				if t.Min == 0 {
					span = calculator.FormatScore(t.Max+100) + "分以下"
				}
				d := diag.At(file, src, citeAt(src, path, t.Clause), tierName+" cites "+where(t.Clause)+", which does not state that range ("+span+")",
					"cite the clause that states the tier (has it been renumbered?), or make rules.toml's range the text's")
				// A warning: a text may word a range as statesRange
				// does not read. But a clause stating another range of
				// the same form (（70——89）分 for 60–89) was changed
				// without rules.toml, or cited by mistake: the page
				// would say one thing and the calculator pay another.
				if other := otherRange(text, t.Min); other != "" {
					d.Msg = tierName + " cites " + where(t.Clause) + ", which states " + other + ", not " + span
				} else {
					d.Severity = diag.Warning
				}
				report(d)
			}
		}
		// 末位淘汰's months, where the clause counts them (三个月排名倒数
		// 第一): months = 3 under 连续两个月 built cleanly, and decided
		// whom the month's table flags.
		if rk := ro.Ranking; rk != nil {
			if text, ok := textOf(rk.Clause); ok {
				if n, words := monthsSaid(text); n > 0 && n != rk.Months {
					d := diag.At(file, src, rulesfile.Offset(src, fmt.Sprintf("roles[%d].ranking.months", i)),
						ro.Name+"'s 末位淘汰 counts "+strconv.Itoa(rk.Months)+" months (months = "+strconv.Itoa(rk.Months)+"), but the clause it cites ("+where(rk.Clause)+") says "+words,
						"make rules.toml and the clause agree: months = "+strconv.Itoa(n)+", or the clause's text")
					report(d)
				}
			}
		}
		names := make([]string, len(ro.Depts))
		for j, a := range ro.Depts {
			names[j] = a.Name
		}
		for j, a := range ro.Depts {
			path := fmt.Sprintf("roles[%d].departments[%d].clause", i, j)
			text, ok := textOf(a.Clause)
			if !ok {
				continue
			}
			// The figure must be in what the clause says of this
			// result: 销售人员奖惩办法.5 says 5% twice, of 超额完成 and of
			// 未完成, and 未完成's changed to 10% passed on the other's.
			part := statedFor(text, a.Name, names)
			if part == "" && a.Rate == 0 {
				continue // a text silent on a result adjusts nothing for it
			}
			if part == "" {
				// The figure alone passes a clause that states it for
				// another result: after a clause was split in two
				// (超额完成 in one, 未完成 in the next), −5 % still cited
				// the first, which says 5 % of the bonus.
				d := diag.At(file, src, citeAt(src, path, a.Clause), "the adjustment of "+ro.Name+" for "+a.Name+" cites "+where(a.Clause)+", which does not mention "+a.Name,
					"cite the clause that states the adjustment for "+a.Name+" (has it been split or renumbered?), or make the result's name in rules.toml the text's")
				report(d)
				continue
			}
			// Which way the clause adjusts the pay: a bonus paid for
			// missing the target (+5% where it says 扣除 5%) had passed,
			// the figure being there.
			adjust := fmt.Sprintf("roles[%d].departments[%d].adjust", i, j)
			if says := adjustmentSaid(part); says != sign(a.Rate) && says != unclear {
				d := diag.At(file, src, rulesfile.Offset(src, adjust), "the adjustment of "+ro.Name+" for "+a.Name+" is "+signedRate(a.Rate)+", "+adjustmentWords[sign(a.Rate)]+
					", but the clause it cites ("+where(a.Clause)+") says of "+a.Name+": "+part+" ("+adjustmentWords[says]+")",
					"make rules.toml and the clause agree: a deduction is written adjust = \"-5%\", a bonus \"+5%\", no adjustment \"0%\"")
				report(d)
				continue
			}
			if a.Rate != 0 {
				check(a.Clause, part, citeAt(src, path, a.Clause), calculator.FormatRate(abs(a.Rate)), "the adjustment of "+ro.Name+" for "+a.Name)
			}
		}
	}
	// A reading's worked scores (94.5 分按 100% 发放), shown as the
	// clause's editor's note, must be what the calculator pays: a tier
	// raised to 112% left its note saying 110%, in a published revision.
	for k, rd := range ed.rules.Readings {
		ro := readingRole(ed.rules, rd.Clause)
		if ro == nil {
			continue
		}
		for _, c := range readingClaims(rd.Text) {
			res, err := calculator.Compute(ed.rules, calculator.Input{Role: ro.ID, Score: c.score, BaseFen: 10000, Dept: ro.Depts[0].Result})
			if err != nil || res.Rate == c.rate {
				continue
			}
			paid := "按" + calculator.FormatRate(res.Rate) + "发放"
			if res.Rate == 0 {
				paid = "不予发放"
			}
			d := diag.At(file, src, rulesfile.Offset(src, fmt.Sprintf("readings[%d].text", k)),
				"the reading "+strconv.Quote(rd.ID)+" says "+c.words+", but "+ro.Name+"'s tiers pay "+calculator.FormatScore(c.score)+" 分"+paid,
				"correct the reading's text (readers see it as the editor's note on #"+rd.Clause+"), or the tiers")
			report(d)
		}
	}
	// A criterion's points in an editor's note under the criteria's clause
	// (a table of 考核项目 | 分值) must be the rules': the weights changed
	// to 70/15/15 in the list and the rules left the table under them
	// saying 60/20/20, readers seeing both.
	for _, ro := range ed.rules.Roles {
		p := clausePage(ed, ro.CriteriaClause)
		if p == nil || ed.docs[p] == nil {
			continue
		}
		// Each criterion's name, a word's end (业绩考评), its cell's end,
		// and the next cell's points.
		points := make([]*regexp.Regexp, len(ro.Criteria))
		for j, cr := range ro.Criteria {
			points[j] = regexp.MustCompile(regexp.QuoteMeta(cr.Name) + `[^\s0-9]{0,4}\s+([0-9]+(?:\.[0-9]+)?)\s*分`)
		}
		for _, c := range ed.docs[p].Clauses() {
			if c.ID != ro.CriteriaClause {
				continue
			}
			for i := 0; i+1 < len(c.Notes); i += 2 {
				// Its table's cells are apart by spaces: figures as
				// plainFigures writes them, spaces kept.
				note := strings.Map(func(r rune) rune {
					if r == ' ' || r == '\u3000' {
						return r
					}
					return plainRune(r)
				}, c.Text[c.Notes[i]:c.Notes[i+1]])
				for j, cr := range ro.Criteria {
					for _, m := range points[j].FindAllStringSubmatch(note, -1) {
						if m[1] == calculator.FormatScore(cr.Max) {
							continue
						}
						d := diag.At(ed.display(p), p.Source, ed.docs[p].IDMap()[c.ID],
							"an editor's note on #"+c.ID+" gives "+cr.Name+" "+m[1]+"分 (“"+m[0]+"”), but rules.toml gives "+ro.Name+"'s "+cr.Name+" "+calculator.FormatScore(cr.Max)+"分",
							"correct the note to the rules and the text (readers see it beside the criteria), or the rules")
						d.Severity = diag.Warning
						errs.Add(d)
					}
				}
			}
		}
	}
	// A worked product a reading quotes from the text (与原文举例 2640 ×
	// 5% = 132 一致) must be the text's still: the bonus raised to 6% in
	// the clause, its example and the rules left the note quoting 5%.
	for k, rd := range ed.rules.Readings {
		p := clausePage(ed, rd.Clause)
		if p == nil || ed.docs[p] == nil || ed.docs[p].HidesText() {
			// A directive left open hides its example: the
			// page's error says so at the directive.
			continue
		}
		var page string
		for _, m := range reTimesPercent.FindAllString(rd.Text, -1) {
			if page == "" {
				page = productForm(ed.docs[p].ReaderText())
			}
			if !strings.Contains(page, productForm(m)) {
				d := diag.At(file, src, rulesfile.Offset(src, fmt.Sprintf("readings[%d].text", k)),
					"the reading "+strconv.Quote(rd.ID)+" quotes "+strings.TrimSpace(m)+", which "+titleOf(ed.tree, p)+" does not say",
					"correct the reading's text (readers see it as the editor's note on #"+rd.Clause+") to the text's example as it is now")
				d.Severity = diag.Warning
				errs.Add(d)
			}
		}
	}
	return errs
}

// productForm is text with its products written one way, to find one in
// another: figures half-width, × and x as *, no spaces or thousands
// separators, ＝ as =.
func productForm(s string) string {
	s = plainFigures(s)
	return strings.NewReplacer("×", "*", "x", "*", "X", "*", "＝", "=", ",", "", "\\", "").Replace(s)
}

// readingRole is the role whose tiers or criteria cite the section of the
// clause a reading explains (销售人员奖惩办法.3: the role citing
// 销售人员奖惩办法.n), or nil.
func readingRole(r *calculator.Rules, clause string) *calculator.Role {
	sec, _, _ := strings.Cut(clause, ".")
	for i := range r.Roles {
		ro := &r.Roles[i]
		if len(ro.Depts) == 0 {
			continue
		}
		for _, t := range ro.Tiers {
			if s, _, _ := strings.Cut(t.Clause, "."); s == sec {
				return ro
			}
		}
	}
	return nil
}

// readingClaim is a score a reading says how it pays: 94.5 分按 100% 发放.
type readingClaim struct {
	score, rate int64 // hundredths, basis points
	words       string
}

var (
	// reClaimScore is a score: 94.5 分, not the end of a range (——94 分档)
	// nor a bound (60 分以下).
	reClaimScore = regexp.MustCompile(`(——|-|~|至)?\s*([0-9]+(?:\.[0-9]+)?)\s*分(档|以下|以上)?`)
	// reClaimPaid is how a score is paid: 按 100% 发放, 按得分比例 89.5% 发放, 不予发放.
	reClaimPaid = regexp.MustCompile(`按[^，,；;。0-9]*([0-9]+(?:\.[0-9]+)?)\s*%|(按(?:相应)?(?:得分|分数)比例)|不予发放|不发放`)
)

// readingClaims is each score a reading's text says how it pays, in order:
// a score, then the first 按 N% or 不予发放 after it.
func readingClaims(text string) []readingClaim {
	text = plainFigures(text)
	var out []readingClaim
	var scores [][]int
	for _, m := range reClaimScore.FindAllStringSubmatchIndex(text, -1) {
		if m[2] < 0 && m[6] < 0 { // not a range's end or a bound
			scores = append(scores, m)
		}
	}
	pays := reClaimPaid.FindAllStringSubmatchIndex(text, -1)
	for i, m := range scores {
		end := len(text)
		if i+1 < len(scores) {
			end = scores[i+1][0]
		}
		for _, p := range pays {
			if p[0] < m[1] || p[0] >= end {
				continue
			}
			score, err := calculator.ParseDecimal(text[m[4]:m[5]], 2)
			if err != nil {
				break
			}
			var rate int64
			switch {
			case p[2] >= 0:
				rate, err = calculator.ParseDecimal(text[p[2]:p[3]], 2)
			case p[4] >= 0:
				rate = score // 按得分比例: the score's percentage
			}
			if err != nil {
				break
			}
			out = append(out, readingClaim{score, rate, strings.TrimSpace(text[m[0]:p[1]])})
			break
		}
	}
	return out
}

// reMonthsRunning is a count of months in a row: 三个月, 连续两个月, 连续
// 3 个自然月.
var reMonthsRunning = regexp.MustCompile(`(?:连续)?([一二两三四五六七八九十]|[0-9]+)个(?:自然)?月`)

// monthsSaid is the number of months a 末位淘汰 clause counts, and the
// words that say it, where one count of months stands next to 倒数第一
// or 末位 in the same sentence; 0 when none does or several do.
func monthsSaid(text string) (int, string) {
	n, words := 0, ""
	for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("。；;", r) }) {
		if !strings.Contains(sentence, "倒数第一") && !strings.Contains(sentence, "末位") {
			continue
		}
		for _, m := range reMonthsRunning.FindAllStringSubmatch(sentence, -1) {
			v, err := strconv.Atoi(m[1])
			if err != nil {
				v = strings.Index("一二三四五六七八九十", m[1])/3 + 1
				if m[1] == "两" {
					v = 2
				}
			}
			if n != 0 && v != n {
				return 0, ""
			}
			n, words = v, m[0]
		}
	}
	return n, words
}

// tierPayWords says what tierPaySaid and tierPayKind return, for messages.
var tierPayWords = map[string]string{
	"score": "the score's percentage",
	"fixed": "a fixed rate",
	"none":  "nothing",
}

// tierPayout is tier t's payout as rules.toml writes it.
func tierPayout(t calculator.Tier) string {
	if t.Kind == calculator.ScorePercent {
		return "score"
	}
	return calculator.FormatRate(t.Rate)
}

// tierPayKind is how tier t pays, as tierPaySaid names it.
func tierPayKind(t calculator.Tier) string {
	switch {
	case t.Kind == calculator.ScorePercent:
		return "score"
	case t.Rate == 0:
		return "none"
	}
	return "fixed"
}

var (
	// rePaidRate is a rate the pay is paid at: 按105%发放, 按 80 % 计发.
	rePaidRate = regexp.MustCompile(`按[^，,。；;（(]{0,8}?([0-9]+(?:\.[0-9]+)?)%`)
	// reScorePaid is pay in proportion to the score: 按相应分数比例发放,
	// 按得分比例, 按考核得分计发.
	reScorePaid = regexp.MustCompile(`比例|按(?:考核)?(?:得分|分数)(?:的百分比)?(?:计发|发放|计算|折算)`)
	// reNonePaid is no pay: 不予发放, 不发放, 停发.
	reNonePaid = regexp.MustCompile(`不予发放|不发放|不予计发|停发|不发|不享受|(?:绩效工资|绩效奖金?)(?:为零|为0元?|全额扣除|全部扣除)|(?:取消|无)(?:当月)?绩效`)
)

// tierPaySaid is how the text of a tier's clause says it pays: "score",
// "fixed" or "none", with the words that say so, or "" when the words say
// neither or more than one (the check then only looks for the rate's
// figure); and every rate it says the pay is paid at (rePaidRate), in
// basis points. A worked example (举例…) is not what the clause rules.
func tierPaySaid(text string) (kind, words string, rates []int64) {
	if k := strings.Index(text, "举例"); k >= 0 {
		text = text[:k]
	}
	found := map[string]string{}
	if m := rePaidRate.FindStringSubmatch(text); m != nil {
		// 按0%发放 pays nothing, as 不予发放 does.
		if bp, err := calculator.ParseDecimal(m[1], 2); err == nil && bp == 0 {
			found["none"] = m[0]
		} else {
			found["fixed"] = m[0]
		}
	}
	if m := reScorePaid.FindString(text); m != "" {
		found["score"] = m
	}
	if m := reNonePaid.FindString(text); m != "" && found["none"] == "" {
		found["none"] = m
	}
	if len(found) != 1 {
		return "", "", nil
	}
	for k, w := range found {
		kind, words = k, w
	}
	for _, m := range rePaidRate.FindAllStringSubmatch(text, -1) {
		if bp, err := calculator.ParseDecimal(m[1], 2); err == nil {
			rates = append(rates, bp)
		}
	}
	return kind, sentenceOf(text, words), rates
}

// sentenceOf is the sentence or clause of text (split at 。；;，,) holding
// words, for a message: 当月绩效工资按相应分数比例发放 rather than 比例.
func sentenceOf(text, words string) string {
	k := strings.Index(text, words)
	if k < 0 {
		return words
	}
	from := 0
	if j := strings.LastIndexAny(text[:k], "。；;，,:："); j >= 0 {
		_, n := utf8.DecodeRuneInString(text[j:])
		from = j + n
	}
	to := strings.IndexAny(text[k:], "。；;，,(（")
	if to < 0 {
		to = len(text) - k
	}
	return strings.TrimSpace(text[from : k+to])
}

// unclear is what adjustmentSaid returns when the words say neither a
// bonus, a deduction nor none.
const unclear = 2

// adjustmentWords names what adjustmentSaid and sign return, for messages.
var adjustmentWords = map[int]string{-1: "a deduction", 0: "no adjustment", 1: "a bonus", unclear: "unclear"}

// adjustmentSaid is which way what a clause says of a department result
// (statedFor) adjusts the pay: -1 a deduction (扣除, 扣发, 减发), 0 none
// (不另发放额外奖金, 不予调整, 无额外), 1 a bonus (额外发放…奖金, 奖励,
// 另发, 增发), else unclear.
func adjustmentSaid(part string) int {
	switch {
	case strings.ContainsAny(part, "扣减") || strings.Contains(part, "少发"):
		return -1
	case reNoAdjustment.MatchString(part):
		return 0
	case strings.Contains(part, "奖") || reBonus.MatchString(part):
		return 1
	}
	return unclear
}

var (
	// reNoAdjustment is a clause saying no bonus or deduction is made.
	reNoAdjustment = regexp.MustCompile(`不另|不再|不额外|不予(?:调整|奖励|增|加)|无(?:额外|奖金|奖励)|没有(?:额外|奖金)`)
	// reBonus is a clause saying more is paid: 另发, 额外发放, 增发, 加发.
	reBonus = regexp.MustCompile(`(?:另|加|增|多|补|额外)发|增加|上浮`)
)

func sign(n int64) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// draftAndLast are the working copy's edition (nil when the build does not
// build it) and the last revision published, by effective date (nil
// before the first), a replaced one aside: what the working copy is
// checked against.
func draftAndLast(eds []*edition) (draft, last *edition) {
	for _, e := range eds {
		switch {
		case !e.published:
			draft = e
		case e.status != statusReplaced && (last == nil || e.effective >= last.effective):
			last = e
		}
	}
	return draft, last
}

// emptyChapters warns of a chapter file of the working copy with nothing
// in it, or front matter and nothing under it: the preview shows it (a
// file just made in the editor is a page, not an error), and publish
// refuses it, so the admin hears of it while editing rather than at
// publish. A section's _index.md may be empty, as in Hugo.
func emptyChapters(eds []*edition) diag.List {
	draft, _ := draftAndLast(eds)
	if draft == nil {
		return nil
	}
	var out diag.List
	for _, p := range draft.tree.Pages {
		if p.Generated || strings.HasPrefix(strings.ToLower(path.Base(p.File)), "_index.") {
			continue
		}
		f := draft.display(p)
		var what, write string
		switch content.Blank(p.Source) {
		case content.Empty:
			what, write = "the file is empty: the chapter has no title and no text", "write the chapter in it (a # title, then its text)"
		case content.NoText:
			what, write = "the file has front matter and no text: the chapter is a title over nothing", "write its text under the front matter"
		default:
			continue
		}
		out.Add(diag.Diagnostic{File: f, Line: 1, Col: 1, Severity: diag.Warning, Msg: what + ", and publish refuses it",
			Hint: write + ", bring its text back with git checkout -- " + f + " if it was lost, or delete the file to leave the chapter out"})
	}
	return out
}

// sectionsEmptied warns, in the working copy, of a section left a heading
// over nothing (no text, no clauses, no section under it) whose heading
// the last revision had over text: its text moved or was deleted and the
// heading stayed, an empty section to be published. A tester moved 三、
// 考核的原则's one paragraph to 二 and published the heading alone.
func sectionsEmptied(eds []*edition) diag.List {
	draft, last := draftAndLast(eds)
	if draft == nil || last == nil {
		return nil
	}
	var out diag.List
	for _, p := range draft.tree.Pages {
		doc := draft.docs[p]
		lp := pageOf(last, p.File)
		if doc == nil || lp == nil || last.docs[lp] == nil || bytes.Equal(lp.Source, p.Source) {
			continue
		}
		had := map[string]string{}
		for _, c := range last.docs[lp].Clauses() {
			if c.Level < 7 && strings.TrimSpace(c.Text) != "" {
				had[c.ID] = c.Text
			}
		}
		filled := map[string]bool{}
		for _, c := range doc.Clauses() {
			if strings.TrimSpace(c.Text) != "" {
				filled[c.ID] = true
				if c.Level == 7 {
					filled[up(c.ID, 1)] = true
				}
			}
		}
		for i, h := range doc.Headings {
			was, ok := had[h.ID]
			if h.Level < 2 || !ok || filled[h.ID] || i+1 < len(doc.Headings) && doc.Headings[i+1].Level > h.Level {
				continue
			}
			d := diag.At(draft.display(p), p.Source, h.Offset,
				"section “"+markdown.Typeset(h.Text)+"” has no text now; "+last.label+" had “"+excerpt(markdown.Typeset(spaceless(was)), 16)+"” under it",
				"if its text moved or was deleted, delete the heading too, or write what the section is for")
			d.Severity = diag.Warning
			out.Add(d)
		}
	}
	return out
}

// examplesDropped warns of a clause whose worked example the last
// revision checked (a payout directive stood above it) and the working
// copy does not: the directive deleted, a figure changed after it would be
// published unchecked, without a word. Said at the clause, which is still
// there (a clause removed is the changelog's to show).
func examplesDropped(eds []*edition) diag.List {
	draft, last := draftAndLast(eds)
	if draft == nil || last == nil {
		return nil
	}
	checked := map[string]bool{}
	for _, p := range draft.tree.Pages {
		doc := draft.docs[p]
		for _, ex := range doc.Examples {
			checked[exampleClause(doc, ex)] = true
		}
	}
	var out diag.List
	for _, p := range last.tree.Pages {
		doc := last.docs[p]
		// A clause renumbered since (an item put in above it) or moved
		// within its chapter has its example under its new number: it
		// was told its directive was gone, and to put it back, on the
		// clause that took its old number.
		var now map[string]string
		if dp := pageOf(draft, p.File); len(doc.Examples) > 0 && dp != nil && draft.docs[dp] != nil && !bytes.Equal(dp.Source, p.Source) {
			moves := docMoves(doc, draft.docs[dp])
			now = maps.Clone(moves.to)
			if now == nil {
				now = map[string]string{}
			}
			for _, m := range moves.renumbered {
				now[m.from] = m.to
			}
		}
		for _, ex := range doc.Examples {
			id := exampleClause(doc, ex)
			if to, ok := now[id]; ok && to != "" {
				id = to
			}
			if id == "" || checked[id] {
				continue
			}
			checked[id] = true // once per clause
			dp := clausePage(draft, id)
			if dp == nil {
				continue
			}
			d := diag.At(draft.display(dp), dp.Source, draft.docs[dp].IDMap()[id],
				"clause #"+id+" has no payout directive, so its worked example is not checked; "+last.label+" checked it ("+directiveText(ex.Attrs)+")",
				"put the directive back above the example, "+directiveText(ex.Attrs)+", with the inputs the example now uses; if the clause no longer has an example, nothing is wrong")
			d.Severity = diag.Warning
			out.Add(d)
		}
	}
	return out
}

// directiveText writes a payout directive with the given attributes, in
// the order the README gives them.
func directiveText(attrs map[string]string) string {
	s := "<!-- payout"
	for _, k := range markdown.DirectiveAttrs {
		if v, ok := attrs[k]; ok {
			s += " " + k + "=" + v
		}
	}
	return s + " -->"
}

// hasFigure reports whether text holds figure (5%, 60分) as a number of
// its own: not the end of another (105%, 160分).
func hasFigure(text, figure string) bool {
	for at := 0; ; {
		k := strings.Index(text[at:], figure)
		if k < 0 {
			return false
		}
		k += at
		if r, _ := utf8.DecodeLastRuneInString(text[:k]); k == 0 || !(r >= '0' && r <= '9' || r == '.') {
			return true
		}
		at = k + 1
	}
}

// statedFor is what text says of the department result name, of those
// named names: its sentences and clauses (split at 。；;) that name it,
// not as a part of another name (完成 in 未完成 or 超额完成); "" when
// none does.
func statedFor(text, name string, names []string) string {
	var out []string
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '；' || r == ';' || r == '\n' }) {
		// Blank out the longer names that hold this one, then look.
		rest := part
		for _, other := range names {
			if other != name && strings.Contains(other, name) {
				rest = strings.ReplaceAll(rest, other, "")
			}
		}
		if strings.Contains(rest, name) {
			out = append(out, part)
		}
	}
	return strings.Join(out, "。")
}

// otherRange is a range of scores text states in the form a tier from
// min is written in, as the messages write ranges (70——89 in （70——89）分,
// for a tier from 60; 70分以下 for one from 0), or "".
func otherRange(text string, min int64) string {
	if min == 0 {
		if m := reStatedBelow.FindStringSubmatch(text); m != nil {
			return m[1] + m[2] + "分以下"
		}
		return ""
	}
	if m := reStatedRange.FindStringSubmatch(text); m != nil {
		return m[1] + "——" + m[2]
	}
	return ""
}

var (
	// reStatedRange is a range of scores as statesRange reads one,
	// followed by 分.
	reStatedRange = regexp.MustCompile(`(\d+)\s*分?\s*(?:——|—|–|-|－|~|～|至|到)\s*(\d+)[）)]?\s*分`)
	// reStatedBelow is a bound below which a tier pays nothing.
	reStatedBelow = regexp.MustCompile(`(\d+)\s*分\s*(?:以下|之下)|(?:低于|不足|不到|少于|不满)\s*(\d+)\s*分`)
)

// citeAt is where rules.toml cites clause id at path (as
// "roles[0].tiers[2].clause"): the value there, else the first place the
// clause is cited (at this role's own line: two roles cite their own
// clauses under the same names).
func citeAt(src []byte, path, id string) int {
	at := rulesfile.Offset(src, path)
	if !strings.HasPrefix(string(src[at:]), `"`+id+`"`) {
		at = max(0, strings.Index(string(src), `"`+id+`"`))
	}
	return at
}

// clauseText is the text of clause id in ed: its heading (a numbered
// item's aside) and text, and its sub-clauses'; false when no page has
// it.
func clauseText(ed *edition, id string) (string, bool) {
	p := clausePage(ed, id)
	if p == nil {
		return "", false
	}
	// The section's heading and own text first, as the page reads: the
	// doc lists a section's items before it.
	var head, items strings.Builder
	for _, c := range ed.docs[p].Clauses() {
		switch {
		case c.ID == id && !strings.Contains(c.ID, "."):
			// Not a numbered item's heading (销售人员奖惩办法 第5条), which
			// says only where it is: a clause renumbered says what it said.
			head.WriteString(c.Heading + " " + c.WithoutNotes() + "\n")
		case c.ID == id || strings.HasPrefix(c.ID, id+"."):
			items.WriteString(c.WithoutNotes() + "\n")
		}
	}
	return head.String() + items.String(), true
}

// citationsRead warns, in the working copy, of each clause rules.toml
// cites whose text (without the editor's notes written under it) is not
// the text at that ID in the latest revision: a
// clause put in above renumbers those below, and the editor's notes
// (readings) and the calculator's links then sit at the clause that took
// the number. A tester's notes on 89.5 and on 末位淘汰 were published under
// the clauses next to theirs, without a word. A clause reworded on purpose
// is warned of too; the warning says what it read, and reads now.
func citationsRead(eds []*edition) diag.List {
	draft, last := draftAndLast(eds)
	if draft == nil || last == nil || draft.rules == nil {
		return nil
	}
	file := path.Join(draft.srcName, "rules.toml")
	src := draft.tree.Rules
	// Each rule's clause now against the one it cited in the revision
	// (by its number then): a clause put in at the top of 奖惩办法 and the
	// citations renumbered to follow gave one warning per rule, 11 of
	// them, though each still read what it had. A rule changed with its
	// clause (105% to 110% in both) is the change meant. The rest are
	// warned of once per clause, at its first citation, naming every rule
	// that cites it.
	type group struct {
		at       int
		whats    []string
		was, now string // the words the rules cited, and those there now
	}
	groups := map[string]*group{}
	var order []string
	lastSays := map[string]citedRule{}
	for _, c := range citedRules(last.rules) {
		lastSays[c.at] = c
	}
	for _, c := range citedRules(draft.rules) {
		old, ok := lastSays[c.at]
		if c.id == "" || !ok || old.id == "" || old.says != c.says {
			continue
		}
		was, ok1 := clauseText(last, old.id)
		now, ok2 := clauseText(draft, c.id)
		if !ok1 || !ok2 || plainFigures(was) == plainFigures(now) {
			continue
		}
		g := groups[c.id]
		if g == nil {
			// The words compared, a section's items with it: those of
			// the section's own text alone (none, under 内勤考核指标)
			// showed as 「」, it reads 「」.
			g = &group{at: citeAt(src, c.at, c.id), was: was, now: now}
			groups[c.id] = g
			order = append(order, c.id)
		}
		g.whats = append(g.whats, c.what)
	}
	var errs diag.List
	for _, id := range order {
		g := groups[id]
		before, after := briefs(g.was, g.now)
		verb := " cites #"
		if len(g.whats) > 1 {
			verb = " cite #"
		}
		msg := strings.Join(g.whats, ", ") + verb + id + ", whose text is not " + last.label + "'s: it read 「" + before + "」, it reads 「" + after + "」"
		hint := "if clauses were put in or taken out above it, cite the clause meant by its new number; if it was reworded, nothing is wrong"
		if moved := clauseSaying(draft, id, g.was); moved != "" {
			msg += "; what it read is #" + moved + " now"
			hint = "cite #" + moved + " if that is the clause meant (clauses were put in or taken out above it)"
		}
		d := diag.At(file, src, g.at, msg, hint)
		d.Severity = diag.Warning
		errs.Add(d)
	}
	return errs
}

// citedRule is a rule of a rules file that cites a clause: where
// (its path, as "roles[0].tiers[2].clause"), what it is, as messages name
// it, and what it says, to tell a rule changed from one left as it was.
type citedRule struct{ id, at, what, says string }

// citedRules lists the rules of r that cite a clause, in the file's order.
func citedRules(r *calculator.Rules) []citedRule {
	var out []citedRule
	if r == nil {
		return out
	}
	add := func(c citedRule) { out = append(out, c) }
	for i, ro := range r.Roles {
		add(citedRule{ro.CriteriaClause, fmt.Sprintf("roles[%d].criteria_clause", i), ro.Name + "'s criteria", fmt.Sprint(ro.Criteria)})
		for j, t := range ro.Tiers {
			add(citedRule{t.Clause, fmt.Sprintf("roles[%d].tiers[%d].clause", i, j), ro.Name + "'s tier " + calculator.FormatScore(t.Min) + "–" + calculator.FormatScore(t.Max), fmt.Sprint(t.Min, t.Max, t.Kind, t.Rate)})
		}
		for j, a := range ro.Depts {
			add(citedRule{a.Clause, fmt.Sprintf("roles[%d].departments[%d].clause", i, j), ro.Name + "'s adjustment for " + a.Name, a.Name + " " + fmt.Sprint(a.Rate)})
		}
		if ro.Ranking != nil {
			k := *ro.Ranking
			k.Clause = ""
			add(citedRule{ro.Ranking.Clause, fmt.Sprintf("roles[%d].ranking.clause", i), ro.Name + "'s ranking rule", fmt.Sprintf("%+v", k)})
		}
	}
	for i, rd := range r.Readings {
		add(citedRule{rd.Clause, fmt.Sprintf("readings[%d].clause", i), "the reading " + rd.ID, rd.Text})
	}
	return out
}

// clauseSaying is the ID of another clause of id's list in ed (销售人员奖惩
// 办法.6 for 销售人员奖惩办法.5) whose words are words: a clause
// renumbered. Not another list's: 内勤奖惩办法.5 says word for word what
// 销售人员奖惩办法.5 says, and is no clause of the sales staff's. "" when
// none does.
func clauseSaying(ed *edition, id, words string) string {
	p := clausePage(ed, id)
	list, _, ok := strings.Cut(id, ".")
	if p == nil || !ok || strings.TrimSpace(words) == "" {
		return ""
	}
	want := plainFigures(strings.TrimSpace(words))
	for _, c := range ed.docs[p].Clauses() {
		if c.ID != id && strings.HasPrefix(c.ID, list+".") && plainFigures(strings.TrimSpace(c.WithoutNotes())) == want {
			return c.ID
		}
	}
	return ""
}

// briefs are two texts of a clause cut to where they differ: from a few
// characters before the first difference, 24 characters, on one line.
func briefs(a, b string) (string, string) {
	ra, rb := []rune(strings.Join(strings.Fields(a), " ")), []rune(strings.Join(strings.Fields(b), " "))
	k := 0
	for k < len(ra) && k < len(rb) && ra[k] == rb[k] {
		k++
	}
	from := max(0, k-8)
	cut := func(r []rune) string {
		s := string(r[from:min(len(r), from+24)])
		if from > 0 {
			s = "…" + s
		}
		if from+24 < len(r) {
			s += "…"
		}
		return s
	}
	return cut(ra), cut(rb)
}

// statesRange reports whether a clause's text (plainFigures) states the
// score range [min, max] (hundredths of a point): "95——100" (or with –,
// -, ~, 至 or 到 between), or, for a range from 0, "60分以下" (or 低于,
// 不足, 不到 or 少于 60) with 60 the point above max. A range with a
// fraction is not checked.
func statesRange(text string, min, max int64) bool {
	if min%100 != 0 || max%100 != 0 {
		return true
	}
	const before, after = `(?:^|[^0-9.])`, `(?:[^0-9.]|$)`
	n := func(v int64) string { return strconv.FormatInt(v/100, 10) }
	re := before + n(min) + `\s*分?\s*(?:——|—|–|-|－|~|～|至|到)\s*` + n(max) + after
	if min == 0 {
		above := n(max + 100)
		re = before + above + `\s*分?\s*(?:以下|之下)|(?:低于|不足|不到|少于|不满)\s*` + above + after
	}
	return regexp.MustCompile(re).MatchString(text)
}

// reTimesPercent is a product (reProduct) written out with its result:
// 2000*100%=2000.
var reTimesPercent = regexp.MustCompile(reProduct.String() + `\s*[=＝]\s*(\d+(?:\.\d+)?)`)

// checkArithmetic finds, in a draft page's text, products written out
// with their result ("2000*100%=1900元") that do not hold, whether or not
// a payout directive has the calculator check the example: an example
// without one was never checked at all.
func checkArithmetic(ed *edition, p *content.Page) diag.List {
	var errs diag.List
	raw := string(p.Body())
	body, from := plainBody(raw)
	for _, m := range reTimesPercent.FindAllStringSubmatchIndex(body, -1) {
		a, _ := strconv.ParseFloat(body[m[2]:m[3]], 64)
		b, _ := strconv.ParseFloat(body[m[4]:m[5]], 64)
		got, _ := strconv.ParseFloat(body[m[6]:m[7]], 64)
		want := a * b / 100
		if math.Abs(want-got) < 0.01 {
			continue
		}
		// The product as the rules round it (to 角 or 元, or down), as
		// the calculator pays it: 3333×77.77% = 2592.0 舍去到角.
		if ed.rules != nil && roundedAs(ed.rules.Rounding, body[m[2]:m[3]], body[m[4]:m[5]], body[m[6]:m[7]]) {
			continue
		}
		figure := body[m[6]:m[7]]
		// At the wrong figure, where the text has it: the first 3000 of
		// the page was the payout directive's (base=3000), a line above.
		hint := "correct the figure"
		if !checkedWhole(ed.docs[p], body[m[0]:m[1]]) {
			hint += "; add a <!-- payout role=… score=… base=… dept=… --> line before the example to have the calculator check it whole"
		}
		errs.Add(diag.At(ed.display(p), p.Source, p.BodyOffset+from[m[6]],
			"worked example: "+body[m[2]:m[3]]+"×"+body[m[4]:m[5]]+"% is "+strconv.FormatFloat(math.Round(want*100)/100, 'f', 2, 64)+", not "+figure, hint))
	}
	return errs
}

// roundedAs reports whether got is amount × rate% rounded as r states
// (all three as the text writes them).
func roundedAs(r calculator.Rounding, amount, rate, got string) bool {
	a, err1 := calculator.ParseDecimal(amount, 2)
	bp, err2 := calculator.ParseDecimal(rate, 2)
	g, err3 := calculator.ParseDecimal(got, 2)
	return err1 == nil && err2 == nil && err3 == nil && r.Round(a*bp, calculator.RateScale) == g
}

// checkedWhole reports whether a payout directive has the calculator
// check the worked example holding product (3000*88%=2640).
func checkedWhole(doc *markdown.Doc, product string) bool {
	for _, ex := range doc.Examples {
		if text, _ := plainBody(ex.Text); len(ex.Attrs) > 0 && strings.Contains(text, product) {
			return true
		}
	}
	return false
}

// plainBody is plainFigures of a page's Markdown with its escaped \*
// read as *, and for each byte of it, the offset in raw of the code point
// it came from.
func plainBody(raw string) (string, []int) {
	var b strings.Builder
	from := make([]int, 0, len(raw)+1)
	for i, r := range raw {
		if r == '\\' && strings.HasPrefix(raw[i+1:], "*") {
			continue
		}
		if r = plainRune(r); r < 0 {
			continue
		}
		b.WriteRune(r)
		for len(from) < b.Len() {
			from = append(from, i)
		}
	}
	return b.String(), append(from, len(raw))
}

// plainFigures writes a text's figures one way: full-width digits and
// percent signs (and ℅) as ASCII, no spaces, so "６０ 分" reads "60分".
func plainFigures(s string) string { return strings.Map(plainRune, s) }

// plainRune is a code point as plainFigures writes it, or -1 for one it
// leaves out (a space).
func plainRune(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == '％' || r == '℅':
		return '%'
	case r == '＊':
		return '*'
	case r == ' ' || r == '\u3000':
		return -1
	}
	return r
}

// exampleClause is the clause a worked example's note stands in: its
// numbered item, or in a section's text, the section's heading.
func exampleClause(doc *markdown.Doc, ex markdown.Example) string {
	id := ex.Clause
	if id == "" {
		for _, h := range doc.Headings {
			if h.Offset <= ex.Offset {
				id = h.ID
			}
		}
	}
	return id
}

// notedAlready reports whether an editor's note of the text, in the
// clause that holds a worked example, names the figure the calculator
// found wrong: the editor has said so there, and a published page would
// show a second note saying it again.
func notedAlready(doc *markdown.Doc, ex markdown.Example, figure string) bool {
	if figure == "" {
		return false
	}
	id := exampleClause(doc, ex)
	for _, c := range doc.Clauses() {
		if c.ID != id {
			continue
		}
		for i := 0; i+1 < len(c.Notes); i += 2 {
			if hasNumber(plainFigures(c.Text[c.Notes[i]:c.Notes[i+1]]), figure) {
				return true
			}
		}
	}
	return false
}

// hasNumber reports whether s holds the number n whole: not as a part of
// a longer number (2000 is not in 12000 or 2000.5).
func hasNumber(s, n string) bool {
	digit := func(i int) bool {
		return i >= 0 && i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9')
	}
	for at := 0; ; {
		k := strings.Index(s[at:], n)
		if k < 0 {
			return false
		}
		k += at
		if !digit(k-1) && !digit(k+len(n)) {
			return true
		}
		at = k + 1
	}
}

type exampleProblem struct {
	figure string // the figure in the text that is wrong, to point at
	msg    string // for the terminal
	zh     string // for the editor's note readers see
}

var (
	// 3000*88℅ or 2640×5%: an amount times a percentage.
	reProduct = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*[*×xX]\s*(\d+(?:\.\d+)?)\s*[%℅％]`)
	// =2772元 or = 2772: a result.
	reResult = regexp.MustCompile(`[=＝]\s*(\d+(?:\.\d+)?)\s*元`)
	// 3500元, its first group "=" for a result (reResult checks those).
	reAmount = regexp.MustCompile(`([=＝]\s*)?(\d+(?:\.\d+)?)\s*元`)
	// 考核得分88分: the score an example states.
	reStatedScore = regexp.MustCompile(`得分(?:为|是|[:：])?\s*(\d+(?:\.\d+)?)\s*分`)
)

// exampleNote is the editor's note a published edition shows after a
// worked example the calculator disagrees with (the search index holds it
// too).
func exampleNote(pr exampleProblem) string {
	return "按本版计算规则复核此例：" + pr.zh + "。本版已发布，原文照录。"
}

// checkExample recomputes a worked example from its directive and compares
// every figure the text states: each product "A×R%" must multiply an
// amount of the computation by one of its rates, and each "=N元" must be an
// amount of the computation, the last one the total.
func checkExample(r *calculator.Rules, attrs map[string]string, text string) []exampleProblem {
	score, err := calculator.ParseScore(attrs["score"])
	if err != nil {
		return []exampleProblem{{msg: "the payout directive's score=" + attrs["score"] + " is not a score (a number such as 88)", zh: "此例的复核指令中的得分不是数字"}}
	}
	base, err := calculator.ParseYuan(attrs["base"])
	if err != nil {
		return []exampleProblem{{msg: "the payout directive's base=" + attrs["base"] + " is not an amount in yuan (a number such as 3000)", zh: "此例的复核指令中的绩效工资不是金额"}}
	}
	dept := attrs["dept"]
	if dept == "" {
		dept = "met"
	}
	res, err := calculator.Compute(r, calculator.Input{Role: attrs["role"], Score: score, BaseFen: base, Dept: dept})
	if err != nil {
		return []exampleProblem{{msg: "the calculator rejects the directive's inputs: " + err.Error(), zh: "计算器不接受此例的输入（" + err.Error() + "）"}}
	}
	amounts := map[int64]bool{base: true, res.PayFen: true, abs(res.AdjustFen): true, res.TotalFen: true}
	// Where the rules round to 角 or 元, or down, a text may write a
	// product exactly, or to the fen, before the rounded amount
	// (3333×77.77%=2592.0741元，舍去到角为2592.0元): those are figures
	// of the computation too.
	exact := [][2]int64{{base * res.Rate, calculator.RateScale}, {res.PayFen * abs(res.DeptRate), calculator.RateScale}}
	toFen := calculator.Rounding{Mode: calculator.HalfUp, Unit: 1}
	byFen := r.Rounding.Mode == calculator.HalfUp && r.Rounding.Unit <= 1
	unrounded := func(s string) bool {
		if byFen {
			return false
		}
		v, err := calculator.ParseDecimal(s, 6) // millionths of a yuan
		if err != nil {
			return false
		}
		for _, e := range exact {
			if v*e[1] == e[0]*10000 || v%10000 == 0 && toFen.Round(e[0], e[1]) == v/10000 {
				return true
			}
		}
		return false
	}
	computed := calculator.FormatFen(base) + " × " + calculator.FormatRate(res.Rate) + " = " + calculator.FormatFen(res.PayFen) + " 元"
	if !byFen && res.PayFen*exact[0][1] != exact[0][0] {
		computed = calculator.FormatFen(base) + " × " + calculator.FormatRate(res.Rate) + " = " + exactYuan(exact[0][0], exact[0][1]) + "，" + r.Rounding.Phrase() + "：" + calculator.FormatFen(res.PayFen) + " 元"
	}
	multiplicands := map[int64]string{base: "绩效工资 " + calculator.FormatFen(base) + " 元", res.PayFen: "按档发放的 " + calculator.FormatFen(res.PayFen) + " 元"}
	var out []exampleProblem
	for _, m := range reProduct.FindAllStringSubmatch(text, -1) {
		a, _ := calculator.ParseYuan(m[1])
		rate, _ := calculator.ParseDecimal(m[2], 2)
		if _, ok := multiplicands[a]; !ok {
			out = append(out, exampleProblem{m[1], "the text multiplies " + m[1] + ", but the example's amounts are " + joinValues(multiplicands) +
				" (computed: " + computed + ")",
				"算式中的 " + m[1] + " 不是此例的金额（" + joinValues(multiplicands) + "），按规则应为 " + computed})
		}
		// The rate a product must apply is the one its amount is
		// multiplied by: the tier's to the base, the department
		// result's to the pay (2640×5%); either where the two amounts
		// are one (a 100 % tier), both where the amount is wrong too.
		tierRate := a == base || a != res.PayFen
		deptRate := a == res.PayFen || a != base
		if !(tierRate && rate == res.Rate || deptRate && rate == abs(res.DeptRate)) {
			var want, zh []string
			if tierRate {
				want = append(want, calculator.FormatRate(res.Rate)+" for a score of "+calculator.FormatScore(res.Score))
				zh = append(zh, "得分 "+calculator.FormatScore(res.Score)+" 分应按 "+calculator.FormatRate(res.Rate))
			}
			if deptRate {
				want = append(want, calculator.FormatRate(abs(res.DeptRate))+" for 部门业绩目标"+res.DeptName)
				zh = append(zh, "部门业绩目标"+res.DeptName+"应按 "+calculator.FormatRate(abs(res.DeptRate)))
			}
			out = append(out, exampleProblem{m[2], "the text applies " + m[2] + "%, but the rules give " + strings.Join(want, ", or "),
				"算式中的比例 " + m[2] + "% 与规则不符，" + strings.Join(zh, "，或")})
		}
	}
	// The score and base the text states are the directive's: an example
	// reworded to 90分 and 3500元 still multiplied 3000 by 88%, and passed.
	if m := reStatedScore.FindStringSubmatch(text); m != nil {
		if v, err := calculator.ParseScore(m[1]); err == nil && v != score {
			out = append(out, exampleProblem{m[1], "the text states a score of " + m[1] + "分, but its payout directive gives score=" + attrs["score"],
				"原文得分 " + m[1] + " 分，与复核此例的得分 " + calculator.FormatScore(score) + " 分不符"})
		}
	}
	// A figure is told once: 2640 元 in 2640元+132元, and again as
	// =2640元, were two errors at one column.
	told := map[string]bool{}
	for _, m := range reAmount.FindAllStringSubmatch(text, -1) {
		if v, _ := calculator.ParseYuan(m[2]); m[1] == "" && !amounts[v] && !unrounded(m[2]) && !told[m[2]] {
			told[m[2]] = true
			out = append(out, exampleProblem{m[2], "the text gives " + m[2] + " 元, which is none of the example's amounts (base pay " + calculator.FormatFen(base) + " 元 by its payout directive; " +
				sumOf(res) + ")",
				"原文中的 " + m[2] + " 元不是此例的金额（绩效工资 " + calculator.FormatFen(base) + " 元，" + sumOf(res) + "）"})
		}
	}
	results := reResult.FindAllStringSubmatch(text, -1)
	at := reResult.FindAllStringIndex(text, -1)
	for i, m := range results {
		v, _ := calculator.ParseYuan(m[1])
		// The last result is the total where the text says so (应发,
		// 合计…) or adds or subtracts to make it (2640元+132元=): a
		// last product, the deduction 5520*5%=276元, was said to be a
		// wrong total.
		last := i == len(results)-1 && isTotal(text[:at[i][0]])
		switch {
		case last && len(results) > 1 && v != res.TotalFen:
			out = append(out, exampleProblem{m[1], "the text gives a total of " + m[1] + " 元, the calculator " + calculator.FormatFen(res.TotalFen) + " 元",
				"原文合计 " + m[1] + " 元，按规则应为 " + calculator.FormatFen(res.TotalFen) + " 元"})
		case !amounts[v] && !unrounded(m[1]) && !told[m[1]]:
			told[m[1]] = true
			steps := sumOf(res)
			out = append(out, exampleProblem{m[1], "the text gives " + m[1] + " 元, which is none of the calculator's figures (" + steps + ")",
				"原文中的 " + m[1] + " 元与计算结果不符（" + steps + "）"})
		}
	}
	return out
}

// sumOf is a result's total as its steps make it, for messages:
// 2640.00 + 132.00 = 2772.00 元, 2800.00 − 280.00 = 2520.00 元 (not
// + -280.00), 880.00 + 0.00 = 880.00 元.
func sumOf(res calculator.Result) string {
	op, adj := " + ", res.AdjustFen
	if adj < 0 {
		op, adj = " − ", -adj
	}
	return calculator.FormatFen(res.PayFen) + op + calculator.FormatFen(adj) + " = " + calculator.FormatFen(res.TotalFen) + " 元"
}

// reTotalWords are words that make a result a total: 本月应发全部奖金为.
var reTotalWords = regexp.MustCompile(`应发|合计|共计|总计|实发|总额|全部`)

// reSumOf is a sum or difference of amounts before the = of a result:
// 2640元+132元, 2640-132.
var reSumOf = regexp.MustCompile(`[0-9]\s*元?\s*[+＋\-−－]\s*[0-9]`)

// isTotal reports whether the result that follows before (the text up to
// its =) is a total: its sentence or clause says so, or sums amounts.
func isTotal(before string) bool {
	if k := strings.LastIndexAny(before, "。；;，,"); k >= 0 {
		before = before[k:]
	}
	if k := strings.LastIndexAny(before, "=＝"); k >= 0 {
		before = before[k:]
	}
	return reTotalWords.MatchString(before) || reSumOf.MatchString(before)
}

// exactYuan writes num/den fen in yuan, with as many decimals as it
// takes (up to six): 2592.0741.
func exactYuan(num, den int64) string {
	const scale = 10000 // fen → millionths of a yuan
	s := calculator.FormatDecimal(num*scale/den, 6)
	if num*scale%den != 0 {
		s += "…"
	}
	return s
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func joinValues(m map[int64]string) string {
	var s []string
	for _, v := range m {
		s = append(s, v)
	}
	if len(s) == 2 && s[0] > s[1] {
		s[0], s[1] = s[1], s[0]
	}
	return strings.Join(s, "、")
}

// clauseHead is the heading or item whose item a clause ID names
// (销售人员奖惩办法 of 销售人员奖惩办法.9), or the ID itself.
func clauseHead(id string) string {
	if i := strings.LastIndexByte(id, '.'); i > 0 {
		if _, err := strconv.Atoi(id[i+1:]); err == nil {
			return id[:i]
		}
	}
	return id
}

// missingClauseHint says what to do about a clause ID the rules cite that
// no page has. An item number past the last of its heading's items names
// how many there are; a heading ID no page has any more (a heading
// renamed, or its {#ID} changed) names the heading most like it, where it
// is, and the two ways to mend it.
func missingClauseHint(ed *edition, id string) string {
	head := clauseHead(id)
	item := id[len(head):]
	if p := clausePage(ed, head); p != nil && item != "" {
		nums := clauseItems(ed.docs[p], head)
		if len(nums) == 0 {
			return fmt.Sprintf("%s (%s) has no numbered items: cite the heading itself, #%s", head, ed.display(p), head)
		}
		has := itemsPhrase(nums)
		if n, _ := strconv.Atoi(item[1:]); n < nums[0] {
			// Item 1 deleted: the list now starts at 2, and so
			// do its numbers.
			has += fmt.Sprintf(" (no item %s: its list starts at %d)", item[1:], nums[0])
		}
		return fmt.Sprintf("%s (%s) has %s: cite one of them, or give the text back the item it lost", head, ed.display(p), has)
	}
	if dup, ok := twinHeadings(ed, head); ok {
		return dup.hint(ed, head)
	}
	best, score := "", 0
	var bestPage *content.Page
	var bestOff int
	for _, p := range ed.tree.Pages {
		for _, h := range ed.docs[p].Headings {
			if s := sharedRunes(head, h.ID); s > score {
				best, score, bestPage, bestOff = h.ID, s, p, h.Offset
			}
		}
	}
	if best == "" {
		return "use the heading or clause ID as the page shows it, or fix the heading"
	}
	where := ed.display(bestPage)
	if bestOff <= len(bestPage.Source) {
		line, _ := diag.Position(bestPage.Source, bestOff)
		where += ":" + strconv.Itoa(line)
	}
	return fmt.Sprintf("no heading has the ID %s; the most like it is %s (%s): if that is the heading, renamed, write {#%s} after its title to keep the ID the rules cite, or cite #%s%s here", head, best, where, head, best, item)
}

// clauseItems are the numbers of the items a heading or item (head) has,
// in order, as its IDs give them: 2 to 7 for a list whose item 1 was
// deleted (its numbers start where the list does).
func clauseItems(doc *markdown.Doc, head string) []int {
	var nums []int
	for id := range doc.IDMap() {
		rest, ok := strings.CutPrefix(id, head+".")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n >= 0 && strconv.Itoa(n) == rest {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	return nums
}

// itemsPhrase names a heading's items by their numbers: "items 1 to 7",
// "item 3", "items 2 to 4 and 6".
func itemsPhrase(nums []int) string {
	var runs []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		switch {
		case j == i:
			runs = append(runs, strconv.Itoa(nums[i]))
		case j == i+1:
			runs = append(runs, strconv.Itoa(nums[i]), strconv.Itoa(nums[j]))
		default:
			runs = append(runs, strconv.Itoa(nums[i])+" to "+strconv.Itoa(nums[j]))
		}
		i = j + 1
	}
	if len(nums) == 1 {
		return "item " + runs[0]
	}
	if len(runs) == 1 {
		return "items " + runs[0]
	}
	return "items " + strings.Join(runs[:len(runs)-1], ", ") + " and " + runs[len(runs)-1]
}

// twin is an ID written on two headings of one page ({#销售人员奖惩办法}
// put on the assistant's heading too), each line where it is.
type twin struct {
	page  *content.Page
	id    string
	lines []int
}

// twinHeadings finds the ID written twice on one page that most likely
// took the place of head, a heading ID the rules cite that no page has:
// the heading that had it was given another heading's ID. The one sharing
// most characters with head is taken; none when no ID is written twice.
// The heading most like head is then the twin, whose clauses belong to
// another part of the text, and citing them, or moving head's ID to it,
// was the wrong advice.
func twinHeadings(ed *edition, head string) (twin, bool) {
	var best twin
	score := -1
	for _, p := range ed.tree.Pages {
		at := map[string][]int{}
		var order []string
		for _, h := range ed.docs[p].Headings {
			if at[h.ID] == nil {
				order = append(order, h.ID)
			}
			line := 0
			if h.Offset <= len(p.Source) {
				line, _ = diag.Position(p.Source, h.Offset)
			}
			at[h.ID] = append(at[h.ID], line)
		}
		for _, id := range order {
			if len(at[id]) < 2 {
				continue
			}
			if s := sharedRunes(head, id); s > score {
				best, score = twin{p, id, at[id]}, s
			}
		}
	}
	return best, score >= 0
}

// hint says what to do about head, whose heading lost its ID to the twin.
func (t twin) hint(ed *edition, head string) string {
	lines := make([]string, len(t.lines))
	for i, l := range t.lines {
		lines[i] = strconv.Itoa(l)
	}
	return fmt.Sprintf("no heading has the ID %s, and {#%s} is on %d headings of %s (lines %s): on the one that is %s's heading, write {#%s} in its place",
		head, t.id, len(t.lines), ed.display(t.page), strings.Join(lines, " and "), head, head)
}
