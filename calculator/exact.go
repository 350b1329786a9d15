package calculator

// Round is num/den fen (den > 0) rounded as r states, in fen: what a step
// of Compute pays for that exact amount. For checks outside the engine,
// such as a worked example's product written out in the handbook's text.
func (r Rounding) Round(num, den int64) int64 { return r.round(num, den) }
