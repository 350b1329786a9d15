package wasmbuild

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"handbook/calculator"
	"handbook/calculator/rulesfile"
)

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestCompileCachesByHash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	root, cache := moduleRoot(t), t.TempDir()
	wasm, hash, err := Compile(context.Background(), root, cache)
	if err != nil {
		t.Fatal(err)
	}
	if !isWasm(wasm) || len(hash) != 64 {
		t.Fatalf("got %d bytes, hash %q", len(wasm), hash)
	}
	entries, _ := os.ReadDir(cache)
	if len(entries) != 1 {
		t.Fatalf("cache holds %d files, want 1 (no temp files left)", len(entries))
	}
	// A second call is served from the cache: the file is not rewritten.
	cached := filepath.Join(cache, entries[0].Name())
	info1, _ := os.Stat(cached)
	wasm2, hash2, err := Compile(context.Background(), root, cache)
	if err != nil || hash2 != hash || len(wasm2) != len(wasm) {
		t.Fatalf("second compile: %v, hash %s vs %s", err, hash2, hash)
	}
	info2, _ := os.Stat(cached)
	if !info1.ModTime().Equal(info2.ModTime()) {
		t.Error("cached module was rewritten")
	}
}

// A compile whose context is cancelled (the preview stopped by SIGTERM)
// stops the compiler, fails, and leaves no module or temporary file in
// the cache: the server waited for go build to finish, 20 s on a busy
// machine, and only a signal to the whole process group stopped it.
func TestCompileStopsWhenCancelled(t *testing.T) {
	root, cache := moduleRoot(t), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if wasm, _, err := Compile(ctx, root, cache); err == nil || wasm != nil {
		t.Fatalf("a cancelled compile gave %d bytes, error %v", len(wasm), err)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("the cache holds %d files after a cancelled compile, want none", len(entries))
	}
}

// TestModuleUnderNode builds the module, bundles the page's engine wrapper
// and WASI shim with esbuild's Go API, and runs both worked examples under
// Node.
func TestModuleUnderNode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found on PATH: skipping the WebAssembly run (install Node.js ≥ 18 to run it)")
	}
	root, dir := moduleRoot(t), t.TempDir()
	wasm, _, err := Compile(context.Background(), root, filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	wasmPath := filepath.Join(dir, "calculator.wasm")
	os.WriteFile(wasmPath, wasm, 0o644)

	src, err := os.ReadFile(filepath.Join(root, "content", "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := rulesfile.Parse("content/rules.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	rulesPath := filepath.Join(dir, "rules.txt")
	os.WriteFile(rulesPath, []byte(calculator.Encode(rules)), 0o644)

	out := api.Build(api.BuildOptions{
		EntryPoints: []string{"testdata/driver.ts"},
		Bundle:      true,
		Platform:    api.PlatformNode,
		Format:      api.FormatESModule,
		Target:      api.ES2022,
		Write:       false,
		Outfile:     filepath.Join(dir, "driver.mjs"),
	})
	if len(out.Errors) > 0 {
		t.Fatalf("esbuild: %v", out.Errors)
	}
	script := filepath.Join(dir, "driver.mjs")
	os.WriteFile(script, out.OutputFiles[0].Contents, 0o644)

	cmd := exec.Command(node, script, wasmPath, rulesPath,
		"role=sales&score=88&base=3000&dept=exceeded",
		"role=assistant&score=88&base=1000&dept=exceeded",
		"role=sales&scores=50,19,19&base=3000&dept=exceeded",
		"role=sales&score=101&base=-5&dept=met",
	)
	stdout, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node: %v\n%s\n%s", err, stdout, stderr)
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(stdout)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 6 {
		t.Fatalf("got %d lines:\n%s", len(lines), stdout)
	}
	type res struct {
		Result *struct {
			TotalFen int64  `json:"total_fen"`
			Total    string `json:"total"`
			Steps    []struct {
				Clause string `json:"clause"`
			} `json:"steps"`
		} `json:"result"`
		Errors []struct{ Field, Message string } `json:"errors"`
	}
	for i, want := range []string{"2772.00", "924.00", "2772.00"} {
		var r res
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil || r.Result == nil {
			t.Fatalf("line %d: %v: %s", i, err, lines[i])
		}
		if r.Result.Total != want {
			t.Errorf("query %d: total %s, want %s", i, r.Result.Total, want)
		}
	}
	var bad res
	json.Unmarshal([]byte(lines[3]), &bad)
	fields := map[string]bool{}
	for _, e := range bad.Errors {
		fields[e.Field] = true
	}
	if !fields["score"] || !fields["base"] {
		t.Errorf("bad input: want errors on score and base, got %s", lines[3])
	}
	if !strings.Contains(lines[4], `"curve":[{"score":0`) {
		t.Errorf("curve: %s", lines[4])
	}
	t.Logf("per call through the shim: %s", lines[5])
}

// TestUnpackedSourceIsTheModulesSource: a handbook binary run outside the
// project builds the module from the source it carries (calculator.Source),
// unpacked as a module of its own. That source must be every file the
// module is built from: the packages the bridge imports from this module
// are the engine and the bridge alone, and each of their files is there,
// byte for byte.
func TestUnpackedSourceIsTheModulesSource(t *testing.T) {
	root := moduleRoot(t)
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", Package)
	cmd.Dir, cmd.Env = root, append(os.Environ(), Env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	unpacked, err := Unpack(calculator.Source, dir)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Unpack(calculator.Source, dir); err != nil || again != unpacked {
		t.Fatalf("a second unpack: %s, %v; want %s", again, err, unpacked)
	}
	for _, pkgDir := range strings.Fields(string(out)) {
		rel, err := filepath.Rel(root, pkgDir)
		if err != nil || (rel != "calculator" && rel != filepath.Join("calculator", "wasm")) {
			t.Errorf("the module is built from %s too, which calculator.Source does not carry", pkgDir)
			continue
		}
		files, _ := filepath.Glob(filepath.Join(pkgDir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			want, _ := os.ReadFile(f)
			got, err := os.ReadFile(filepath.Join(unpacked, rel, filepath.Base(f)))
			if err != nil || string(got) != string(want) {
				t.Errorf("%s is not unpacked as it is: %v", filepath.Join(rel, filepath.Base(f)), err)
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(unpacked, "go.mod")); err != nil || !strings.HasPrefix(string(b), "module handbook\n") {
		t.Errorf("go.mod: %q, %v", b, err)
	}
}
