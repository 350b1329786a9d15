package calculator_test

import (
	"os"
	"reflect"
	"testing"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
)

// threeRoles reads another company's rules (testdata/three-roles.toml): a
// warehouse's 拣货员 (picker), 班组长 (team-lead) and 质检员 (qc2).
func threeRoles(t testing.TB) *calculator.Rules {
	t.Helper()
	src, err := os.ReadFile("testdata/three-roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rulesfile.Parse("testdata/three-roles.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every role of rules with ids of their own computes, by its id or its
// name, in a link as on the command line; the page gets every role in the
// rules' encoding.
func TestThreeRolesOfAnotherCompany(t *testing.T) {
	r := threeRoles(t)
	for _, tc := range []struct {
		in    calculator.Input
		total int64
	}{
		{calculator.Input{Role: "picker", Score: 9500, BaseFen: 300000, Dept: "exceeded"}, 315000},                        // 3000 × 100% + 5%
		{calculator.Input{Role: "team-lead", Score: 9500, BaseFen: 300000, Dept: "exceeded"}, 363000},                     // 3000 × 110% + 10%
		{calculator.Input{Role: "Team-Lead", Scores: []int64{3500, 2500, 2800}, BaseFen: 300000, Dept: "missed"}, 237600}, // 88: 2640 − 264
		{calculator.Input{Role: "质检员", Scores: []int64{2500, 2500, 1800, 1800}, BaseFen: 200000, Dept: "met"}, 172000},    // 86: 1720
	} {
		res, err := calculator.Compute(r, tc.in)
		if err != nil || res.TotalFen != tc.total {
			t.Errorf("%+v: %d %v, want %d", tc.in, res.TotalFen, err, tc.total)
		}
	}

	in, err := calculator.ParseQuery(r, "role=team-lead&scores=35,25,28&base=3000&dept=missed")
	if err != nil || !reflect.DeepEqual(in, calculator.Input{Role: "team-lead", Scores: []int64{3500, 2500, 2800}, BaseFen: 300000, Dept: "missed"}) {
		t.Errorf("a link with role=team-lead: %+v %v", in, err)
	}
	if got := calculator.CanonicalQuery(r, "role=组长&scores=带班=28,班组产量=35,安全=25&base=3000&dept=未完成"); got != "role=team-lead&scores=35,25,28&base=3000&dept=missed" {
		t.Errorf("canonical: %s", got)
	}
	in, _ = calculator.ParseQuery(r, "role=sales&score=88&base=3000&dept=met")
	if _, err := calculator.Compute(r, in); err == nil || err.Error() != "role: 没有“sales”这一岗位，请选择岗位" {
		t.Errorf("role=sales in rules without it: %v", err)
	}

	got, err := calculator.Decode(calculator.Encode(r))
	if err != nil || !reflect.DeepEqual(got, r) {
		t.Fatalf("encoding for the page: %v\n%+v", err, got)
	}
}

// A short form of a role's name is its name's beginning or end of two
// characters or more that no other role's name begins or ends with: 拣货
// finds 拣货员 (as 销售 finds 销售人员), 组长 班组长; 员, the end of two of
// them, finds none. No department's name is put before a name: 大客户拣货员
// found 拣货员, from a rule made for the handbook this tool came with.
func TestShortNamesOfAnyRole(t *testing.T) {
	r := threeRoles(t)
	for name, id := range map[string]string{
		"picker": "picker", "PICKER": "picker", "拣货员": "picker", "拣货": "picker", "货员": "picker",
		"team-lead": "team-lead", "班组长": "team-lead", "班组": "team-lead", "组长": "team-lead",
		"qc2": "qc2", "QC2": "qc2", "质检": "qc2", "检员": "qc2",
	} {
		if ro := r.FindRole(name); ro == nil || ro.ID != id {
			t.Errorf("FindRole(%q) = %v, want %s", name, ro, id)
		}
	}
	for _, name := range []string{"大客户拣货员", "拣货员员", "员", "拣", "长", "组", "货", "team", "lead", "team_lead", "qc", "sales", "销售", "内勤"} {
		if ro := r.FindRole(name); ro != nil {
			t.Errorf("FindRole(%q) = %s, want none", name, ro.ID)
		}
	}
	// A short form two names share finds neither, but a name finds its
	// role even where it is another's short form.
	two := *r
	two.Roles = append([]calculator.Role{}, r.Roles...)
	two.Roles[2].Name = "拣货组长"
	if ro := two.FindRole("拣货"); ro != nil {
		t.Errorf("拣货, the beginning of 拣货员 and 拣货组长, found %s", ro.ID)
	}
	if ro := two.FindRole("组长"); ro != nil {
		t.Errorf("组长, the end of 班组长 and 拣货组长, found %s", ro.ID)
	}
	two.Roles[2].Name = "拣货"
	if ro := two.FindRole("拣货"); ro == nil || ro.ID != "qc2" {
		t.Errorf("a role's own name finds it: %v", ro)
	}
	if ro := two.FindRole("货员"); ro == nil || ro.ID != "picker" {
		t.Errorf("货员: %v", ro)
	}
}
