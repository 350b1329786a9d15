package calculator_test

import (
	"math/big"
	"testing"

	"handbook/calculator"
)

// Every score from 0 to 100 in hundredths, for bases chosen to hit the
// rounding's half cases, against chapter 6 worked by hand in exact
// fractions: the tier as the rules file reads it (each tier from its min up
// to the next one's), the pay rounded half away from zero to the fen, the
// department's 5 % of that rounded pay rounded again, and their sum.
func TestComputeAgainstTheTextInExactFractions(t *testing.T) {
	r := rules(t)
	bases := []int64{0, 1, 3, 7, 10, 50, 99, 150000, 300000, 100000, 123457, 999999, 10000000000}
	depts := map[string]int64{"exceeded": 5, "met": 0, "missed": -5}
	half := big.NewRat(1, 2)
	roundFen := func(x *big.Rat) int64 { // half away from zero
		neg := x.Sign() < 0
		a := new(big.Rat).Abs(x)
		a.Add(a, half)
		n := new(big.Int).Quo(a.Num(), a.Denom())
		if neg {
			n.Neg(n)
		}
		return n.Int64()
	}
	for _, role := range []string{"sales", "assistant"} {
		for score := int64(0); score <= 10000; score++ {
			var pct *big.Rat // of the base
			switch {
			case score >= 9500:
				pct = big.NewRat(105, 100)
			case score >= 9000:
				pct = big.NewRat(1, 1)
			case score >= 6000:
				pct = big.NewRat(score, 10000)
			default:
				pct = new(big.Rat)
			}
			for _, base := range bases {
				if score%37 != 0 && base > 1000 && base != 300000 { // keep the run short
					continue
				}
				pay := roundFen(new(big.Rat).Mul(big.NewRat(base, 1), pct))
				for dept, d := range depts {
					adj := roundFen(new(big.Rat).Mul(big.NewRat(pay, 1), big.NewRat(d, 100)))
					res, err := calculator.Compute(r, calculator.Input{Role: role, Score: score, BaseFen: base, Dept: dept})
					if err != nil {
						t.Fatal(err)
					}
					if res.PayFen != pay || res.AdjustFen != adj || res.TotalFen != pay+adj {
						t.Fatalf("%s %s 分, %s 元, %s: got %d + %d = %d fen, want %d + %d = %d",
							role, calculator.FormatScore(score), calculator.FormatFen(base), dept, res.PayFen, res.AdjustFen, res.TotalFen, pay, adj, pay+adj)
					}
				}
			}
		}
	}
}
