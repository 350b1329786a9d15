// Runs the calculator module under Node through the page's own WASI shim
// and engine wrapper; wasmbuild_test.go bundles it with esbuild and checks
// the output. Prints one JSON line per query, then the per-call time.
import { readFileSync } from "node:fs";
import { Engine } from "../../../theme/ts/calculator-engine";

const [wasmPath, rulesPath, ...queries] = process.argv.slice(2);
const engine = await Engine.load(readFileSync(wasmPath));
engine.setRules(readFileSync(rulesPath, "utf8"));
for (const q of queries) {
  console.log(JSON.stringify(engine.compute(q)));
}
console.log(JSON.stringify({ curve: engine.curve("role=sales&base=3000&dept=exceeded") }));
const n = 20000;
const t0 = performance.now();
for (let i = 0; i < n; i++) engine.compute("role=sales&score=88&base=3000&dept=exceeded");
console.log(JSON.stringify({ per_call_us: ((performance.now() - t0) * 1000) / n }));
