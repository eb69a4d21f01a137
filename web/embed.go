// Package web embeds the built single-page app (web/dist). Before the first
// `npm run build` the directory holds only .gitkeep, and the server shows a
// placeholder page instead, so `go build` always works.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

//go:embed placeholder.html
var placeholder []byte

// Dist returns the built app's files.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	return sub
}

// Built reports whether a web build was embedded.
func Built() bool {
	_, err := fs.Stat(Dist(), "index.html")
	return err == nil
}

// Placeholder is the page served when no web build was embedded.
func Placeholder() []byte { return placeholder }
