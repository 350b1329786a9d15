package harness

import (
	"context"
	"fmt"
	"testing"
)

// PageState is what a failure message shows of the calculator.
const PageState = `JSON.stringify({
  state: document.querySelector('.payout-calculator')?.dataset.state,
  total: document.querySelector('.pc-total-value')?.textContent,
  errors: [...document.querySelectorAll('.pc-error:not([hidden])')].map(e => e.id + ': ' + e.textContent),
  result: document.querySelector('.pc-result')?.textContent.slice(0, 200),
})`

// WaitState waits until the calculator's data-state is want ("invalid",
// "incomplete", "result").
func WaitState(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	WaitFor(t, ctx, fmt.Sprintf(`document.querySelector('.payout-calculator').dataset.state === %q`, want), PageState)
}
