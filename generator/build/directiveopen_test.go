package build

import (
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestAnOpenDirectiveIsOneError: a payout directive whose --> was lost
// hides its example in the comment. The page's one error says so at the
// directive; a reading quoting the example's product (2640 × 5% = 132)
// was then also told the chapter does not say it, a second message about
// the same slip that sent the admin to correct rules.toml.
func TestAnOpenDirectiveIsOneError(t *testing.T) {
	src := strings.Replace(handbook, "6. <!-- payout role=sales score=88 base=3000 dept=exceeded -->\n", "6. <!-- payout role=sales score=88 base=3000 dept=exceeded\n", 1) +
		"\n[[readings]]\nid = \"adjustment-base\"\nclause = \"办法.5\"\ntext = \"与原文举例 2640 × 5% = 132 一致。\"\n"
	_, _, err := run(t, tree(src), nil)
	var got []string
	for _, d := range diag.FromError(err) {
		got = append(got, d.String())
	}
	want := "content/02-pay.md:19:4: error: this payout directive's comment is not closed: it has no -->, so the comment runs on to the end of its list item, hiding the example after it from readers and from the check — end it with --> on its line: <!-- payout role=sales score=88 base=3000 dept=exceeded -->"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("want only\n%s\ngot\n%s", want, strings.Join(got, "\n"))
	}
	// Closed, the reading's product is the text's: nothing.
	src = strings.Replace(src, "dept=exceeded\n", "dept=exceeded -->\n", 1)
	if _, _, err := run(t, tree(src), nil); err != nil || len(diag.FromError(err)) > 0 {
		t.Fatalf("closed: %v", err)
	}
}
