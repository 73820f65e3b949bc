// Package themes embeds the built-in default theme into the gongkai
// binary, so a site needs no themes/ folder of its own.
//
// The theme's stylesheets and scripts are commented for whoever reads or
// copies them; Default serves them without their comment lines
// (compact.go), as a visitor's phone has no use for them.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default is the default theme: templates/*.html and static/….
var Default fs.FS = compacted(files, "default")
