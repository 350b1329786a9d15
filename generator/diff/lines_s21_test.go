package diff

import (
	"fmt"
	"strings"
	"testing"
)

// A long list with an item put in at its top: each clause is shown as
// renumbered ([-2][+3]), the new one as added. By position, past the
// block size the best pairing is tried on, each clause was set against
// the one before it, and the whole list shown deleted and added again.
func TestALongListRenumberedPairsEachClause(t *testing.T) {
	var old, new []string
	new = append(new, "1、新增的一条职责。")
	for i := 1; i <= 16; i++ {
		old = append(old, fmt.Sprintf("%d、负责第%d项工作的计划与执行。", i, i))
		new = append(new, fmt.Sprintf("%d、负责第%d项工作的计划与执行。", i+1, i))
	}
	c := Compare(strings.Join(old, "\n")+"\n", strings.Join(new, "\n")+"\n", -1)
	kinds := map[LineKind]int{}
	for _, h := range c.Hunks {
		for _, l := range h.Lines {
			kinds[l.Kind]++
		}
	}
	if kinds[Changed] != 16 || kinds[Added] != 1 || kinds[Removed] != 0 {
		t.Errorf("lines by kind %v, want 16 changed (renumbered) and 1 added", kinds)
	}
}
