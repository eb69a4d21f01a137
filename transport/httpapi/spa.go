package httpapi

import (
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja/web"
)

// Content-Security-Policy for the web app: no inline scripts, nothing from
// other origins, and the display may not be framed by other sites.
const htmlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// displayPageCSP is the display page's policy: the site's, with the frame
// ancestors CAJA_DISPLAY_FRAME_ANCESTORS allows (a slide deck, OBS), so the
// projector screen can be embedded while every other page still may not.
func displayPageCSP(ancestors string) (string, error) {
	sources := strings.Fields(ancestors)
	if len(sources) == 0 {
		return htmlCSP, nil
	}
	for _, src := range sources {
		if !validFrameSource(src) {
			return "", fmt.Errorf("CAJA_DISPLAY_FRAME_ANCESTORS: %q is not a frame source (e.g. https://docs.google.com, https://*.officeapps.live.com or 'self')", src)
		}
	}
	return strings.TrimSuffix(htmlCSP, "frame-ancestors 'none'") + "frame-ancestors " + strings.Join(sources, " "), nil
}

// validFrameSource accepts 'self' and https:// or http:// hosts, with a
// leading wildcard label and a port: nothing that could end the directive
// or add another.
func validFrameSource(src string) bool {
	if src == "'self'" {
		return true
	}
	rest, ok := strings.CutPrefix(src, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(src, "http://"); !ok {
			return false
		}
	}
	rest = strings.TrimPrefix(rest, "*.")
	if rest == "" {
		return false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == ':') {
			return false
		}
	}
	return true
}

// spa serves the embedded web app with a single-page-app fallback, leaving
// API and operational paths to answer 404 problems. The display's pages get
// displayCSP.
func spa(displayCSP string) gin.HandlerFunc {
	dist := web.Dist()
	built := web.Built()
	files := http.FileServerFS(dist)
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		if strings.HasPrefix(p, "/api/") || p == "/api" || strings.HasPrefix(p, "/health") || p == "/livez" || p == "/readyz" || p == "/metrics" {
			writeProblem(c, http.StatusNotFound, "no such endpoint", nil)
			return
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			writeProblem(c, http.StatusNotFound, "no such endpoint", nil)
			return
		}
		h := c.Writer.Header()
		csp := htmlCSP
		if strings.HasPrefix(p, "/display/") {
			csp = displayCSP
		}
		if !built {
			h["Content-Security-Policy"] = []string{csp}
			c.Data(http.StatusOK, "text/html; charset=utf-8", web.Placeholder())
			return
		}
		name := strings.TrimPrefix(p, "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					// Vite fingerprints asset names.
					h["Cache-Control"] = []string{"public, max-age=31536000, immutable"}
				}
				files.ServeHTTP(c.Writer, c.Request)
				return
			}
		}
		index, err := fs.ReadFile(dist, "index.html")
		if err != nil {
			writeProblem(c, http.StatusNotFound, "no such page", nil)
			return
		}
		h["Content-Security-Policy"] = []string{csp}
		h["Cache-Control"] = noCache
		c.Data(http.StatusOK, "text/html; charset=utf-8", index)
	}
}
