package calculator

// ParseQuery reads an input in the form the page keeps in its URL fragment
// and passes to the WebAssembly module:
//
//	role=sales&score=88&base=3000&dept=exceeded
//	role=assistant&scores=18,27,35,8&base=1000&dept=met
//	role=销售人员&scores=业绩=50,能力=19,态度=19&base=3000&dept=超额完成
//	role=team-lead&scores=35,25,28&base=3000&dept=missed    (another company's rules)
//
// base is in yuan; the order of the fields does not matter; the role and
// the department result are read by FindRole and FindDept, the criterion
// scores by ParseScoreList, as the command line and CSV files read them.
// Values are taken as they are (the caller decodes any percent-encoding).
// A field given twice is an error on that field (which one was meant
// cannot be guessed); other keys are ignored. When a field is unreadable
// the readable ones are checked as Compute would, so every bad field is
// reported at once, each as a FieldError.
func ParseQuery(r *Rules, q string) (Input, error) {
	var in Input
	var errs FieldErrors
	var hasScore, hasBase, hasScores, hasTotal bool
	var scores string
	var seen [len(queryKeys)]bool
	for _, kv := range split(q, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := cut(kv, "=")
		again := false
		for i, key := range queryKeys {
			if k == key {
				if seen[i] {
					errs.add(k, queryNames[i]+"填写了两次，请只保留一个")
					again = true
				}
				seen[i] = true
			}
		}
		if again {
			// The later value is not read: the page's field shows the
			// first, and a message about the second (base=3000&base=
			// said 请填写绩效工资 beside a field holding 3000) spoke of a
			// value the reader could not see.
			continue
		}
		if k == "scores" && trimSpace(v) == "" {
			// An empty scores= is none given: a link's score=88 beside it
			// was dropped in silence, the page in 分项得分 with empty
			// fields. (The form writes scores=,, for three empty fields.)
			continue
		}
		hasScore = hasScore || k == "score" || k == "scores"
		hasTotal = hasTotal || k == "score"
		hasBase = hasBase || k == "base"
		switch k {
		case "role":
			in.Role = v
		case "dept":
			in.Dept = v
		case "score":
			if trimSpace(v) == "" {
				errs.add("score", "请填写考核得分")
				continue
			}
			s, err := ParseScore(v)
			if err != nil {
				errs.add("score", numberMsg("考核得分", err))
				continue
			}
			in.Score = s
		case "scores":
			scores, hasScores = v, true
		case "base":
			if trimSpace(v) == "" {
				errs.add("base", "请填写绩效工资")
				continue
			}
			f, err := ParseYuan(v)
			if err != nil {
				errs.add("base", numberMsg("绩效工资", err))
				continue
			}
			in.BaseFen = f
		}
	}
	var ro *Role
	if r != nil {
		if ro = r.FindRole(in.Role); ro != nil {
			in.Role = ro.ID
			if a := ro.FindDept(in.Dept); a != nil {
				in.Dept = a.Result
			}
		}
	}
	if hasScores {
		s, ferrs := ParseScoreList(ro, scores)
		errs = append(errs, ferrs...)
		in.Scores = s
		if in.Scores == nil {
			in.Scores = []int64{}
		}
	}
	if !hasScore {
		errs.add("score", "请填写考核得分")
	}
	if hasTotal && hasScores {
		// As the command line refuses -score with -scores: which one was
		// meant cannot be guessed.
		errs.add("scores", "考核得分和分项得分只能填写一种，请删去其中之一")
	}
	if !hasBase {
		errs.add("base", "请填写绩效工资")
	}
	if len(errs) > 0 && r != nil {
		// Check the readable fields too, so the page can mark every bad
		// field at once (a score above 100 beside an empty base).
		if _, err := Compute(r, in); err != nil {
			if more, ok := err.(FieldErrors); ok {
				for _, e := range more {
					if !errs.covers(e.Field) {
						errs = append(errs, e)
					}
				}
			}
		}
	}
	return in, errs.orNil()
}

// ParseScores reads criterion scores in the role's order ("50,19,19";
// full-width ,、; also separate), as the page sends them. With a nil role
// any number of scores is read.
func ParseScores(ro *Role, s string) ([]int64, FieldErrors) {
	parts := split(normalizeSeps(s), ",")
	if ro != nil && len(parts) != len(ro.Criteria) {
		var errs FieldErrors
		errs.add("scores", "需要 "+itoa(len(ro.Criteria))+" 项指标得分（按"+criteriaNames(ro)+"的顺序），实际为 "+itoa(len(parts))+" 项")
		return nil, errs
	}
	return parseScoreParts(ro, parts, nil)
}

// ParseNamedScores reads criterion scores written as name=value pairs in
// any order ("业绩考评=50，能力考核=19，态度考核=19", or by short forms of the names: see FindCriterion), as the command line accepts them.
// Every criterion of the role must be given once.
func ParseNamedScores(ro *Role, s string) ([]int64, FieldErrors) {
	vals, errs := namedValues(ro, s)
	if len(errs) > 0 {
		return nil, errs
	}
	return parseScoreParts(ro, vals, nil)
}

// namedValues puts the values of name=value pairs in the role's order.
func namedValues(ro *Role, s string) ([]string, FieldErrors) {
	var errs FieldErrors
	if ro == nil {
		errs.add("role", "请选择岗位")
		return nil, errs
	}
	parts := split(replaceAll(normalizeSeps(s), "\uFF1D", "="), ",")
	vals := make([]string, len(ro.Criteria))
	given := make([]bool, len(ro.Criteria))
	for _, p := range parts {
		k, v, ok := cut(p, "=")
		if !ok {
			errs.add("scores", "指标得分应写作 名称=分数，如 "+ro.Criteria[0].Name+"="+FormatScore(ro.Criteria[0].Max))
			return nil, errs
		}
		k = trimSpace(k)
		idx := ro.FindCriterion(k)
		switch {
		case idx < 0:
			errs.add("scores", "没有名为“"+k+"”的考核指标（应为 "+criteriaNames(ro)+"）")
		case given[idx]:
			errs.add("scores."+itoa(idx), ro.Criteria[idx].Name+"得分填写了两次")
		default:
			vals[idx], given[idx] = v, true
		}
	}
	return vals, errs
}

// CanonicalQuery rewrites a query (see ParseQuery) the way the page's form
// holds it: the role and the department result by their IDs, criterion
// scores given as name=value pairs as a list in the role's order. What it
// cannot read is left as it is, for ParseQuery to name. The page fills its
// form from a link through it, so a link may spell these as the command
// line and CSV files do.
func CanonicalQuery(r *Rules, q string) string {
	parts := split(q, "&")
	var ro *Role
	for _, kv := range parts {
		if k, v, _ := cut(kv, "="); k == "role" && ro == nil {
			ro = r.FindRole(v)
		}
	}
	if ro == nil {
		return q
	}
	for i, kv := range parts {
		k, v, _ := cut(kv, "=")
		switch k {
		case "role":
			if r.FindRole(v) == ro {
				parts[i] = "role=" + ro.ID
			}
		case "dept":
			if a := ro.FindDept(v); a != nil {
				parts[i] = "dept=" + a.Result
			}
		case "scores":
			if named(v) {
				if vals, errs := namedValues(ro, v); len(errs) == 0 {
					parts[i] = "scores=" + join(vals, ",")
				}
			}
		}
	}
	return join(parts, "&")
}

// ParseScoreList reads criterion scores in either form: named pairs when
// the text contains "=", otherwise in the role's order.
func ParseScoreList(ro *Role, s string) ([]int64, FieldErrors) {
	if named(s) {
		return ParseNamedScores(ro, s)
	}
	return ParseScores(ro, s)
}

// named reports whether criterion scores are written as name=value pairs.
func named(s string) bool { return contains(s, "=") || contains(s, "\uFF1D") }

//go:noinline
func normalizeSeps(s string) string {
	for _, sep := range [...]string{"\uFF0C", "、", "\uFF1B", ";"} { // ， 、 ； ;
		s = replaceAll(s, sep, ",")
	}
	return s
}

func parseScoreParts(ro *Role, parts []string, errs FieldErrors) ([]int64, FieldErrors) {
	out := make([]int64, len(parts))
	for i, p := range parts {
		name := "第 " + itoa(i+1) + " 项指标"
		if ro != nil {
			name = ro.Criteria[i].Name
		}
		field := "scores." + itoa(i)
		if trimSpace(p) == "" {
			errs.add(field, "请填写"+name+"得分")
			continue
		}
		v, err := ParseScore(p)
		if err != nil {
			errs.add(field, numberMsg(name+"得分", err))
			continue
		}
		out[i] = v
	}
	// On errors the readable scores are still returned (the others are
	// zero), so ParseQuery can check them against their maxima.
	return out, errs
}

// The keys of a query, and what the page calls each field.
var (
	queryKeys  = [...]string{"role", "score", "scores", "base", "dept"}
	queryNames = [...]string{"岗位", "考核得分", "分项得分", "绩效工资", "部门业绩目标完成情况"}
)

// NumberMessage is the message for text that ParseScore or ParseYuan
// refused (err is their error), naming the field as what: "考核得分最多保留两
// 位小数", "绩效工资应为数字". The page, the command line and CSV files show
// the same words.
func NumberMessage(what string, err error) string { return numberMsg(what, err) }

func numberMsg(what string, err error) string {
	if err == ErrDecimals {
		return what + "最多保留两位小数"
	}
	return what + "应为数字"
}

//go:noinline
func criteriaNames(ro *Role) string {
	names := make([]string, len(ro.Criteria))
	for i, c := range ro.Criteria {
		names[i] = c.Name
	}
	return join(names, "、")
}
