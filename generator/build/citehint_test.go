package build

import (
	"slices"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestCitationHintsTellTheTruth: the messages about a clause the rules or
// a link cite that the text does not have said what was false, or sent
// the admin to the wrong fix.
func TestCitationHintsTellTheTruth(t *testing.T) {
	errorsOf := func(t *testing.T, src string) []string {
		t.Helper()
		_, _, err := run(t, tree(src), nil)
		var got []string
		for _, d := range diag.FromError(err) {
			if d.Severity == diag.Error {
				got = append(got, d.String())
			}
		}
		return got
	}
	// Item 1 deleted, the list starting at 2: the heading still has
	// items, and citing the heading itself was the wrong advice.
	t.Run("a list whose item 1 was deleted has items 2 to 6", func(t *testing.T) {
		got := errorsOf(t, strings.Replace(handbook, "1. 得分在(95——100)分,按105%发放。\n", "", 1))
		want := "content/rules.toml:"
		hint := "— 办法 (content/02-pay.md) has items 2 to 6 (no item 1: its list starts at 2): cite one of them, or give the text back the item it lost"
		if len(got) == 0 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], "clause #办法.1, which no page has") || !strings.HasSuffix(got[0], hint) {
			t.Fatalf("want %q … %q; got\n%s", want, hint, strings.Join(got, "\n"))
		}
		for _, e := range got {
			if strings.Contains(e, "no numbered items") {
				t.Errorf("said the list has none: %s", e)
			}
		}
	})
	// {#办法} changed to {#指标}, another heading's: the page's error says
	// the ID is used twice, and the rules' five clauses are one error that
	// names both headings and does not offer #指标's clauses or moving
	// {#办法} onto the heading most like it.
	t.Run("a heading ID written twice is said once, without the twin as the fix", func(t *testing.T) {
		got := errorsOf(t, strings.Replace(handbook, "## 奖惩办法 {#办法}", "## 奖惩办法 {#指标}", 1))
		var rules []string
		for _, e := range got {
			if strings.HasPrefix(e, "content/rules.toml:") {
				rules = append(rules, e)
			}
		}
		want := "clauses #办法.1, #办法.2, #办法.3, #办法.4, #办法.5, which no page has, are cited by "
		hint := "— no heading has the ID 办法, and {#指标} is on 2 headings of content/02-pay.md (lines 7 and 12): on the one that is 办法's heading, write {#办法} in its place"
		if len(rules) != 1 || !strings.Contains(rules[0], want) || !strings.HasSuffix(rules[0], hint) {
			t.Fatalf("want one error %q … %q; got\n%s", want, hint, strings.Join(got, "\n"))
		}
		if !strings.Contains(strings.Join(got, "\n"), "content/02-pay.md:12:4: error: heading ID #指标 is used twice on this page") {
			t.Errorf("the page's own error is gone:\n%s", strings.Join(got, "\n"))
		}
		// A link to #办法 was told to look at #指标 #指标.
		link := "content/01-intro.md:8:15: error: link to “02-pay.md#办法”: content/02-pay.md has no heading or clause #办法 — {#指标} is on 2 headings of that page (lines 7 and 12): if one of them is the heading of #办法, write {#办法} in its place"
		if !slices.Contains(got, link) {
			t.Errorf("want %s; got\n%s", link, strings.Join(got, "\n"))
		}
	})
	// A link to an item past the last says which items there are, as the
	// rules' check does, not IDs that look like the number.
	t.Run("a link to a missing item names the items", func(t *testing.T) {
		got := errorsOf(t, strings.Replace(handbook, "[第五条](02-pay.md#办法.5)", "[第九条](02-pay.md#办法.9)", 1))
		want := "content/01-intro.md:8:36: error: link to “02-pay.md#办法.9”: content/02-pay.md has no heading or clause #办法.9 — #办法 has items 1 to 6: link to one of them (#办法.1), or to the heading itself, #办法"
		if len(got) != 1 || got[0] != want {
			t.Fatalf("want\n%s\ngot\n%s", want, strings.Join(got, "\n"))
		}
	})
}

func TestItemsPhrase(t *testing.T) {
	for _, c := range []struct {
		nums []int
		want string
	}{
		{[]int{3}, "item 3"},
		{[]int{1, 2, 3, 4, 5, 6, 7}, "items 1 to 7"},
		{[]int{2, 3}, "items 2 and 3"},
		{[]int{1, 2, 3, 5}, "items 1 to 3 and 5"},
		{[]int{1, 3, 4, 6, 7, 8}, "items 1, 3, 4 and 6 to 8"},
	} {
		if got := itemsPhrase(c.nums); got != c.want {
			t.Errorf("%v: %q, want %q", c.nums, got, c.want)
		}
	}
}
