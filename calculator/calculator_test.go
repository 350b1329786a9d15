package calculator_test

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
)

// rules reads the handbook's own rules file, so the tests pin the rules
// the site ships.
func rules(t testing.TB) *calculator.Rules {
	t.Helper()
	src, err := os.ReadFile("../content/rules.toml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rulesfile.Parse("content/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWorkedExamplesOfTheText(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct {
		name        string
		in          calculator.Input
		pay, adjust int64
		total       string
	}{
		{"销售 88 分， 3000 元， 超额完成 gives 2640 + 132 = 2772", calculator.Input{Role: "sales", Score: 8800, BaseFen: 300000, Dept: "exceeded"}, 264000, 13200, "2772.00"},
		{"内勤 88 分， 1000 元， 超额完成 gives 880 + 44 = 924", calculator.Input{Role: "assistant", Score: 8800, BaseFen: 100000, Dept: "exceeded"}, 88000, 4400, "924.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := calculator.Compute(r, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if res.PayFen != tc.pay || res.AdjustFen != tc.adjust || calculator.FormatFen(res.TotalFen) != tc.total {
				t.Fatalf("got %d + %d = %d", res.PayFen, res.AdjustFen, res.TotalFen)
			}
			if !strings.Contains(res.Summary, tc.total) {
				t.Errorf("summary %q lacks %s", res.Summary, tc.total)
			}
		})
	}
}

func TestStepsCiteTheirClauses(t *testing.T) {
	r := rules(t)
	res, err := calculator.Compute(r, calculator.Input{Role: "sales", Scores: []int64{5000, 1900, 1900}, BaseFen: 300000, Dept: "exceeded"})
	if err != nil {
		t.Fatal(err)
	}
	want := []calculator.Step{
		{Text: "考核得分：业绩考评 50 + 能力考核 19 + 态度考核 19 = 88 分", Clause: "销售人员考核指标", Score: true},
		{Text: "考核得分 88 分，落在 60–89 分档，按得分比例 88% 发放：3000.00 × 88% = 2640.00 元", AmountFen: 264000, Clause: "销售人员奖惩办法.3"},
		{Text: "部门业绩目标超额完成，额外发放绩效工资 5% 的奖金：2640.00 × 5% = 132.00 元", AmountFen: 13200, Clause: "销售人员奖惩办法.5"},
	}
	if !reflect.DeepEqual(res.Steps, want) {
		t.Fatalf("steps:\n%+v\nwant\n%+v", res.Steps, want)
	}
}

func TestEveryTierBoundary(t *testing.T) {
	r := rules(t)
	clause := map[string]string{"sales": "销售人员奖惩办法.", "assistant": "内勤奖惩办法."}
	for _, role := range []string{"sales", "assistant"} {
		for _, tc := range []struct {
			score  int64
			rate   int64
			item   string
			payFen int64 // of a 1000.00 base
		}{
			{0, 0, "4", 0},
			{5999, 0, "4", 0},
			{6000, 6000, "3", 60000},
			{8900, 8900, "3", 89000},
			{8950, 8950, "3", 89500}, // reading: 89.5 stays in 60–89, paid 89.5 %
			{8999, 8999, "3", 89990},
			{9000, 10000, "2", 100000},
			{9400, 10000, "2", 100000},
			{9450, 10000, "2", 100000}, // reading: 94.5 stays in 90–94
			{9500, 10500, "1", 105000},
			{10000, 10500, "1", 105000},
		} {
			t.Run(role+" scoring "+calculator.FormatScore(tc.score)+" is paid "+calculator.FormatRate(tc.rate), func(t *testing.T) {
				res, err := calculator.Compute(r, calculator.Input{Role: role, Score: tc.score, BaseFen: 100000, Dept: "met"})
				if err != nil {
					t.Fatal(err)
				}
				if res.Rate != tc.rate || res.PayFen != tc.payFen || res.TotalFen != tc.payFen {
					t.Errorf("rate %d pay %d total %d", res.Rate, res.PayFen, res.TotalFen)
				}
				if res.TierClause != clause[role]+tc.item {
					t.Errorf("clause %s", res.TierClause)
				}
			})
		}
	}
}

func TestDepartmentResults(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct {
		dept   string
		adjust int64
		total  int64
		clause string
	}{
		{"exceeded", 13200, 277200, "销售人员奖惩办法.5"},
		{"met", 0, 264000, "销售人员奖惩办法.5"},
		{"missed", -13200, 250800, "销售人员奖惩办法.5"},
	} {
		t.Run("department "+tc.dept+" adjusts the pay by "+calculator.FormatFen(tc.adjust), func(t *testing.T) {
			res, err := calculator.Compute(r, calculator.Input{Role: "sales", Score: 8800, BaseFen: 300000, Dept: tc.dept})
			if err != nil {
				t.Fatal(err)
			}
			last := res.Steps[len(res.Steps)-1]
			if res.AdjustFen != tc.adjust || res.TotalFen != tc.total || last.Clause != tc.clause || last.AmountFen != tc.adjust {
				t.Errorf("adjust %d total %d step %+v", res.AdjustFen, res.TotalFen, last)
			}
		})
	}
}

func TestRoundingIsStatedAndShown(t *testing.T) {
	r := rules(t)
	res, err := calculator.Compute(r, calculator.Input{Role: "sales", Score: 8800, BaseFen: 300001, Dept: "missed"})
	if err != nil {
		t.Fatal(err)
	}
	// 3000.01 × 88 % = 2640.0088 → 2640.01; 2640.01 × 5 % = 132.0005 → 132.00.
	if res.PayFen != 264001 || res.AdjustFen != -13200 || res.TotalFen != 250801 {
		t.Fatalf("got %d %d %d", res.PayFen, res.AdjustFen, res.TotalFen)
	}
	if !strings.Contains(res.Steps[0].Text, "2640.0088 元，四舍五入到分为 2640.01 元") {
		t.Errorf("step does not show the rounding: %s", res.Steps[0].Text)
	}
	if res.Rounding == "" {
		t.Error("result does not carry the rounding rule")
	}
}

func TestBadInputNamesTheField(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct {
		name   string
		in     calculator.Input
		fields []string
	}{
		{"a score above 100", calculator.Input{Role: "sales", Score: 10001, BaseFen: 1, Dept: "met"}, []string{"score"}},
		{"a negative score", calculator.Input{Role: "sales", Score: -1, BaseFen: 1, Dept: "met"}, []string{"score"}},
		{"a criterion above its max", calculator.Input{Role: "sales", Scores: []int64{6100, 0, 0}, BaseFen: 1, Dept: "met"}, []string{"scores.0"}},
		{"too few criteria", calculator.Input{Role: "assistant", Scores: []int64{1, 2}, BaseFen: 1, Dept: "met"}, []string{"scores"}},
		{"a negative base", calculator.Input{Role: "sales", Score: 8000, BaseFen: -1, Dept: "met"}, []string{"base"}},
		{"an unknown role and dept", calculator.Input{Role: "boss", Score: 8000, BaseFen: 1, Dept: "x"}, []string{"role"}},
		{"an unknown dept", calculator.Input{Role: "sales", Score: 8000, BaseFen: 1, Dept: "x"}, []string{"dept"}},
	} {
		t.Run(tc.name+" is reported on "+strings.Join(tc.fields, ","), func(t *testing.T) {
			_, err := calculator.Compute(r, tc.in)
			var fe calculator.FieldErrors
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not FieldErrors", err)
			}
			var got []string
			for _, e := range fe {
				got = append(got, e.Field)
			}
			if !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("fields %v, want %v (%v)", got, tc.fields, err)
			}
		})
	}
}

// A choice that is not one of the rules' (from a link, the command line or
// a CSV row) is named in the message, not replaced by a default.
func TestUnknownChoicesAreNamed(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct {
		q, field, want string
	}{
		{"role=boss&score=88&base=3000&dept=met", "role", "没有“boss”这一岗位，请选择岗位"},
		{"role=&score=88&base=3000&dept=met", "role", "请选择岗位"},
		{"role=sales&score=88&base=3000&dept=bogus", "dept", "没有“bogus”这一部门业绩目标完成情况，请选择部门业绩目标完成情况"},
		{"role=sales&scores=50,19,19,5&base=3000&dept=met", "scores", "需要 3 项指标得分（按业绩考评、能力考核、态度考核的顺序），实际为 4 项"},
		{"role=sales&score=88&scores=50,19,19&base=3000&dept=met", "scores", "考核得分和分项得分只能填写一种，请删去其中之一"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			in, err := calculator.ParseQuery(r, tc.q)
			if err == nil {
				_, err = calculator.Compute(r, in)
			}
			fe, _ := err.(calculator.FieldErrors)
			if len(fe) != 1 || fe[0].Field != tc.field || fe[0].Msg != tc.want {
				t.Errorf("got %v, want %s: %s", err, tc.field, tc.want)
			}
		})
	}
}

// Nothing deducted reads 0.00, not −0.00.
func TestNoDeductionHasNoMinusSign(t *testing.T) {
	res, err := calculator.Compute(rules(t), calculator.Input{Role: "sales", Score: 5000, BaseFen: 300000, Dept: "missed"})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range res.Steps {
		if strings.Contains(st.Text, "−0.00") || strings.Contains(st.Text, "-0.00") {
			t.Errorf("step reads %q", st.Text)
		}
	}
	if !strings.Contains(res.Steps[1].Text, "计 0.00 元") || calculator.FormatFen(res.TotalFen) != "0.00" {
		t.Errorf("steps %+v, total %d", res.Steps, res.TotalFen)
	}
}

func TestParseQuery(t *testing.T) {
	r := rules(t)
	in, err := calculator.ParseQuery(r, "role=sales&scores=50,19.5,19&base=3000.5&dept=met")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, calculator.Input{Role: "sales", Scores: []int64{5000, 1950, 1900}, BaseFen: 300050, Dept: "met"}) {
		t.Errorf("got %+v", in)
	}
	for q, field := range map[string]string{
		"role=sales&score=&base=1&dept=met":        "score",
		"role=sales&score=NaN&base=1&dept=met":     "score",
		"role=sales&score=1e-3&base=1&dept=met":    "score",
		"role=sales&score=88.123&base=1&dept=met":  "score",
		"role=sales&score=88&base=abc&dept=met":    "base",
		"role=sales&score=88&dept=met":             "base",
		"role=sales&scores=50,,19&base=1&dept=met": "scores.1",
		"role=sales&scores=50,19&base=1&dept=met":  "scores",
	} {
		_, err := calculator.ParseQuery(r, q)
		fe, _ := err.(calculator.FieldErrors)
		if len(fe) == 0 || fe[0].Field != field {
			t.Errorf("%s: got %v, want an error on %s", q, err, field)
		}
	}
	_, err = calculator.ParseQuery(r, "role=assistant&scores=25,,,&base=-1&dept=met")
	var got []string
	for _, e := range err.(calculator.FieldErrors) {
		got = append(got, e.Field+" "+e.Msg)
	}
	want := []string{"scores.1 请填写工作态度得分", "scores.2 请填写工作能力得分", "scores.3 请填写工作效果得分", "scores.0 工作量得分不能高于 20 分", "base 绩效工资不能为负数"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("every bad field at once: got %q", got)
	}
	s, errs := calculator.ParseScoreList(r.Role("sales"), "态度=19, 业绩=50，能力=19")
	if errs != nil || !reflect.DeepEqual(s, []int64{5000, 1900, 1900}) {
		t.Errorf("named scores: %v %v", s, errs)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	r := rules(t)
	enc := calculator.Encode(r)
	got, err := calculator.Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip differs:\n%+v\n%+v", got, r)
	}
	if calculator.Encode(got) != enc {
		t.Error("re-encoding differs")
	}
	odd := *r
	odd.Readings = append([]calculator.Reading(nil), r.Readings...)
	odd.Readings = append(odd.Readings, calculator.Reading{ID: "x", Clause: "c", Text: "quote \" backslash \\ newline \n tab \t 中文"})
	got, err = calculator.Decode(calculator.Encode(&odd))
	if err != nil || !reflect.DeepEqual(got.Readings, odd.Readings) {
		t.Fatalf("escapes: %v %+v", err, got)
	}
	for _, bad := range []string{"", "hbrules 2\n", "hbrules 1\ncrit \"a\" 1\n", "hbrules 1\nrole \"a\" \"b\"\n", "hbrules 1\nrounding half-up x \"t\"\n", "hbrules 1\nrounding half-up 1 \"t\n"} {
		if _, err := calculator.Decode(bad); err == nil {
			t.Errorf("Decode(%q) accepted bad input", bad)
		}
	}
}

func TestJSONIsValidAndComplete(t *testing.T) {
	r := rules(t)
	res, _ := calculator.Compute(r, calculator.Input{Role: "sales", Score: 8800, BaseFen: 300000, Dept: "exceeded"})
	var v struct {
		TotalFen int64  `json:"total_fen"`
		Total    string `json:"total"`
		Rate     string `json:"rate"`
		Tier     struct {
			Label  string `json:"label"`
			Clause string `json:"clause"`
		} `json:"tier"`
		Steps []struct {
			Text      string `json:"text"`
			AmountFen int64  `json:"amount_fen"`
			Clause    string `json:"clause"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(res.JSON(), &v); err != nil {
		t.Fatalf("%v\n%s", err, res.JSON())
	}
	if v.TotalFen != 277200 || v.Total != "2772.00" || v.Rate != "88%" || v.Tier.Label != "60–89" || len(v.Steps) != 2 {
		t.Errorf("%+v", v)
	}
	for _, s := range []string{"a\"b\\c\n\x01<>&\u2028", "\xff中"} {
		var got string
		if err := json.Unmarshal(calculator.AppendJSONString(nil, s), &got); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	// Given criterion scores, the first step adds them up: points, no amount.
	res, _ = calculator.Compute(r, calculator.Input{Role: "sales", Scores: []int64{5000, 1800, 2000}, BaseFen: 300000, Dept: "met"})
	var w struct{ Steps []map[string]any }
	if err := json.Unmarshal(res.JSON(), &w); err != nil || len(w.Steps) != 3 {
		t.Fatalf("%v\n%s", err, res.JSON())
	}
	if _, ok := w.Steps[0]["amount_fen"]; ok || w.Steps[0]["text"] != "考核得分：业绩考评 50 + 能力考核 18 + 态度考核 20 = 88 分" {
		t.Errorf("the score step: %v", w.Steps[0])
	}
	if w.Steps[1]["amount_fen"] != float64(264000) || w.Steps[2]["amount"] != "0.00" {
		t.Errorf("the money steps: %v", w.Steps[1:])
	}
	var e struct {
		Errors []struct{ Field, Message string }
	}
	_, err := calculator.Compute(r, calculator.Input{Role: "sales", Score: 10100, BaseFen: 1, Dept: "met"})
	if err := json.Unmarshal(calculator.AppendErrorJSON(nil, err), &e); err != nil || e.Errors[0].Field != "score" {
		t.Errorf("%v %+v", err, e)
	}
}

func TestCurveHasTheJumps(t *testing.T) {
	r := rules(t)
	pts, err := calculator.Curve(r, "sales", 300000, "met")
	if err != nil {
		t.Fatal(err)
	}
	want := []calculator.Point{{0, 0, 0}, {5999, 0, 0}, {6000, 180000, 1}, {8999, 269970, 1}, {9000, 300000, 2}, {9499, 300000, 2}, {9500, 315000, 3}, {10000, 315000, 3}}
	if !reflect.DeepEqual(pts, want) {
		t.Errorf("got %v", pts)
	}
}

func TestRankingLastThreeMonthsRunning(t *testing.T) {
	r := rules(t)
	rk := r.Role("sales").Ranking
	m := func(s string) int { v, _ := calculator.ParseMonth(s); return v }
	scores := []calculator.MonthScore{
		{"a", m("2025-01"), 7000}, {"b", m("2025-01"), 8000}, {"c", m("2025-01"), 9000},
		{"a", m("2025-02"), 6000}, {"b", m("2025-02"), 6000}, {"c", m("2025-02"), 9000}, // tie: a and b both last
		{"a", m("2025-03"), 5000}, {"b", m("2025-03"), 8000}, {"c", m("2025-03"), 9000},
		{"a", m("2025-05"), 5000}, {"b", m("2025-05"), 8000}, // April missing: run restarts
		{"c", m("2025-06"), 1000}, // alone in June: nobody is last
	}
	marks, err := calculator.Rank(rk, scores)
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[int]bool{}
	for i, mk := range marks {
		if mk.Flag {
			flagged[i] = true
		}
	}
	if !reflect.DeepEqual(flagged, map[int]bool{6: true}) {
		t.Errorf("flagged rows %v, marks %+v", flagged, marks)
	}
	if !marks[3].Last || !marks[4].Last || marks[9].Run != 1 || marks[11].Last {
		t.Errorf("marks %+v", marks)
	}
	none := *rk
	none.Ties = calculator.TiesNoneLast
	marks, _ = calculator.Rank(&none, scores)
	if marks[3].Last || marks[6].Flag {
		t.Errorf("ties=none: %+v", marks)
	}
	if _, err := calculator.Rank(rk, append(scores, calculator.MonthScore{"a", m("2025-01"), 1})); err == nil {
		t.Error("duplicate month accepted")
	}
}

func TestDecimalParsing(t *testing.T) {
	for s, want := range map[string]int64{
		"88": 8800, "88.5": 8850, "0.05": 5, "-3": -300, " 7 ": 700, ".5": 50, "88.": 8800, "88.10": 8810, "-0.00": 0,
		"999999999999999":  99999999999999900,
		"1000000000000000": 100_000_000_000_000_000, "-1000000000000000000000": -100_000_000_000_000_000,
	} {
		if got, err := calculator.ParseDecimal(s, 2); err != nil || got != want {
			t.Errorf("%q: %d %v", s, got, err)
		}
	}
	for _, s := range []string{"", "-", ".", "+.", "1.234", "88.120", "3.000", "0.000", "3000.001", "1000000000000000.000", "1e-3", "e3", "1e", "1e+-3", "NaN", "Inf", "1,000", "0x10", "１２", "1.2.3",
		"1e3", "1.5E2", "25e-2", "0e999", "1e15", "-1e99"} {
		if _, err := calculator.ParseDecimal(s, 2); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

// A score or an amount written with an exponent (1e3, 9.5E1) is not a
// number as people type one: it is refused as such, on the page as on the
// command line and in CSV files. 1e3 was 1000 yuan and 1e2 a score of 100,
// and a spreadsheet's 1.23457E+11 (an amount shown in scientific notation,
// its last digits lost) would have been read as an exact amount.
func TestAnExponentIsNotANumber(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct{ query, field, msg string }{
		{"role=sales&score=88&base=1e3&dept=met", "base", "绩效工资应为数字"},
		{"role=sales&score=1e2&base=3000&dept=met", "score", "考核得分应为数字"},
		{"role=sales&score=8.8E1&base=3000&dept=met", "score", "考核得分应为数字"},
		{"role=sales&score=88&base=1.23457E+11&dept=met", "base", "绩效工资应为数字"},
		{"role=sales&scores=5e1,19,19&base=3000&dept=met", "scores.0", "业绩考评得分应为数字"},
	} {
		_, err := calculator.ParseQuery(r, tc.query)
		fe, _ := err.(calculator.FieldErrors)
		if len(fe) != 1 || fe[0].Field != tc.field || fe[0].Msg != tc.msg {
			t.Errorf("%s: %v, want %s: %s", tc.query, err, tc.field, tc.msg)
		}
	}
}

// The page, the command line and CSV files read money and scores through
// the same functions, so they take the same text.
func TestNumbersAsPeopleTypeThem(t *testing.T) {
	for _, tc := range []struct {
		parse func(string) (int64, error)
		what  string
		ok    map[string]int64
		bad   []string
	}{
		{calculator.ParseYuan, "yuan", map[string]int64{
			"3000": 300000, "3,000": 300000, "3，000.5": 300050, "1,234,567": 123456700, "３０００": 300000, "３０００．５": 300050,
			"3000元": 300000, "3000 元": 300000, "¥3000": 300000, "￥ 3,000.00": 300000, "¥3000元": 300000, "3000¥": 300000,
			"−5": -500, "－5": -500, "3000。5": 300050, "\u30003000\u3000": 300000,
			"3000。": 300000, "3000元。": 300000, "3,000 元 。": 300000, "3000.50。": 300050, "3 000": 300000,
		}, []string{"3,00", "30,00", "3,0000", ",300", "3000分", "3千", "元", "3000元元", "3000 块", "$3000",
			"。", "3000。。元", "3000元元。"}},
		{calculator.ParseScore, "score", map[string]int64{
			"88": 8800, "８８": 8800, "88分": 8800, "８８．５ 分": 8850, ".5": 50, "88.": 8800,
			"88。5": 8850, "８８。５": 8850, "88。": 8800, "88分。": 8800, "88.5分。": 8850,
		}, []string{"88元", "¥88", "88%", "八十八", "88。5。5"}},
	} {
		for s, want := range tc.ok {
			if got, err := tc.parse(s); err != nil || got != want {
				t.Errorf("%s %q: %d %v, want %d", tc.what, s, got, err, want)
			}
		}
		for _, s := range tc.bad {
			if got, err := tc.parse(s); err == nil {
				t.Errorf("%s %q accepted as %d", tc.what, s, got)
			}
		}
	}
}

// A number with more than two decimals is refused with the same message
// whatever its last digits: 3.000 was read as 3 yuan (its zeros dropped)
// while 3000.001 was refused, and a European 3.000 (three thousand) was so
// paid a thousandth of it. The page, the command line and CSV files read
// numbers through ParseQuery's functions and show NumberMessage's words.
func TestMoreThanTwoDecimalsAreRefusedZerosToo(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct{ query, field, msg string }{
		{"role=sales&score=88&base=3.000&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=3000.000&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=3000.001&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=1,234.567&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=３．０００元&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=3。000&dept=met", "base", "绩效工资最多保留两位小数"},
		{"role=sales&score=88&base=3.000,00&dept=met", "base", "绩效工资应为数字"},
		{"role=sales&score=88.500&base=3000&dept=met", "score", "考核得分最多保留两位小数"},
		{"role=sales&score=88.000&base=3000&dept=met", "score", "考核得分最多保留两位小数"},
		{"role=sales&scores=50.000,19,19&base=3000&dept=met", "scores.0", "业绩考评得分最多保留两位小数"},
	} {
		_, err := calculator.ParseQuery(r, tc.query)
		fe, _ := err.(calculator.FieldErrors)
		if len(fe) != 1 || fe[0].Field != tc.field || fe[0].Msg != tc.msg {
			t.Errorf("%s: %v, want %s: %s", tc.query, err, tc.field, tc.msg)
		}
	}
	for _, q := range []string{"role=sales&score=88.50&base=3000.00&dept=met", "role=sales&score=88。5&base=3000。&dept=met"} {
		if in, err := calculator.ParseQuery(r, q); err != nil || in.Score != 8850 || in.BaseFen != 300000 {
			t.Errorf("%s: %+v %v", q, in, err)
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	r := rules(b)
	in := calculator.Input{Role: "sales", Score: 8800, BaseFen: 300000, Dept: "exceeded"}
	b.ReportAllocs()
	for b.Loop() {
		res, _ := calculator.Compute(r, in)
		_ = res.AppendJSON(nil)
	}
}

// A role and a department result are read by ID or by the rules file's
// Chinese name, and criterion scores in order or as named pairs, in a
// link as on the command line and in CSV files.
func TestTheSameSpellingsEverywhere(t *testing.T) {
	r := rules(t)
	want := calculator.Input{Role: "sales", Scores: []int64{5000, 1900, 1900}, BaseFen: 300000, Dept: "exceeded"}
	for _, q := range []string{
		"role=sales&scores=50,19,19&base=3000&dept=exceeded",
		"role=销售人员&scores=50,19,19&base=3000&dept=超额完成",
		"role= 销售人员 &scores=业绩=50,能力=19,态度=19&base=3000&dept=exceeded",
		"dept=超额完成&scores=态度=19，业绩=50，能力=19&base=3000&role=sales",
	} {
		in, err := calculator.ParseQuery(r, q)
		if err != nil || !reflect.DeepEqual(in, want) {
			t.Errorf("%s: %+v %v", q, in, err)
		}
	}
	if r.FindRole("大客户内勤") != r.Role("assistant") || r.FindRole("boss") != nil || r.Role("sales").FindDept("未完成") != r.Role("sales").Dept("missed") {
		t.Error("FindRole or FindDept")
	}
	res, err := calculator.Compute(r, calculator.Input{Role: "销售人员", Score: 8800, BaseFen: 300000, Dept: "超额完成"})
	if err != nil || res.Role != "sales" || res.Dept != "exceeded" || res.TotalFen != 277200 {
		t.Errorf("Compute by names: %+v %v", res, err)
	}
}

// The page fills its form from a link through CanonicalQuery: IDs for
// names, named criterion scores as a list in the role's order, and what it
// cannot read as it was.
func TestCanonicalQuery(t *testing.T) {
	r := rules(t)
	for q, want := range map[string]string{
		"role=销售人员&score=88&base=3000&dept=超额完成":          "role=sales&score=88&base=3000&dept=exceeded",
		"role=sales&scores=能力=19,业绩=50,态度=19.5&base=3000": "role=sales&scores=50,19,19.5&base=3000",
		"role=sales&scores=业绩=50,体重=19&dept=bogus":        "role=sales&scores=业绩=50,体重=19&dept=bogus",
		"role=boss&dept=超额完成":                             "role=boss&dept=超额完成",
		"score=88&score=90":                               "score=88&score=90",
	} {
		if got := calculator.CanonicalQuery(r, q); got != want {
			t.Errorf("%s: got %s, want %s", q, got, want)
		}
	}
}

// A field given twice is named at that field: which value was meant
// cannot be guessed.
func TestARepeatedFieldIsNamed(t *testing.T) {
	r := rules(t)
	_, err := calculator.ParseQuery(r, "role=sales&score=88&score=90&base=3000&dept=met")
	fe, _ := err.(calculator.FieldErrors)
	if len(fe) != 1 || fe[0].Field != "score" || fe[0].Msg != "考核得分填写了两次，请只保留一个" {
		t.Errorf("got %v", err)
	}
	_, err = calculator.ParseQuery(r, "role=sales&score=88&base=3000&dept=met&foo=bar")
	if err != nil {
		t.Errorf("an unknown key is the page's to note, not an error: %v", err)
	}
}

// A role or department result typed with a capital (Sales, as a phone's
// keyboard or a spreadsheet capitalises a cell, or EXCEEDED) is the one
// its ID names, on the command line, in a CSV file and in a link, which
// the page then holds by its ID.
func TestIDsInAnyLetterCase(t *testing.T) {
	r := rules(t)
	res, err := calculator.Compute(r, calculator.Input{Role: "Sales", Score: 8800, BaseFen: 300000, Dept: "EXCEEDED"})
	if err != nil || res.Role != "sales" || res.Dept != "exceeded" || res.TotalFen != 277200 {
		t.Errorf("Sales, EXCEEDED: %+v %v", res, err)
	}
	if r.FindRole("Assistant") != r.Role("assistant") || r.FindRole("sale") != nil || r.FindRole("salesX") != nil || r.Role("assistant").FindDept("Met") != r.Role("assistant").Dept("met") {
		t.Error("FindRole or FindDept")
	}
	if got := calculator.CanonicalQuery(r, "role=Sales&score=88&base=3000&dept=Missed"); got != "role=sales&score=88&base=3000&dept=missed" {
		t.Errorf("canonical: %s", got)
	}
}

// A role is found by the names its readers give it, not only the rules
// file's: the beginning or the end of its name, two characters or more,
// that no other role's name begins or ends with (销售 for 销售人员, 内勤 for
// 大客户内勤, 第三章's "B、内勤"). A link, the command line and a CSV row
// all read a role through FindRole; a name it does not know stays unknown,
// and no name is made up: 大客户销售人员 was read as 销售人员 because this
// department's name was built into the engine, and so was 大客户拣货员 for
// another company's 拣货员.
func TestRolesByTheNamesTheTextGivesThem(t *testing.T) {
	r := rules(t)
	for name, id := range map[string]string{
		"销售": "sales", "销售人员": "sales", " 销售 ": "sales", "销售人": "sales",
		"内勤": "assistant", "大客户内勤": "assistant", "　内勤": "assistant", "客户内勤": "assistant",
		// Short forms nobody means are read too, when they are of one
		// role only: the department's name, which 大客户内勤 alone begins
		// with here, and 人员. The result names the role it computed.
		"大客户": "assistant", "人员": "sales",
	} {
		if ro := r.FindRole(name); ro == nil || ro.ID != id {
			t.Errorf("FindRole(%q) = %v, want %s", name, ro, id)
		}
	}
	// Nor bytes of a character cut in two (销\xe5, \x80售人员).
	for _, name := range []string{"大客户销售人员", "大客户销售", "销", "勤", "售人", "销售员", "大客户员工", "销售人员人员", "boss", "",
		"销\xe5", "\x80售人员"} {
		if ro := r.FindRole(name); ro != nil {
			t.Errorf("FindRole(%q) = %s, want none", name, ro.ID)
		}
	}
	if got := r.Role("sales").Names(); !reflect.DeepEqual(got, []string{"销售人员"}) {
		t.Errorf("sales names %q", got)
	}
	if got := r.Role("assistant").Names(); !reflect.DeepEqual(got, []string{"大客户内勤"}) {
		t.Errorf("assistant names %q", got)
	}
	res, err := calculator.Compute(r, calculator.Input{Role: "内勤", Score: 8800, BaseFen: 100000, Dept: "超额完成"})
	if err != nil || res.Role != "assistant" || res.TotalFen != 92400 {
		t.Errorf("内勤: %+v %v", res, err)
	}
	if got := calculator.CanonicalQuery(r, "role=销售&score=88&base=3000&dept=超额完成"); got != "role=sales&score=88&base=3000&dept=exceeded" {
		t.Errorf("a link's role=销售: %s", got)
	}
	// A short name two roles would share finds neither: which one was
	// meant cannot be guessed.
	two := *r
	two.Roles = append([]calculator.Role{}, r.Roles...)
	two.Roles[1].Name = "大客户销售"
	if ro := two.FindRole("销售"); ro != nil {
		t.Errorf("销售 shared by 销售人员 and 大客户销售 found %s", ro.ID)
	}
	if ro := two.FindRole("大客户销售"); ro == nil || ro.ID != "assistant" {
		t.Errorf("a role's own name still finds it: %v", ro)
	}
}
