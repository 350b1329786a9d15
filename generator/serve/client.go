package serve

import (
	_ "embed"
	"errors"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The browser side of live reload. It is served by the server under
// /__handbook/ and added to each HTML page it serves, never to a build.
var (
	//go:embed client/livereload.ts
	clientTS string
	//go:embed client/overlay.css
	overlayCSS []byte
)

// compileClient turns livereload.ts into JavaScript with esbuild (no
// Node.js), once per server.
func compileClient() ([]byte, error) {
	res := api.Transform(clientTS, api.TransformOptions{
		Loader:            api.LoaderTS,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		Sourcefile:        "livereload.ts",
		MinifySyntax:      true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		Charset:           api.CharsetUTF8,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			msgs = append(msgs, m.Text)
		}
		return nil, errors.New("serve: the live-reload script does not compile: " + strings.Join(msgs, "; "))
	}
	return res.Code, nil
}
