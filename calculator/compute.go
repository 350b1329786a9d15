package calculator

import (
	"errors"
)

// Input is one employee's month as entered on the page or the command line.
type Input struct {
	Role string // Role.ID (or Role.Name: see Rules.FindRole)
	// Score is the total 考核得分 in hundredths; used when Scores is nil.
	Score int64
	// Scores are the criterion scores in hundredths, in the order of
	// Role.Criteria; when set, the total is their sum.
	Scores  []int64
	BaseFen int64  // 绩效工资 (base performance pay), fen
	Dept    string // Adjustment.Result: "exceeded", "met", "missed" (or its Name)
}

// Step is one sentence of the computation with its figure and the clause it
// comes from. The amounts of a result's steps add up to its total.
type Step struct {
	Text      string
	AmountFen int64
	Clause    string // heading ID in chapter 6, e.g. 销售人员奖惩办法.3
	// Score marks the step that adds up the criterion scores: its figure
	// is points, not money, and AmountFen is 0.
	Score bool
}

// Result is a computed payout.
type Result struct {
	Role       string
	RoleName   string
	Score      int64 // total, hundredths
	Tier       int   // index into Role.Tiers
	TierLabel  string
	TierMin    int64
	TierMax    int64
	TierClause string
	Rate       int64 // tier rate, basis points
	PayFen     int64 // pay after the tier, before the department adjustment
	Dept       string
	DeptName   string
	DeptRate   int64 // basis points, signed
	AdjustFen  int64 // signed
	TotalFen   int64
	Steps      []Step
	Summary    string // 本月应发… sentence with the total
	Rounding   string // the rounding rule as the rules file states it

	role *Role // the role computed, for Readings
}

// AppliedReading is a reading of the rules as it decided one result.
type AppliedReading struct {
	Text   string
	Clause string // heading ID of the clause read, e.g. 销售人员奖惩办法.3
	Step   int    // index in Result.Steps of the step it explains
}

// Readings say how the handbook's readings of ambiguous passages decided
// the result, in words for it: a score between the ranges the text writes
// (89.5: the text has 60——89 and 90——94) and the tier it is read in. The
// command line prints them under their steps and JSON writes them. The
// page words the same sentence itself (theme/ts/calculator.ts): the
// WebAssembly module has no room for it (calculator/bench), and neither
// this method nor JSON is linked into it (it writes AppendPageJSON).
func (res *Result) Readings() []AppliedReading {
	ro := res.role
	if ro == nil || res.Tier+1 >= len(ro.Tiers) || res.Score <= res.TierMax {
		return nil
	}
	step := 0
	for i, s := range res.Steps {
		if s.Score {
			step = i + 1 // the tier's step follows the criterion scores' sum
		}
	}
	return []AppliedReading{{
		Text: FormatScore(res.Score) + " 分在 " + res.TierLabel + " 分档与下一档之间：按本手册的读法，每档从本档下限起，到下一档下限之前止（" +
			FormatScore(res.TierMin) + " 分以上、不满 " + FormatScore(ro.Tiers[res.Tier+1].Min) + " 分），故属于此档。",
		Clause: res.TierClause,
		Step:   step,
	}}
}

// ErrNoRules is returned for nil rules.
var ErrNoRules = errors.New("calculator: no rules")

// Compute applies the rules to one input. Bad input yields FieldErrors
// naming every offending field; a result is returned only when there are
// none.
func Compute(r *Rules, in Input) (Result, error) {
	if r == nil {
		return Result{}, ErrNoRules
	}
	var errs FieldErrors
	role := r.FindRole(in.Role)
	if role == nil {
		errs.add("role", unknown("岗位", in.Role, "请选择岗位"))
	}
	score := in.Score
	if role != nil && in.Scores != nil {
		score = 0
		if len(in.Scores) != len(role.Criteria) {
			errs.add("scores", "需要 "+itoa(len(role.Criteria))+" 项指标得分，实际为 "+itoa(len(in.Scores))+" 项")
		} else {
			for i, s := range in.Scores {
				if msg := criterionProblem(&role.Criteria[i], s); msg != "" {
					errs.add("scores."+itoa(i), msg)
				}
				score += s
			}
		}
	} else if in.Scores == nil {
		if msg := scoreProblem(score); msg != "" {
			errs.add("score", msg)
		}
	}
	switch {
	case in.BaseFen < 0:
		errs.add("base", "绩效工资不能为负数")
	case in.BaseFen > MaxBaseFen:
		errs.add("base", "绩效工资超出可计算范围（最多 "+FormatFen(MaxBaseFen)+" 元）")
	}
	var adj *Adjustment
	if role != nil {
		if adj = role.FindDept(in.Dept); adj == nil {
			errs.add("dept", unknown("部门业绩目标完成情况", in.Dept, "请选择部门业绩目标完成情况"))
		}
	} else if trimSpace(in.Dept) == "" {
		// A result named without a role cannot be read (the roles'
		// results may differ), but none given is missing whatever the
		// role: a link without role and dept names both, as an empty
		// form's fields are named.
		errs.add("dept", "请选择部门业绩目标完成情况")
	}
	if len(errs) > 0 {
		return Result{}, errs
	}
	ti := role.TierFor(score)
	if ti < 0 {
		// Only reachable with rules that do not cover 0–100.
		return Result{}, FieldErrors{{Field: "score", Msg: "规则中没有覆盖 " + FormatScore(score) + " 分的得分区间"}}
	}
	tier := &role.Tiers[ti]
	res := Result{
		Role: role.ID, RoleName: role.Name, Score: score,
		Tier: ti, TierLabel: TierLabel(tier), TierMin: tier.Min, TierMax: tier.Max, TierClause: tier.Clause,
		Dept: adj.Result, DeptName: adj.Name, DeptRate: adj.Rate,
		Rounding: r.Rounding.Text, role: role,
	}
	if in.Scores != nil {
		var b builder
		b.WriteString("考核得分：")
		for i, s := range in.Scores {
			if i > 0 {
				b.WriteString(" + ")
			}
			b.WriteString(role.Criteria[i].Name)
			b.byte(' ')
			b.WriteString(FormatScore(s))
		}
		b.WriteString(" = ")
		b.WriteString(FormatScore(score))
		b.WriteString(" 分")
		res.Steps = append(res.Steps, Step{Text: b.String(), Clause: role.CriteriaClause, Score: true})
	}

	res.Rate = tier.RateFor(score)
	res.PayFen = r.Rounding.round(in.BaseFen*res.Rate, RateScale)
	var b builder
	b.WriteString("考核得分 ")
	b.WriteString(FormatScore(score))
	b.WriteString(" 分，落在 ")
	b.WriteString(res.TierLabel)
	b.WriteString(" 分档，")
	switch {
	case tier.Kind == ScorePercent:
		b.WriteString("按得分比例 ")
		b.WriteString(FormatRate(res.Rate))
		b.WriteString(" 发放")
	case res.Rate == 0:
		b.WriteString("不予发放绩效工资")
	default:
		b.WriteString("按 ")
		b.WriteString(FormatRate(res.Rate))
		b.WriteString(" 发放")
	}
	b.WriteString("：")
	r.Rounding.product(&b, in.BaseFen, res.Rate, res.PayFen)
	res.Steps = append(res.Steps, Step{Text: b.String(), AmountFen: res.PayFen, Clause: tier.Clause})

	mag := adj.Rate
	if mag < 0 {
		mag = -mag
	}
	res.AdjustFen = r.Rounding.round(res.PayFen*mag, RateScale)
	if adj.Rate < 0 {
		res.AdjustFen = -res.AdjustFen
	}
	b.Reset()
	b.WriteString("部门业绩目标")
	b.WriteString(adj.Name)
	switch {
	case adj.Rate > 0:
		b.WriteString("，额外发放绩效工资 ")
		b.WriteString(FormatRate(mag))
		b.WriteString(" 的奖金：")
		r.Rounding.product(&b, res.PayFen, mag, res.AdjustFen)
	case adj.Rate < 0:
		b.WriteString("，扣除绩效工资的 ")
		b.WriteString(FormatRate(mag))
		b.WriteString("：")
		r.Rounding.product(&b, res.PayFen, mag, -res.AdjustFen)
		b.WriteString("，计 ")
		if res.AdjustFen < 0 { // no "−0.00" when nothing is deducted
			b.WriteString("−")
		}
		b.WriteString(FormatFen(-res.AdjustFen))
		b.WriteString(" 元")
	default:
		b.WriteString("，不另发放额外奖金：0.00 元")
	}
	res.Steps = append(res.Steps, Step{Text: b.String(), AmountFen: res.AdjustFen, Clause: adj.Clause})

	res.TotalFen = res.PayFen + res.AdjustFen
	b.Reset()
	b.WriteString("本月应发绩效工资：")
	switch {
	case res.AdjustFen > 0:
		b.WriteString(FormatFen(res.PayFen) + " + " + FormatFen(res.AdjustFen) + " = ")
	case res.AdjustFen < 0:
		b.WriteString(FormatFen(res.PayFen) + " − " + FormatFen(-res.AdjustFen) + " = ")
	}
	b.WriteString(FormatFen(res.TotalFen))
	b.WriteString(" 元")
	res.Summary = b.String()
	return res, nil
}

// unknown is the message for a choice that is empty (ask) or not one of
// the rules' (name the value, then ask), as a link or a CSV row may give.
func unknown(what, value, ask string) string {
	if trimSpace(value) == "" {
		return ask
	}
	return "没有“" + value + "”这一" + what + "，" + ask
}

// scoreProblem says what is wrong with a total score, or "".
func scoreProblem(s int64) string {
	switch {
	case s < 0:
		return "考核得分不能为负数"
	case s > MaxScore:
		return "考核得分不能高于 100 分"
	}
	return ""
}

// criterionProblem says what is wrong with a criterion score, or "".
func criterionProblem(c *Criterion, s int64) string {
	switch {
	case s < 0:
		return c.Name + "得分不能为负数"
	case s > c.Max:
		return c.Name + "得分不能高于 " + FormatScore(c.Max) + " 分"
	}
	return ""
}

// product writes "a × rate = c 元", showing the exact product and the
// rounding when the product is not a whole number of units.
func (r Rounding) product(b *builder, fen, bp, rounded int64) {
	b.WriteString(FormatFen(fen))
	b.WriteString(" × ")
	b.WriteString(FormatRate(bp))
	b.WriteString(" = ")
	exact := fen * bp // fen × 10^-4, i.e. yuan × 10^-6
	if exact != rounded*RateScale {
		b.WriteString(FormatDecimal(exact, 6))
		b.WriteString(" 元，")
		b.WriteString(r.Phrase())
		b.WriteString("为 ")
	}
	b.WriteString(FormatFen(rounded))
	b.WriteString(" 元")
}

// TierLabel is the score range as the text writes it, e.g. "60–89".
func TierLabel(t *Tier) string {
	return FormatScore(t.Min) + "–" + FormatScore(t.Max)
}

// Point is one point of the payout curve.
type Point struct {
	Score    int64 // hundredths
	TotalFen int64
	Tier     int
}

// Curve returns the payout against score, 0–100, for one role, base and
// department result: for each tier its first and last score (the last one
// just below the next tier, in hundredths), so a chart can draw each tier as
// a straight segment and the jumps between tiers. Payout is linear within a
// tier, so these points describe the curve exactly up to rounding.
func Curve(r *Rules, role string, baseFen int64, dept string) ([]Point, error) {
	if r == nil {
		return nil, ErrNoRules
	}
	ro := r.FindRole(role)
	if ro == nil {
		return nil, FieldErrors{{Field: "role", Msg: "请选择岗位"}}
	}
	role = ro.ID
	pts := make([]Point, 0, 2*len(ro.Tiers))
	for i := range ro.Tiers {
		end := int64(MaxScore)
		if i+1 < len(ro.Tiers) {
			end = ro.Tiers[i+1].Min - 1
		}
		for _, s := range [2]int64{ro.Tiers[i].Min, end} {
			res, err := Compute(r, Input{Role: role, Score: s, BaseFen: baseFen, Dept: dept})
			if err != nil {
				return nil, err
			}
			pts = append(pts, Point{Score: s, TotalFen: res.TotalFen, Tier: i})
		}
	}
	return pts, nil
}
