package httpapi

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cajalive/caja"
)

// The tests in this file need no Postgres or Redis: they list the engine's
// routes and call only the handlers of the documentation itself.

// newDocsHandler builds the real engine with zero collaborators except the
// ones route registration looks at (a Gatherer and a token, so /metrics is
// routed).
func newDocsHandler(t *testing.T, debug, apiDocs bool) *gin.Engine {
	t.Helper()
	cfg := Config{
		AllowedOrigins: []string{"http://localhost:8080"},
		AllowedHosts:   []string{"localhost"},
		Debug:          debug,
		APIDocs:        apiDocs,
		MetricsToken:   "token",
	}
	h, err := NewHandler(cfg, Deps{Health: NewHealth(), Gatherer: prometheus.NewRegistry(), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("NewHandler: %v", err)
	}
	engine, ok := h.(*gin.Engine)
	if !ok {
		t.Fatalf("NewHandler returned %T, want *gin.Engine", h)
	}
	return engine
}

// loadOpenAPI decodes the embedded document.
func loadOpenAPI(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(openAPIDocument))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	return doc
}

func get(t *testing.T, h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "localhost"
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// documentedOperations lists "METHOD /path" for every operation of doc.
func documentedOperations(t *testing.T, doc map[string]any) []string {
	t.Helper()
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		t.Fatal("the document has no paths object")
	}
	var ops []string
	for p, item := range paths {
		obj, ok := item.(map[string]any)
		if !ok {
			t.Fatalf("path %s is not an object", p)
		}
		for _, m := range httpMethods {
			if _, ok := obj[m]; ok {
				ops = append(ops, strings.ToUpper(m)+" "+p)
			}
		}
	}
	sort.Strings(ops)
	return ops
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// routedOperations lists "METHOD /path" for every gin route, with gin's
// :param and *param written as OpenAPI's {param}.
func routedOperations(t *testing.T, engine *gin.Engine) []string {
	t.Helper()
	var ops []string
	gets, heads := map[string]bool{}, map[string]bool{}
	for _, r := range engine.Routes() {
		path := ginParam.ReplaceAllString(r.Path, "{$1}")
		switch r.Method {
		case http.MethodGet:
			gets[path] = true
		case http.MethodHead:
			// HEAD is implied by GET (RFC 9110): not documented apart.
			heads[path] = true
			continue
		}
		ops = append(ops, r.Method+" "+path)
	}
	for p := range gets {
		if !heads[p] {
			t.Errorf("GET %s has no HEAD route", p)
		}
	}
	for p := range heads {
		if !gets[p] {
			ops = append(ops, "HEAD "+p)
		}
	}
	sort.Strings(ops)
	return ops
}

// routeDrift returns the routes the document lacks and the documented
// operations nothing routes.
func routeDrift(routed, documented []string) (undocumented, unrouted []string) {
	for _, r := range routed {
		if !slices.Contains(documented, r) {
			undocumented = append(undocumented, r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routed, d) {
			unrouted = append(unrouted, d)
		}
	}
	return undocumented, unrouted
}

func TestOpenAPI_RouteDriftDetection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                     string
		routed, documented       []string
		wantUndocumented, wantUR []string
	}{
		{name: "in sync", routed: []string{"GET /a", "POST /a/{id}"}, documented: []string{"GET /a", "POST /a/{id}"}},
		{name: "route missing from the document", routed: []string{"GET /a", "DELETE /a/{id}"}, documented: []string{"GET /a"}, wantUndocumented: []string{"DELETE /a/{id}"}},
		{name: "documented path not routed", routed: []string{"GET /a"}, documented: []string{"GET /a", "GET /b"}, wantUR: []string{"GET /b"}},
		{name: "same path, other method", routed: []string{"PATCH /a"}, documented: []string{"PUT /a"}, wantUndocumented: []string{"PATCH /a"}, wantUR: []string{"PUT /a"}},
		{name: "parameter named differently", routed: []string{"GET /s/{id}"}, documented: []string{"GET /s/{sid}"}, wantUndocumented: []string{"GET /s/{id}"}, wantUR: []string{"GET /s/{sid}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, n := routeDrift(tt.routed, tt.documented)
			if !slices.Equal(u, tt.wantUndocumented) || !slices.Equal(n, tt.wantUR) {
				t.Errorf("routeDrift = undocumented %v, unrouted %v; want %v, %v", u, n, tt.wantUndocumented, tt.wantUR)
			}
		})
	}
}

// TestOpenAPI_DocumentMatchesRoutes is the contract: every gin route is in
// the document and every documented operation is routed. The engine is built
// with Debug on, so the /api/docs routes exist; HEAD routes are implied by their
// GET ones (each GET must have one), and CORS preflights are middleware.
func TestOpenAPI_DocumentMatchesRoutes(t *testing.T) {
	t.Parallel()
	routed := routedOperations(t, newDocsHandler(t, true, false))
	documented := documentedOperations(t, loadOpenAPI(t))
	if len(routed) < 30 {
		t.Fatalf("only %d routes listed; is NewHandler registering them?", len(routed))
	}
	undocumented, unrouted := routeDrift(routed, documented)
	for _, r := range undocumented {
		t.Errorf("route %s is not in transport/httpapi/openapi.json", r)
	}
	for _, d := range unrouted {
		t.Errorf("openapi.json documents %s, which no route serves", d)
	}
}

// walk calls fn with every object in v and its JSON pointer.
func walk(v any, ptr string, fn func(ptr string, obj map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(ptr, x)
		for k, child := range x {
			walk(child, ptr+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k), fn)
		}
	case []any:
		for i, child := range x {
			walk(child, ptr+"/"+strconv.Itoa(i), fn)
		}
	}
}

// resolve follows a local JSON pointer ("#/components/schemas/Session").
func resolve(doc map[string]any, ref string) (any, bool) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, false
	}
	var cur any = doc
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// deref returns the object v refers to when it is a {"$ref": …}.
func deref(doc map[string]any, v any) map[string]any {
	obj, _ := v.(map[string]any)
	if ref, ok := obj["$ref"].(string); ok {
		target, _ := resolve(doc, ref)
		obj, _ = target.(map[string]any)
	}
	return obj
}

var pathTemplateParam = regexp.MustCompile(`\{([^}]+)\}`)

func TestOpenAPI_DocumentIsWellFormed(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	components, _ := doc["components"].(map[string]any)
	schemes, _ := components["securitySchemes"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)

	checks := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"version is 3.1.0", func(t *testing.T) {
			if doc["openapi"] != "3.1.0" {
				t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
			}
			info, _ := doc["info"].(map[string]any)
			if info["title"] == nil || info["version"] == nil {
				t.Error("info needs a title and a version")
			}
		}},
		{"every $ref resolves", func(t *testing.T) {
			n := 0
			walk(doc, "#", func(ptr string, obj map[string]any) {
				ref, ok := obj["$ref"].(string)
				if !ok {
					return
				}
				n++
				if _, ok := resolve(doc, ref); !ok {
					t.Errorf("%s: $ref %q does not resolve", ptr, ref)
				}
			})
			if n < 100 {
				t.Errorf("only %d $refs found; is the walk broken?", n)
			}
		}},
		{"required components exist", func(t *testing.T) {
			for _, name := range []string{"Session", "SessionCreated", "Activity", "PollActivity", "QuizActivity", "WordCloudActivity", "OpenTextActivity", "RatingActivity", "QnaActivity", "Option", "ParticipantState", "DisplayState", "AdminState", "Results", "ChoiceResults", "WordCloudResults", "OpenTextResults", "RatingResults", "QnaResults", "Question", "Participant", "Me", "LeaderboardEntry", "ResponseAccepted", "Problem"} {
				if schemas[name] == nil {
					t.Errorf("components.schemas.%s is missing", name)
				}
			}
			for name, typ := range map[string]string{"adminToken": "http", "participantToken": "http", "displayKey": "apiKey"} {
				s, _ := schemes[name].(map[string]any)
				if s["type"] != typ {
					t.Errorf("securitySchemes.%s type = %v, want %s", name, s["type"], typ)
				}
			}
		}},
		{"operations are complete", func(t *testing.T) {
			seen := map[string]string{}
			for p, item := range doc["paths"].(map[string]any) {
				pathItem := item.(map[string]any)
				for _, m := range httpMethods {
					op, ok := pathItem[m].(map[string]any)
					if !ok {
						continue
					}
					where := strings.ToUpper(m) + " " + p
					id, _ := op["operationId"].(string)
					if id == "" {
						t.Errorf("%s has no operationId", where)
					} else if other, dup := seen[id]; dup {
						t.Errorf("%s and %s share operationId %s", where, other, id)
					}
					seen[id] = where
					if resp, _ := op["responses"].(map[string]any); len(resp) == 0 {
						t.Errorf("%s documents no response", where)
					}
					checkSecurity(t, where, op, schemes)
					checkPathParams(t, doc, where, p, pathItem, op)
				}
			}
		}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.check(t)
		})
	}
}

// checkSecurity makes sure every security requirement names a scheme.
func checkSecurity(t *testing.T, where string, op, schemes map[string]any) {
	t.Helper()
	reqs, ok := op["security"].([]any)
	if !ok {
		t.Errorf("%s says nothing about security (use [] for public operations)", where)
		return
	}
	for _, r := range reqs {
		for name := range r.(map[string]any) {
			if schemes[name] == nil {
				t.Errorf("%s: security scheme %q is not defined", where, name)
			}
		}
	}
}

// checkPathParams makes sure every {param} of a path template is declared
// as a required path parameter, and nothing else is.
func checkPathParams(t *testing.T, doc map[string]any, where, path string, pathItem, op map[string]any) {
	t.Helper()
	declared := map[string]bool{}
	for _, list := range []any{pathItem["parameters"], op["parameters"]} {
		params, _ := list.([]any)
		for _, p := range params {
			param := deref(doc, p)
			if param == nil {
				t.Errorf("%s: parameter %v does not resolve", where, p)
				continue
			}
			if param["in"] == "path" {
				name, _ := param["name"].(string)
				declared[name] = true
				if param["required"] != true {
					t.Errorf("%s: path parameter %s must be required", where, name)
				}
			}
		}
	}
	inTemplate := map[string]bool{}
	for _, m := range pathTemplateParam.FindAllStringSubmatch(path, -1) {
		inTemplate[m[1]] = true
		if !declared[m[1]] {
			t.Errorf("%s: path parameter {%s} is not declared", where, m[1])
		}
	}
	for name := range declared {
		if !inTemplate[name] {
			t.Errorf("%s: declares path parameter %s, which is not in the path", where, name)
		}
	}
}

func TestOpenAPI_Serving(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		debug, apiDocs bool
		path           string
		wantStatus     int
		wantType       string
	}{
		{"document with docs off", false, false, "/api/openapi.json", http.StatusOK, "application/json"},
		{"document with DEBUG", true, false, "/api/openapi.json", http.StatusOK, "application/json"},
		{"page with docs off", false, false, "/api/docs", http.StatusNotFound, "application/problem+json"},
		{"asset with docs off", false, false, "/api/docs/init.js", http.StatusNotFound, "application/problem+json"},
		{"page with DEBUG", true, false, "/api/docs", http.StatusOK, "text/html; charset=utf-8"},
		{"page with CAJA_API_DOCS", false, true, "/api/docs", http.StatusOK, "text/html; charset=utf-8"},
		{"page with both", true, true, "/api/docs", http.StatusOK, "text/html; charset=utf-8"},
		{"init script with CAJA_API_DOCS", false, true, "/api/docs/init.js", http.StatusOK, "text/javascript; charset=utf-8"},
		{"unknown asset", true, false, "/api/docs/nope.js", http.StatusNotFound, "application/problem+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := get(t, newDocsHandler(t, tt.debug, tt.apiDocs), tt.path, nil)
			if rec.Code != tt.wantStatus {
				t.Fatalf("GET %s = %d, want %d: %s", tt.path, rec.Code, tt.wantStatus, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
		})
	}

	t.Run("document served is the embedded one", func(t *testing.T) {
		t.Parallel()
		rec := get(t, newDocsHandler(t, false, false), "/api/openapi.json", nil)
		if !bytes.Equal(rec.Body.Bytes(), openAPIDocument) {
			t.Error("the served document differs from openapi.json")
		}
	})
}

var assetRef = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// TestOpenAPI_DocsPageLoads checks what a browser needs: every file the page
// references answers 200 with the right type (gzip-encoded or not), the page
// runs under the site's Content-Security-Policy with no inline script, and
// nothing comes from another origin.
func TestOpenAPI_DocsPageLoads(t *testing.T) {
	t.Parallel()
	h := newDocsHandler(t, false, true)
	page := get(t, h, "/api/docs", nil)
	if page.Code != http.StatusOK {
		t.Fatalf("GET /api/docs = %d", page.Code)
	}
	if got := page.Header().Get("Content-Security-Policy"); got != htmlCSP {
		t.Errorf("page CSP = %q, want the site's %q", got, htmlCSP)
	}
	html := page.Body.String()
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(tag, "src=") {
			t.Errorf("inline script %s would be blocked by script-src 'self'", tag)
		}
	}

	refs := assetRef.FindAllStringSubmatch(html, -1)
	if len(refs) < 5 {
		t.Fatalf("the page references only %d files", len(refs))
	}
	wantType := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png", ".json": "application/json"}
	for _, m := range refs {
		ref := m[1]
		t.Run(ref, func(t *testing.T) {
			t.Parallel()
			if !strings.HasPrefix(ref, "/api/") {
				t.Fatalf("%s is not served by this server (no CDN)", ref)
			}
			want := wantType[ref[strings.LastIndex(ref, "."):]]
			for _, enc := range []string{"", "gzip, deflate, br"} {
				rec := get(t, h, ref, http.Header{"Accept-Encoding": {enc}})
				if rec.Code != http.StatusOK {
					t.Fatalf("GET %s (Accept-Encoding %q) = %d", ref, enc, rec.Code)
				}
				if got := rec.Header().Get("Content-Type"); got != want {
					t.Errorf("GET %s: Content-Type %q, want %q", ref, got, want)
				}
				body := decodedBody(t, rec)
				if len(body) == 0 {
					t.Errorf("GET %s (Accept-Encoding %q): empty body", ref, enc)
				}
				if strings.HasSuffix(ref, "swagger-ui-bundle.js") && !bytes.Contains(body, []byte("SwaggerUIBundle")) {
					t.Errorf("GET %s (Accept-Encoding %q) is not the Swagger UI bundle", ref, enc)
				}
			}
		})
	}
}

// decodedBody undoes a gzip Content-Encoding.
func decodedBody(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.Bytes()
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return b
}

func TestOpenAPI_DocsAssetCaching(t *testing.T) {
	t.Parallel()
	h := newDocsHandler(t, true, false)
	tests := []struct {
		name           string
		path, encoding string
		wantEncoding   string
	}{
		{"gzip stored, gzip accepted", "/api/docs/swagger-ui.css", "gzip", "gzip"},
		{"plain file", "/api/docs/init.js", "gzip", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			first := get(t, h, tt.path, http.Header{"Accept-Encoding": {tt.encoding}})
			if got := first.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.wantEncoding)
			}
			etag := first.Header().Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			again := get(t, h, tt.path, http.Header{"Accept-Encoding": {tt.encoding}, "If-None-Match": {etag}})
			if again.Code != http.StatusNotModified {
				t.Errorf("revalidation = %d, want 304", again.Code)
			}
		})
	}
}

func TestOpenAPI_AcceptsGzip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"deflate, GZIP;q=0.5"}, true},
		{[]string{"br", "gzip"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"*"}, true},
		{[]string{"identity"}, false},
		{[]string{"x-gzip"}, true},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestOpenAPI_ProblemCodesAreListed: the problem schema's code enum is
// every code the server can send (caja.Codes), so that a client (and the
// web app's catalogs) can rely on the list.
func TestOpenAPI_ProblemCodesAreListed(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	problem := doc["components"].(map[string]any)["schemas"].(map[string]any)["Problem"].(map[string]any)
	code, _ := problem["properties"].(map[string]any)["code"].(map[string]any)
	var listed []string
	for _, c := range code["enum"].([]any) {
		listed = append(listed, c.(string))
	}
	var want []string
	for _, c := range caja.Codes() {
		if !regexp.MustCompile(`^[a-z][a-z_]*$`).MatchString(string(c)) {
			t.Errorf("code %q is not snake_case", c)
		}
		want = append(want, string(c))
	}
	if len(slices.Compact(slices.Clone(want))) != len(want) {
		t.Errorf("caja.Codes has duplicates: %q", want)
	}
	if !slices.Equal(listed, want) {
		t.Errorf("the OpenAPI problem codes differ from caja.Codes:\n listed %q\n want   %q", listed, want)
	}
	if !slices.Contains(problem["required"].([]any), any("code")) {
		t.Error("code is not required in the problem schema")
	}
}
