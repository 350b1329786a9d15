// Package wasmbuild compiles the payout calculator (calculator/wasm) to
// WebAssembly for the site, caching the module by a hash of everything that
// can change it, so an unchanged build does not run the Go compiler.
package wasmbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Package is the bridge package that is compiled.
const Package = "./calculator/wasm"

// Env and Flags are how the module is built: a WASI reactor whose
// go:wasmexport functions the page calls (chosen over GOOS=js by
// measurement, see calculator/bench/wasm-size.sh).
var (
	Env   = []string{"GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0"}
	Flags = []string{"-trimpath", "-buildmode=c-shared", "-buildvcs=false", "-ldflags=-s -w"}
)

// Compile returns the calculator module and the hash that keys it. The
// hash covers every .go file under calculator/, go.mod, go.sum, the
// output of `go version` and the build settings; a module cached under
// that hash in cacheDir is returned without compiling. Concurrent callers
// (two builds at once) are safe: each writes a temporary file and renames
// it into place. Cancelling ctx stops the compiler (a preview stopped by
// SIGTERM while its first build compiles).
func Compile(ctx context.Context, moduleRoot, cacheDir string) (wasm []byte, hash string, err error) {
	hash, err = Hash(moduleRoot)
	if err != nil {
		return nil, "", err
	}
	cached := filepath.Join(cacheDir, "calculator-"+hash[:32]+".wasm")
	if b, err := os.ReadFile(cached); err == nil && isWasm(b) {
		return b, hash, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, "", err
	}
	tmp, err := os.CreateTemp(cacheDir, ".calculator-*.wasm")
	if err != nil {
		return nil, "", err
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // no-op after a successful rename

	args := append([]string{"build"}, Flags...)
	args = append(args, "-o", tmpName, Package)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = moduleRoot
	cmd.Env = append(os.Environ(), Env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("wasmbuild: go build %s: %v\n%s", Package, err, stderr.String())
	}
	b, err := os.ReadFile(tmpName)
	if err != nil {
		return nil, "", err
	}
	if !isWasm(b) {
		return nil, "", errors.New("wasmbuild: go build produced no WebAssembly module")
	}
	if err := os.Rename(tmpName, cached); err != nil {
		return nil, "", err
	}
	return b, hash, nil
}

// Hash is the cache key of the module built from moduleRoot.
func Hash(moduleRoot string) (string, error) {
	h := sha256.New()
	ver, err := exec.Command("go", "version").Output()
	if err != nil {
		return "", fmt.Errorf("wasmbuild: go version: %v", err)
	}
	fmt.Fprintf(h, "go version: %s\nenv: %q\nflags: %q\n", bytes.TrimSpace(ver), Env, Flags)
	files := []string{"go.mod", "go.sum"}
	root := filepath.Join(moduleRoot, "calculator")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			rel, _ := filepath.Rel(moduleRoot, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(moduleRoot, filepath.FromSlash(f)))
		if err != nil {
			if os.IsNotExist(err) && f == "go.sum" {
				continue
			}
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Unpack writes the calculator's source (the files of calculator.Source:
// the package and its bridge) as a module of its own under dir, keyed by
// its content, and returns the module's root for Compile. The engine
// imports nothing outside the standard library, so the module needs no
// dependencies.
func Unpack(src fs.FS, dir string) (string, error) {
	h := sha256.New()
	var files []string
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	contents := make(map[string][]byte, len(files))
	for _, f := range files {
		b, err := fs.ReadFile(src, f)
		if err != nil {
			return "", err
		}
		contents[f] = b
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	root := filepath.Join(dir, hex.EncodeToString(h.Sum(nil))[:32])
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
		return root, nil // unpacked before: go.mod is written last
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(dir, ".unpack-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // no-op after a successful rename
	for _, f := range files {
		p := filepath.Join(tmp, "calculator", filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, contents[f], 0o644); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module handbook\n\ngo 1.26\n"), 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, root); err != nil {
		if _, serr := os.Stat(filepath.Join(root, "go.mod")); serr == nil {
			return root, nil // another build unpacked it first
		}
		return "", err
	}
	return root, nil
}

func isWasm(b []byte) bool { return len(b) > 8 && string(b[:4]) == "\x00asm" }
