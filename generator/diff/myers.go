package diff

// This file holds the edit-script engine: Myers' O(ND) algorithm in its
// linear-space form (E. W. Myers, "An O(ND) Difference Algorithm and Its
// Variations", Algorithmica 1986, section 4b), generic over the element
// type so the same code diffs runes and line identifiers.
//
// The work is bounded: every diagonal visited and every element compared
// costs one unit of a budget shared by the whole Diff call. A subproblem
// that cannot be solved within the budget is reported as a whole
// replacement, so a pathological input pair costs bounded time and the
// result is still a correct (if coarse) edit script.

// edit is a run of n elements of one kind.
type edit struct {
	kind Kind
	n    int
}

type myers[T comparable] struct {
	budget int
	edits  []edit
}

func (m *myers[T]) emit(k Kind, n int) {
	if n == 0 {
		return
	}
	if l := len(m.edits); l > 0 && m.edits[l-1].kind == k {
		m.edits[l-1].n += n
		return
	}
	m.edits = append(m.edits, edit{k, n})
}

// run appends the edit script turning a into b.
func (m *myers[T]) run(a, b []T) {
	p := commonPrefix(a, b)
	m.emit(Equal, p)
	a, b = a[p:], b[p:]
	s := commonSuffix(a, b)
	a, b = a[:len(a)-s], b[:len(b)-s]
	switch {
	case len(a) == 0:
		m.emit(Insert, len(b))
	case len(b) == 0:
		m.emit(Delete, len(a))
	default:
		x0, y0, x1, y1, ok := m.middleSnake(a, b)
		if !ok || (x0 == len(a) && y0 == len(b)) || (x1 == 0 && y1 == 0) {
			// Over budget, or a split that would not make the problem
			// smaller (which the search should never return, but a
			// recursion must never bet on): replace wholesale.
			m.emit(Delete, len(a))
			m.emit(Insert, len(b))
			break
		}
		m.run(a[:x0], b[:y0])
		m.emit(Equal, x1-x0)
		m.run(a[x1:], b[y1:])
	}
	m.emit(Equal, s)
}

// middleSnake finds the middle snake of a shortest path from (0,0) to
// (len(a),len(b)): the diagonal run (x0,y0)→(x1,y1) where the forward and
// the reverse searches meet. a and b are non-empty and differ in their
// first and last elements, so the edit distance is at least 2.
//
// Unlike the textbook version, which assumes an unbounded grid, the
// searches stay inside the grid: diagonal k only exists for
// -len(b) ≤ k ≤ len(a), a move off the edge is never taken, and each V
// entry holds the furthest point reached with at most d edits (-1 when
// none yet). Paths that wander off a narrow grid would otherwise meet
// outside it and return a split point that is not a split at all.
func (m *myers[T]) middleSnake(a, b []T) (x0, y0, x1, y1 int, ok bool) {
	n, mm := len(a), len(b)
	delta := n - mm
	odd := delta&1 != 0
	maxD := (n + mm + 1) / 2
	// The budget also bounds D: d rounds visit about d² diagonals.
	if lim := isqrt(m.budget) + 1; maxD > lim {
		maxD = lim
	}
	off := maxD + 1
	vf := make([]int, 2*maxD+3) // forward: furthest x on diagonal k = x-y
	vr := make([]int, 2*maxD+3) // reverse: furthest distance back from (n,mm), diagonal in reversed coordinates
	for i := range vf {
		vf[i], vr[i] = -1, -1
	}
	// step extends diagonal k of one search by one edit and a snake.
	// eq compares the i-th elements counted from that search's start.
	step := func(v []int, d, k int, eq func(i, j int) bool) (sx, x int, reached bool) {
		x = v[off+k]
		if d == 0 {
			x = 0
		}
		if k-1 >= max(-(d-1), -mm) && v[off+k-1] >= 0 && v[off+k-1] < n {
			x = max(x, v[off+k-1]+1) // a deletion, from diagonal k-1
		}
		if k+1 <= min(d-1, n) && v[off+k+1] >= 0 && v[off+k+1]-(k+1) < mm {
			x = max(x, v[off+k+1]) // an insertion, from diagonal k+1
		}
		if x < 0 {
			return 0, 0, false
		}
		sx = x
		for y := x - k; x < n && y < mm && eq(x, y); y++ {
			x++
		}
		m.budget -= x - sx + 1
		v[off+k] = x
		return sx, x, true
	}
	fwd := func(i, j int) bool { return a[i] == b[j] }
	rev := func(i, j int) bool { return a[n-1-i] == b[mm-1-j] }
	for d := 0; d <= maxD; d++ {
		lo, hi := max(-d, -mm), min(d, n)
		if (lo+d)&1 != 0 {
			lo++
		}
		if (hi+d)&1 != 0 {
			hi--
		}
		for k := lo; k <= hi; k += 2 {
			sx, x, reached := step(vf, d, k, fwd)
			if !reached || !odd {
				continue
			}
			// Reverse diagonal kr = delta-k, searched up to d-1 edits.
			if kr := delta - k; kr >= -(d-1) && kr <= d-1 && vr[off+kr] >= 0 && x+vr[off+kr] >= n {
				return sx, sx - k, x, x - k, true
			}
		}
		for k := lo; k <= hi; k += 2 {
			sx, x, reached := step(vr, d, k, rev)
			if !reached || odd {
				continue
			}
			if kf := delta - k; kf >= -d && kf <= d && vf[off+kf] >= 0 && x+vf[off+kf] >= n {
				return n - x, mm - (x - k), n - sx, mm - (sx - k), true
			}
		}
		if m.budget < 0 {
			return 0, 0, 0, 0, false
		}
	}
	return 0, 0, 0, 0, false
}

func commonPrefix[T comparable](a, b []T) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func commonSuffix[T comparable](a, b []T) int {
	n := min(len(a), len(b))
	for i := 1; i <= n; i++ {
		if a[len(a)-i] != b[len(b)-i] {
			return i - 1
		}
	}
	return n
}

func isqrt(n int) int {
	if n <= 0 {
		return 0
	}
	x := 1
	for x*x <= n {
		x *= 2
	}
	lo, hi := x/2, x
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if mid*mid <= n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
