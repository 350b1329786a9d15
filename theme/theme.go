// Package theme is the default look of a handbook: html/template templates,
// CSS and TypeScript. It is embedded in the handbook binary, so a site
// without a theme/ folder of its own still builds; the build bundles the
// styles and scripts with esbuild's Go API, so no Node.js is needed.
package theme

import "embed"

// FS holds templates/, css/ and ts/.
//
//go:embed templates css ts
var FS embed.FS
