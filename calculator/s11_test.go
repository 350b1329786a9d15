package calculator_test

import (
	"errors"
	"fmt"
	"testing"

	"handbook/calculator"
)

// A key given twice in a link is named once, at its field, and its later
// value is not read: the page's field shows the first value, and
// base=3000&base= also said 请填写绩效工资 beside a field holding 3000
// (base=3000&base=abc: 应为数字).
func TestAKeyGivenTwiceIsNamedOnly(t *testing.T) {
	r := rules(t)
	for _, tc := range []struct{ q, want string }{
		{"role=sales&score=88&base=3000&dept=met&base=", "[base: 绩效工资填写了两次，请只保留一个]"},
		{"role=sales&score=88&base=3000&dept=met&base=abc", "[base: 绩效工资填写了两次，请只保留一个]"},
		{"role=sales&score=88&base=3000&dept=met&score=150", "[score: 考核得分填写了两次，请只保留一个]"},
		{"role=sales&score=88&base=3000&dept=met&dept=nope", "[dept: 部门业绩目标完成情况填写了两次，请只保留一个]"},
	} {
		_, err := calculator.ParseQuery(r, tc.q)
		var fe calculator.FieldErrors
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v", tc.q, err)
			continue
		}
		var got []string
		for _, e := range fe {
			got = append(got, e.Field+": "+e.Msg)
		}
		if fmt.Sprint(got) != tc.want {
			t.Errorf("%s:\n got %v\nwant %s", tc.q, got, tc.want)
		}
	}
}
