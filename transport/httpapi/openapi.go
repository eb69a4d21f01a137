package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	swaggerui "github.com/swaggest/swgui/v5/static"
)

// openAPIDocument is the hand-written OpenAPI 3.1 description of every route
// NewHandler registers. openapi_test.go fails when a route is missing from it
// or it documents a path that is not routed, so change both together.
//
//go:embed openapi.json
var openAPIDocument []byte

// docsFiles are the documentation page and its start-up script; Swagger UI
// itself (v5, JS and CSS, gzip-compressed) is embedded by swgui's v5/static.
//
//go:embed docs/index.html docs/init.js
var docsFiles embed.FS

// registerAPIDocs serves the OpenAPI document always, and the Swagger UI page
// only when DEBUG or CAJA_API_DOCS is on (otherwise /api/docs falls through
// to the 404 problem of unknown API paths).
func registerAPIDocs(r *gin.Engine, cfg Config) {
	r.GET("/api/openapi.json", serveOpenAPI)
	if !cfg.Debug && !cfg.APIDocs {
		return
	}
	r.GET("/api/docs", serveDocsPage)
	r.GET("/api/docs/:file", serveDocsAsset)
}

func serveOpenAPI(c *gin.Context) {
	c.Writer.Header()["Cache-Control"] = noCache
	c.Data(http.StatusOK, "application/json", openAPIDocument)
}

func serveDocsPage(c *gin.Context) {
	page, err := docsFiles.ReadFile("docs/index.html")
	if err != nil {
		fail(c, err)
		return
	}
	h := c.Writer.Header()
	h["Content-Security-Policy"] = []string{htmlCSP}
	h["Cache-Control"] = noCache
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

// docsAsset is one file the documentation page loads.
type docsAsset struct {
	contentType string
	body        []byte // gzip-compressed when gzipped
	gzipped     bool
	etag        string
}

// docsAssetSources maps the URL name of each asset to where it is embedded.
var docsAssetSources = map[string]struct {
	fsys        fs.FS
	name        string
	contentType string
}{
	"swagger-ui-bundle.js": {swaggerui.FS, "swagger-ui-bundle.js.gz", "text/javascript; charset=utf-8"},
	"swagger-ui.css":       {swaggerui.FS, "swagger-ui.css.gz", "text/css; charset=utf-8"},
	"favicon-32x32.png":    {swaggerui.FS, "favicon-32x32.png", "image/png"},
	"favicon-16x16.png":    {swaggerui.FS, "favicon-16x16.png", "image/png"},
	"init.js":              {docsFiles, "docs/init.js", "text/javascript; charset=utf-8"},
}

// docsAssets reads the assets once, on the first request for one, so a
// server with the docs off never holds them in memory.
var docsAssets = sync.OnceValues(func() (map[string]docsAsset, error) {
	out := make(map[string]docsAsset, len(docsAssetSources))
	for url, src := range docsAssetSources {
		body, err := fs.ReadFile(src.fsys, src.name)
		if err != nil {
			return nil, fmt.Errorf("docs asset %s: %w", url, err)
		}
		sum := sha256.Sum256(body)
		out[url] = docsAsset{
			contentType: src.contentType,
			body:        body,
			gzipped:     strings.HasSuffix(src.name, ".gz"),
			etag:        `"` + hex.EncodeToString(sum[:12]) + `"`,
		}
	}
	return out, nil
})

// serveDocsAsset answers with an embedded asset: gzip-compressed as stored
// to clients that accept it, decompressed on the fly to the others. Assets
// are revalidated with their ETag, so a new build is picked up at once.
func serveDocsAsset(c *gin.Context) {
	assets, err := docsAssets()
	if err != nil {
		fail(c, err)
		return
	}
	a, ok := assets[c.Param("file")]
	if !ok {
		writeProblem(c, http.StatusNotFound, "no such file", nil)
		return
	}
	h := c.Writer.Header()
	h["Cache-Control"] = noCache
	h["Content-Type"] = []string{a.contentType}
	if !a.gzipped {
		h["Etag"] = []string{a.etag}
		http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(a.body))
		return
	}
	h["Vary"] = []string{"Accept-Encoding"}
	if acceptsGzip(c.Request.Header.Values("Accept-Encoding")) {
		h["Etag"] = []string{a.etag}
		h["Content-Encoding"] = []string{"gzip"}
		http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(a.body))
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(a.body))
	if err != nil {
		fail(c, err)
		return
	}
	defer zr.Close()
	c.Status(http.StatusOK)
	_, _ = io.Copy(c.Writer, zr)
}

// acceptsGzip reports whether Accept-Encoding values allow gzip: listed
// (or "x-gzip") with a non-zero quality, or else covered by "*".
func acceptsGzip(values []string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
				if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
					f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
					if err != nil {
						f = 0
					}
					q = f
				}
			}
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				gzipQ = max(gzipQ, q)
			case "*":
				starQ = max(starQ, q)
			}
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}
