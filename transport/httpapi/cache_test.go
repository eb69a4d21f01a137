package httpapi

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

func TestParseViewerAddress_StripsThePort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"198.51.100.10:46532", "198.51.100.10", true},
		{"2001:db8::1:46532", "2001:db8::1", true},
		{"[2001:db8::1]:46532", "2001:db8::1", true},
		{"::ffff:198.51.100.10:80", "198.51.100.10", true},
		{"198.51.100.10", "", false},
		{"not an address:1", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := parseViewerAddress(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseViewerAddress(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTrustedProxies_Trusts(t *testing.T) {
	t.Parallel()
	tp, err := parseTrustedProxies([]string{"10.0.0.0/16", "192.0.2.7", " "})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		remote string
		want   bool
	}{
		{"10.0.3.4:5555", true},
		{"192.0.2.7:80", true},
		{"[::ffff:10.0.3.4]:5555", true},
		{"192.0.2.8:80", false},
		{"203.0.113.1:443", false},
		{"garbage", false},
	}
	for _, tt := range tests {
		if got := tp.trusts(tt.remote); got != tt.want {
			t.Errorf("trusts(%q) = %v, want %v", tt.remote, got, tt.want)
		}
	}
	if _, err := parseTrustedProxies([]string{"10.0.0.0/33"}); err == nil {
		t.Error("a bad CIDR was accepted")
	}
}

func TestAcceptsGzipHeader_HonoursQualities(t *testing.T) {
	tests := []struct {
		values []string
		want   bool
	}{
		{[]string{"gzip, deflate, br, zstd"}, true},
		{[]string{"br,GZIP"}, true},
		{[]string{"identity"}, false},
		{[]string{"gzip;q=0, identity"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"br", "gzip"}, true},
		{[]string{"gzipx"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.values != nil {
			h["Accept-Encoding"] = tt.values
		}
		if got := acceptsGzipHeader(h); got != tt.want {
			t.Errorf("acceptsGzipHeader(%q) = %v, want %v", tt.values, got, tt.want)
		}
	}
	h := http.Header{"Accept-Encoding": {"gzip, deflate, br, zstd"}}
	if allocs := testing.AllocsPerRun(100, func() { acceptsGzipHeader(h) }); allocs != 0 {
		t.Errorf("%v allocations for a browser's header", allocs)
	}
}

func TestIfNoneMatchHeader_JoinsLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lines []string
		want  string
	}{
		{nil, ""},
		{[]string{`"a"`}, `"a"`},
		{[]string{`"a"`, `"b", "c"`}, `"a", "b", "c"`},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.lines != nil {
			h["If-None-Match"] = tt.lines
		}
		if got := ifNoneMatch(h); got != tt.want {
			t.Errorf("ifNoneMatch(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestSharedPollCacheControl_FromTheSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		seconds int
		want    string
	}{
		{0, "public, max-age=0, s-maxage=0, stale-while-revalidate=4"},
		{1, "public, max-age=0, s-maxage=1, stale-while-revalidate=4"},
		{5, "public, max-age=0, s-maxage=5, stale-while-revalidate=10"},
	}
	for _, tt := range tests {
		if got := sharedPollCacheControl(time.Duration(tt.seconds) * time.Second)[0]; got != tt.want {
			t.Errorf("%d s: %q, want %q", tt.seconds, got, tt.want)
		}
	}
}

func TestCompressJSON_LargeJSONOnly(t *testing.T) {
	t.Parallel()
	gin.SetMode(gin.ReleaseMode)
	big := []byte(`{"x":"` + strings.Repeat("a", 2000) + `"}`)
	r := gin.New()
	r.Use(compressJSON())
	r.GET("/big", func(c *gin.Context) {
		c.Header("ETag", `"t1"`)
		c.Data(http.StatusOK, "application/json", big)
	})
	r.GET("/small", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"ok": true}) })
	r.GET("/png", func(c *gin.Context) { c.Data(http.StatusOK, "image/png", big) })
	r.GET("/encoded", func(c *gin.Context) {
		c.Header("Content-Encoding", "gzip")
		c.Data(http.StatusOK, "application/json", big)
	})
	tests := []struct {
		path, accept string
		wantGzip     bool
		wantETag     string
	}{
		{"/big", "gzip", true, `"t1-gz"`},
		{"/big", "identity", false, `"t1"`},
		{"/small", "gzip", false, ""},
		{"/png", "gzip", false, ""},
		{"/encoded", "gzip", false, ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		req.Header.Set("Accept-Encoding", tt.accept)
		r.ServeHTTP(rec, req)
		gz := rec.Header().Get("Content-Encoding") == "gzip"
		if tt.path == "/encoded" {
			gz = false // the handler's own encoding, passed through untouched
			if !bytes.Equal(rec.Body.Bytes(), big) {
				t.Errorf("%s: body changed", tt.path)
			}
		}
		if gz != tt.wantGzip || rec.Header().Get("ETag") != tt.wantETag {
			t.Errorf("%s (%s): gzip %v, ETag %q; want %v, %q", tt.path, tt.accept, gz, rec.Header().Get("ETag"), tt.wantGzip, tt.wantETag)
			continue
		}
		if gz {
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(zr)
			if !bytes.Equal(b, big) || rec.Header().Get("Content-Length") != "" {
				t.Errorf("%s: gzip body does not decode to the original, or a stale Content-Length %q", tt.path, rec.Header().Get("Content-Length"))
			}
		}
	}
}
