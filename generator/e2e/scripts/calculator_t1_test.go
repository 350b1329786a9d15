package scripts

import (
	"strings"
	"testing"

	"handbook/generator/e2e/harness"
)

// A link with score=88 and an empty scores= opens on 考核得分 with 88 and
// its result: the empty scores= is none given, as the engine reads it.
// The page switched to 分项得分 with three empty fields and no message,
// the link's 88 kept out of sight in the hidden total field.
func TestCalculatorEmptyScoresInALinkIsNoneGiven(t *testing.T) {
	s := harness.ServeContent(t, harness.ContentDir(), false)
	ctx := harness.Browser(t)
	openCalculator(t, ctx, s.URL+calcPath+"#role=sales&score=88&base=3000&dept=met&scores=")
	waitTotal(t, ctx, "2640.00")
	got := harness.Eval[string](t, ctx, formState)
	if !strings.Contains(got, `"mode":"total"`) || !strings.Contains(got, `"score":"88"`) {
		t.Errorf("form: %s", got)
	}
}
