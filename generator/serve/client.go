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
	//go:embed client/channel.ts
	channelTS string
	//go:embed client/overlay.css
	overlayCSS []byte
)

// compileClient turns livereload.ts (a module) and channel.ts (a shared
// worker's classic script) into JavaScript with esbuild (no Node.js),
// once per server.
func compileClient() (page, worker []byte, err error) {
	if page, err = compileTS(clientTS, "livereload.ts", api.FormatESModule); err != nil {
		return nil, nil, err
	}
	worker, err = compileTS(channelTS, "channel.ts", api.FormatIIFE)
	return page, worker, err
}

func compileTS(src, name string, format api.Format) ([]byte, error) {
	res := api.Transform(src, api.TransformOptions{
		Loader:            api.LoaderTS,
		Format:            format,
		Target:            api.ES2020,
		Sourcefile:        name,
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
		return nil, errors.New("serve: the live-reload script " + name + " does not compile: " + strings.Join(msgs, "; "))
	}
	return res.Code, nil
}
