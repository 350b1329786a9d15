// Package calculator is the payout rules engine of 第六章 (大客户部员工的工作绩效考核办法).
//
// It is pure Go with no I/O and no package-level state: rules and input go
// in, a result with every step of the computation comes out. The same code
// runs in the handbook command (build checks, `handbook payout`) and, compiled
// to WebAssembly, in the page. To keep that module small the package imports
// only errors and unicode/utf8 — not fmt, encoding/json or reflection, and
// not even strings or strconv, whose Unicode tables cost kilobytes (see
// text.go). Rules reach the page in the compact text form of Encode.
//
// Units: money is int64 fen (分); scores are int64 hundredths of a point
// (88.5 分 is 8850); rates are basis points (105 % is 10500). Every figure is
// computed with integers and rounded once per step by the rules' Rounding.
package calculator

// Score and rate scales.
const (
	// ScoreScale is the number of score units per point: scores are kept
	// in hundredths, so 89.5 分 is 8950.
	ScoreScale = 100
	// MaxScore is the highest total score, 100 分, in hundredths.
	MaxScore = 100 * ScoreScale
	// RateScale is the number of basis points in 100 %.
	RateScale = 10000
	// MaxBaseFen bounds the base performance pay (100 000 000.00 元) so that
	// base × rate × rate can never overflow int64.
	MaxBaseFen = 100_000_000_00
)

// Rules are the payout rules of one revision of the handbook.
type Rules struct {
	Rounding Rounding
	Roles    []Role
	// Readings are the rules file's stated readings of ambiguous text; the
	// handbook shows each as an editor's note (编者注) beside its clause.
	Readings []Reading
}

// Role is one 岗位 whose monthly performance pay chapter 6 defines, e.g.
// 销售人员 or 大客户内勤.
type Role struct {
	// ID names the role in links, on the command line and in CSV files:
	// lower-case ASCII letters, digits and hyphens, starting with a
	// letter (sales, assistant, picker, team-lead), as Rules.Check
	// requires.
	ID   string
	Name string // its Chinese title: 销售人员, 大客户内勤, 拣货员
	// CriteriaClause is the heading ID of the 考核指标 clause the weights
	// come from, e.g. 销售人员考核指标.
	CriteriaClause string
	Criteria       []Criterion
	// Tiers are the 得分区间, ordered by Min. Tier i covers the half-open
	// range [Tiers[i].Min, Tiers[i+1].Min); the last one also covers 100.
	Tiers []Tier
	// Depts are the adjustments for the department's monthly result
	// (部门业绩目标 超额完成 / 完成 / 未完成).
	Depts []Adjustment
	// Ranking is the 末位淘汰 rule; nil when the role has none.
	Ranking *Ranking
}

// Criterion is one 考核指标 of a role with its maximum points, e.g. 业绩考评 60.
type Criterion struct {
	Name string
	Max  int64 // hundredths of a point
}

// PayoutKind says how a tier turns a score into a rate.
type PayoutKind int

const (
	// Fixed pays Tier.Rate of the base whatever the score in the tier.
	Fixed PayoutKind = iota
	// ScorePercent pays the score as a percentage of the base
	// (按相应分数比例发放: 80 分 → 80 %).
	ScorePercent
)

// Tier is one 得分区间 of 奖惩办法 and its payout.
type Tier struct {
	Min, Max int64 // hundredths; Max is the bound the text writes (e.g. 94), see Role.Tiers
	Kind     PayoutKind
	Rate     int64  // basis points, for Fixed
	Clause   string // e.g. 销售人员奖惩办法.1
}

// Adjustment is the 额外奖金 (or deduction) for one department result,
// a percentage of the computed pay.
type Adjustment struct {
	Result string // "exceeded", "met", "missed"
	Name   string // 超额完成, 完成, 未完成
	Rate   int64  // basis points, signed: +500 is +5 %
	Clause string // e.g. 销售人员奖惩办法.5
}

// Ranking is the 末位淘汰 rule: staff last in the department's ranking in
// each of Months consecutive calendar months are flagged.
type Ranking struct {
	Months int
	// MinStaff is the fewest ranked staff a month needs to have a last
	// place; with fewer, nobody is last that month.
	MinStaff int
	Ties     TieRule
	// AllTied says who is last in a month in which every ranked person
	// has the same score, so that the ranking has no bottom: all of them
	// (TiesAllLast, the zero value: what rules files said before they
	// could say otherwise, and what published revisions without
	// all_tied keep computing) or nobody (TiesNoneLast). With Ties
	// TiesNoneLast nobody is last in such a month either way.
	AllTied TieRule
	Clause  string
}

// TieRule says who is last when several share the lowest score.
type TieRule int

const (
	// TiesAllLast counts everyone sharing the lowest score as last.
	TiesAllLast TieRule = iota
	// TiesNoneLast counts nobody as last in a month whose lowest score is
	// shared.
	TiesNoneLast
)

// RoundingMode is how an amount between two units is rounded.
type RoundingMode int

const (
	// HalfUp rounds half away from zero (四舍五入).
	HalfUp RoundingMode = iota
	// HalfEven rounds half to the even unit (银行家舍入).
	HalfEven
	// Down truncates toward zero (舍去).
	Down
)

// Rounding is the rounding rule stated once in the rules file and applied to
// every step's amount.
type Rounding struct {
	Mode RoundingMode
	Unit int64  // fen: 1 rounds to the fen, 10 to the jiao
	Text string // the rule as the page shows it, e.g. 每一步金额四舍五入到分
}

// Reading is the rules file's reading of an ambiguous passage.
type Reading struct {
	ID     string // stable key, e.g. "between-tiers"
	Clause string // heading ID of the clause it explains
	Text   string // 编者注 text, Chinese
}

// Role returns the role with the given ID, or nil.
func (r *Rules) Role(id string) *Role {
	for i := range r.Roles {
		if r.Roles[i].ID == id {
			return &r.Roles[i]
		}
	}
	return nil
}

// FindRole returns the role s names, by its ID (picker, in any letter
// case: a phone's keyboard or a spreadsheet capitalises the first letter)
// or by its name in the rules file (拣货员), or nil. The page's link, the
// command line and CSV files all read a role through it, so they accept
// the same spellings.
//
// A role is also found by a short form of its name, as people write it in
// a month's file or a link: the name's beginning or its end, of two
// characters or more (拣货 for 拣货员, 组长 for 班组长; 销售 for 销售人员, 内勤
// for 大客户内勤), when no other role's name begins or ends so. A short
// form two roles share finds neither: which one was meant cannot be
// guessed. No other name is made up (the rules file's names are the
// company's own).
func (r *Rules) FindRole(s string) *Role {
	s = trimSpace(s)
	var found *Role
	n := 0
	for i := range r.Roles {
		ro := &r.Roles[i]
		if equalFold(ro.ID, s) || ro.Name == s {
			return ro
		}
		if shortName(ro.Name, s) {
			found, n = ro, n+1
		}
	}
	if n != 1 {
		return nil
	}
	return found
}

// shortName reports whether s is the beginning or the end of the name n,
// whole characters of it and at least two, but not all of it. Not
// inlined: the module's size is budgeted (calculator/bench).
//
//go:noinline
func shortName(n, s string) bool {
	k, chars := len(s), 0
	for i := 0; i < k; i++ {
		if s[i]&0xC0 != 0x80 { // not a UTF-8 continuation byte
			chars++
		}
	}
	if k >= len(n) || chars < 2 {
		return false
	}
	// The cut falls between two characters of n (n is UTF-8): s holds
	// whole characters of it, not a byte of one.
	return n[:k] == s && n[k]&0xC0 != 0x80 || n[len(n)-k:] == s && n[len(n)-k]&0xC0 != 0x80
}

// FindCriterion returns the index of the criterion s names, or -1: by
// its name (业绩考评), or by a short form of it as FindRole reads a role's,
// a beginning or an end of two characters or more that no other of the
// role's criteria shares (业绩 for 业绩考评: the name before the criteria
// took the text's). Links, -scores and CSV columns written with the old
// names keep working. s is compared as given: callers trim it.
func (ro *Role) FindCriterion(s string) int {
	idx, n := -1, 0
	for i, c := range ro.Criteria {
		if c.Name == s {
			return i
		}
		if shortName(c.Name, s) {
			idx, n = i, n+1
		}
	}
	if n > 1 {
		return -1
	}
	return idx
}

// Names returns the role's name in the rules file: the one name messages
// list beside its ID. FindRole also reads the short forms of it (see
// there), which are not listed: they depend on the other roles' names.
func (ro *Role) Names() []string {
	return []string{ro.Name}
}

// FindDept returns the adjustment s names, by its result (exceeded) or by
// its name in the rules file (超额完成), or nil; see FindRole.
func (ro *Role) FindDept(s string) *Adjustment {
	s = trimSpace(s)
	for i := range ro.Depts {
		if equalFold(ro.Depts[i].Result, s) || ro.Depts[i].Name == s {
			return &ro.Depts[i]
		}
	}
	return nil
}

// Dept returns the adjustment for a department result, or nil.
func (ro *Role) Dept(result string) *Adjustment {
	for i := range ro.Depts {
		if ro.Depts[i].Result == result {
			return &ro.Depts[i]
		}
	}
	return nil
}

// TierFor returns the index of the tier that holds score, reading tiers as
// half-open ranges [Min, next.Min), or -1 when no tier does.
func (ro *Role) TierFor(score int64) int {
	if score < 0 || score > MaxScore {
		return -1
	}
	for i := len(ro.Tiers) - 1; i >= 0; i-- {
		if score >= ro.Tiers[i].Min {
			return i
		}
	}
	return -1
}

// RateFor is the payout rate of tier t at score, in basis points.
func (t *Tier) RateFor(score int64) int64 {
	if t.Kind == ScorePercent {
		// hundredths of a point are basis points of 100 %.
		return score * RateScale / MaxScore
	}
	return t.Rate
}
