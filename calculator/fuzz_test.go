package calculator_test

import (
	"testing"

	"handbook/calculator"
)

// FuzzCompute checks the invariants of issue 3 on any input: a result is
// never negative, never above base × 105 % × 105 % (plus at most one fen for
// the two roundings), never decreases as the score rises within a tier,
// and its steps add up to its total. Bad input must give FieldErrors,
// never a panic.
func FuzzCompute(f *testing.F) {
	r := rules(f)
	depts := []string{"exceeded", "met", "missed", "", "bogus"}
	f.Add(true, int64(8800), int64(300000), uint8(0))
	f.Add(false, int64(8800), int64(100000), uint8(0))
	f.Add(true, int64(8950), int64(333333), uint8(2))
	f.Add(true, int64(10001), int64(-1), uint8(4))
	f.Add(false, int64(9499), int64(calculator.MaxBaseFen), uint8(1))
	f.Fuzz(func(t *testing.T, sales bool, score, base int64, d uint8) {
		role := "assistant"
		if sales {
			role = "sales"
		}
		in := calculator.Input{Role: role, Score: score, BaseFen: base, Dept: depts[int(d)%len(depts)]}
		res, err := calculator.Compute(r, in)
		if err != nil {
			if _, ok := err.(calculator.FieldErrors); !ok {
				t.Fatalf("error %v is not FieldErrors", err)
			}
			return
		}
		if res.TotalFen < 0 {
			t.Fatalf("negative total %d for %+v", res.TotalFen, in)
		}
		// base × 1.05 × 1.05 = base × 11025 / 10000, rounded up, plus one fen.
		limit := (base*11025+9999)/10000 + 1
		if res.TotalFen > limit {
			t.Fatalf("total %d above %d for %+v", res.TotalFen, limit, in)
		}
		var sum int64
		for _, s := range res.Steps {
			sum += s.AmountFen
		}
		if sum != res.TotalFen {
			t.Fatalf("steps sum to %d, total %d", sum, res.TotalFen)
		}
		if score < calculator.MaxScore {
			in.Score++
			next, err := calculator.Compute(r, in)
			if err != nil {
				t.Fatal(err)
			}
			if next.Tier == res.Tier && next.TotalFen < res.TotalFen {
				t.Fatalf("score %d pays %d but %d pays %d", score, res.TotalFen, score+1, next.TotalFen)
			}
		}
	})
}

// FuzzDecode feeds arbitrary text to the compact-rules decoder the page
// uses: it must not panic, and rules it accepts must not make Compute panic.
func FuzzDecode(f *testing.F) {
	f.Add(calculator.Encode(rules(f)))
	f.Add("hbrules 1\nrounding half-up 1 \"t\"\nrole \"sales\" \"n\" \"c\"\ntier 0 10000 score 0 \"c\"\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := calculator.Decode(s)
		if err != nil {
			return
		}
		for _, ro := range r.Roles {
			for _, sc := range []int64{0, 5999, 8800, 10000} {
				calculator.Compute(r, calculator.Input{Role: ro.ID, Score: sc, BaseFen: 300000, Dept: "exceeded"})
			}
		}
	})
}
