//go:build !wasip1 && !js

package calculator

import "embed"

// Source is the Go source of this package and of its WebAssembly bridge
// (calculator/wasm), kept in the handbook binary (not in the module
// itself: see the build constraint), so a handbook run outside the project
// folder can still compile the module the site ships.
//
//go:embed *.go wasm/*.go
var Source embed.FS
