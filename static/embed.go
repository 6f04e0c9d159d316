// Package static holds the portal's own CSS, scripts and icons, and the
// vendored htmx, embedded into the binary.
package static

import "embed"

// FS is the static files, served under /static/.
//
//go:embed *.css *.js *.svg
var FS embed.FS
