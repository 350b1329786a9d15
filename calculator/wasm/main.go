//go:build wasip1

// Command wasm is the WebAssembly bridge of the payout calculator: a
// reactor module (GOOS=wasip1, -buildmode=c-shared) whose go:wasmexport
// functions theme/ts/calculator.ts calls through the small WASI shim in
// theme/ts/wasi.ts. It is the only build-tagged code of the calculator and
// holds no logic: bytes in, calculator call, JSON bytes out.
//
// Protocol (all lengths in bytes, text UTF-8):
//
//	p := hb_alloc(n)    // room for n input bytes at p; the caller writes them
//	n := hb_rules()     // input: compact rules (calculator.Encode); 0 = ok, else n bytes of error JSON
//	n := hb_compute()   // input: role=…&score=…|scores=…&base=…&dept=…; result or error JSON
//	n := hb_curve()     // input: role=…&base=…&dept=…; JSON array of curve points or error JSON
//	n := hb_query()     // input: a query as a link gives it; the query as the form holds it (calculator.CanonicalQuery)
//	p := hb_out()       // where the last call's n output bytes are
//
// The module was chosen over GOOS=js/syscall/js by measurement: smaller
// and about a thousand times cheaper per call (see calculator/bench).
package main

import (
	"errors"
	"unsafe"

	"handbook/calculator"
)

// bridge is the module's only state: the exchange buffers and the rules
// decoded once per page.
type bridge struct {
	in, out []byte
	rules   *calculator.Rules
}

var br bridge

func main() {}

//go:wasmexport hb_alloc
func hbAlloc(n int32) uint32 {
	if n < 0 {
		n = 0
	}
	if int32(cap(br.in)) < n+1 {
		br.in = make([]byte, n+1)
	}
	br.in = br.in[:n]
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(br.in[:cap(br.in)]))))
}

//go:wasmexport hb_out
func hbOut() uint32 {
	if cap(br.out) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(br.out))))
}

//go:wasmexport hb_rules
func hbRules() int32 {
	r, err := calculator.Decode(string(br.in))
	if err != nil {
		return fail(err)
	}
	br.rules = r
	br.out = br.out[:0]
	return 0
}

//go:wasmexport hb_compute
func hbCompute() int32 {
	if br.rules == nil {
		return fail(errNoRules)
	}
	in, err := calculator.ParseQuery(br.rules, string(br.in))
	if err != nil {
		return fail(err)
	}
	res, err := calculator.Compute(br.rules, in)
	if err != nil {
		return fail(err)
	}
	br.out = res.AppendPageJSON(br.out[:0]) // the page words the readings itself
	return int32(len(br.out))
}

//go:wasmexport hb_curve
func hbCurve() int32 {
	if br.rules == nil {
		return fail(errNoRules)
	}
	q := string(br.in)
	in, err := calculator.ParseQuery(br.rules, q+"&score=0")
	if err != nil {
		return fail(err)
	}
	pts, err := calculator.Curve(br.rules, in.Role, in.BaseFen, in.Dept)
	if err != nil {
		return fail(err)
	}
	br.out = calculator.AppendCurveJSON(br.out[:0], pts)
	return int32(len(br.out))
}

//go:wasmexport hb_query
func hbQuery() int32 {
	if br.rules == nil {
		return fail(errNoRules)
	}
	br.out = append(br.out[:0], calculator.CanonicalQuery(br.rules, string(br.in))...)
	return int32(len(br.out))
}

var errNoRules = errors.New("规则尚未载入")

func fail(err error) int32 {
	br.out = calculator.AppendErrorJSON(br.out[:0], err)
	return int32(len(br.out))
}
