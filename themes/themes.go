// Package themes embeds the built-in default theme into the gongkai
// binary, so a site needs no themes/ folder of its own.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default is the default theme: templates/*.html and static/….
var Default, _ = fs.Sub(files, "default")
