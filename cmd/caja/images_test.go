package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"testing"
	"time"

	_ "golang.org/x/image/webp" // image.DecodeConfig of stored bytes in checks

	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// gradientImage is a w×h picture with some detail in it.
func gradientImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x++ {
			copy(row[4*x:], []byte{uint8(x), uint8(y), 128, 255})
		}
	}
	return img
}

func imageBytes(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	default:
		t.Fatalf("format %s", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func webpFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/images/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pngDeclaring is a PNG whose header declares w×h RGBA pixels, with one
// tiny data chunk: a decompression bomb's announcement.
func pngDeclaring(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// multipartBody puts data in the field "file" with that file name and
// part Content-Type (neither set when empty).
func multipartBody(t *testing.T, field, filename, contentType string, data []byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	disp := fmt.Sprintf(`form-data; name=%q`, field)
	if filename != "" {
		disp += fmt.Sprintf(`; filename=%q`, filename)
	}
	h.Set("Content-Disposition", disp)
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), b.Bytes()
}

// send sends a raw body.
func (ts *testServer) send(t *testing.T, method, path, contentType string, body []byte, headers ...string) response {
	t.Helper()
	return ts.sendFrom(t, method, path, contentType, bytes.NewReader(body), headers...)
}

// sendFrom sends a body read from r: of unknown length (chunked) unless r
// is a *bytes.Reader.
func (ts *testServer) sendFrom(t *testing.T, method, path, contentType string, r io.Reader, headers ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

type uploaded struct {
	ID          string `json:"id"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	ContentType string `json:"content_type"`
}

func (ts *testServer) uploadRaw(t *testing.T, s created, filename, contentType string, data []byte) response {
	t.Helper()
	ct, body := multipartBody(t, "file", filename, contentType, data)
	return ts.send(t, "POST", "/api/v1/sessions/"+s.ID+"/images", ct, body, ts.admin(s)...)
}

func (ts *testServer) upload(t *testing.T, s created, filename, contentType string, data []byte) uploaded {
	t.Helper()
	r := ts.uploadRaw(t, s, filename, contentType, data)
	if r.Status != http.StatusCreated {
		t.Fatalf("upload %s: %d %s", filename, r.Status, r.Body)
	}
	var u uploaded
	r.decode(t, &u)
	return u
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("body (%d) %q: %v", r.Status, r.Body, err)
	}
}

func imageRows(t *testing.T, ts *testServer) string {
	t.Helper()
	return fmt.Sprintf("images=%d session_images=%d", writemodeltest.Count(t, ts.DB, "images"), writemodeltest.Count(t, ts.DB, "session_images"))
}

func TestImages_UploadEachFormat(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Pictures")
	src := gradientImage(40, 30)
	tests := []struct {
		name, file, contentType string
		data                    []byte
		stored                  string
	}{
		{"PNG", "chart.png", "image/png", imageBytes(t, "png", src), "image/png"},
		{"JPEG", "photo.jpg", "image/jpeg", imageBytes(t, "jpeg", src), "image/jpeg"},
		{"GIF", "anim.gif", "image/gif", imageBytes(t, "gif", src), "image/png"},
		{"WebPLossy", "photo.webp", "image/webp", webpFixture(t, "lossy.webp"), "image/jpeg"},
		{"WebPLossless", "logo.webp", "image/webp", webpFixture(t, "lossless.webp"), "image/png"},
		{"WebPAlpha", "logo.webp", "image/webp", webpFixture(t, "alpha.webp"), "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ts.upload(t, s, tt.file, tt.contentType, tt.data)
			if len(u.ID) != 64 || u.Width != 40 || u.Height != 30 || u.ContentType != tt.stored {
				t.Fatalf("upload answered %+v, want a 64-digit id, 40×30, %s", u, tt.stored)
			}
			g := ts.do(t, "GET", "/api/v1/images/"+u.ID, "")
			mustStatus(t, g, http.StatusOK)
			if g.Header.Get("Content-Type") != tt.stored {
				t.Errorf("served as %q", g.Header.Get("Content-Type"))
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(g.Body))
			if err != nil || cfg.Width != 40 || cfg.Height != 30 || "image/"+format != tt.stored {
				t.Errorf("served bytes: %s %d×%d, %v", format, cfg.Width, cfg.Height, err)
			}
		})
	}
}

// TestImages_BadUploadsStoreNothing: every upload that is not a usable
// image is a 4xx naming the file, and no row is written.
func TestImages_BadUploadsStoreNothing(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Bad pictures")
	other := ts.createSession(t, "Other")
	png := imageBytes(t, "png", gradientImage(40, 30))
	jpg := imageBytes(t, "jpeg", gradientImage(40, 30))
	six := append(append([]byte{}, png...), bytes.Repeat([]byte{0}, 6<<20)...)
	path := "/api/v1/sessions/" + s.ID + "/images"
	form := func(field, name, ct string, data []byte) (string, []byte) {
		return multipartBody(t, field, name, ct, data)
	}
	tests := []struct {
		name        string
		contentType string
		body        []byte
		header      []string
		status      int
		field       string
	}{
		{"TruncatedPNG", "", nil, nil, 422, "file"},
		{"TruncatedJPEG", "", nil, nil, 422, "file"},
		{"TruncatedWebP", "", nil, nil, 422, "file"},
		{"ExtensionLies", "", nil, nil, 422, "file"},
		{"ContentTypeLies", "", nil, nil, 422, "file"},
		{"NotAnImage", "", nil, nil, 422, "file"},
		{"SVG", "", nil, nil, 422, "file"},
		{"Empty", "", nil, nil, 422, "file"},
		{"SixMegabytes", "", nil, nil, 413, "file"},
		{"SixMegabytesChunked", "", nil, nil, 413, "file"},
		{"DecompressionBomb", "", nil, nil, 413, "file"},
		{"NoFileField", "", nil, nil, 422, "file"},
		{"NotMultipart", "application/json", []byte(`{"file":"x"}`), nil, 400, "file"},
		{"BrokenMultipart", "multipart/form-data; boundary=xyz", []byte("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"), nil, 400, "file"},
		{"NoToken", "", nil, []string{}, 401, ""},
		{"OtherSessionsToken", "", nil, ts.admin(other), 403, ""},
	}
	bodies := map[string]func() (string, []byte){
		"TruncatedPNG":  func() (string, []byte) { return form("file", "a.png", "image/png", png[:len(png)-20]) },
		"TruncatedJPEG": func() (string, []byte) { return form("file", "a.jpg", "image/jpeg", jpg[:len(jpg)/2]) },
		"TruncatedWebP": func() (string, []byte) {
			w := webpFixture(t, "lossy.webp")
			return form("file", "a.webp", "image/webp", w[:40])
		},
		"ExtensionLies":   func() (string, []byte) { return form("file", "holiday.jpg", "", png) },
		"ContentTypeLies": func() (string, []byte) { return form("file", "", "image/gif", png) },
		"NotAnImage": func() (string, []byte) {
			return form("file", "a.png", "image/png", []byte("<html><script>alert(1)</script></html>"))
		},
		"SVG": func() (string, []byte) {
			return form("file", "a.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
		},
		"Empty":               func() (string, []byte) { return form("file", "a.png", "image/png", nil) },
		"SixMegabytes":        func() (string, []byte) { return form("file", "big.png", "image/png", six) },
		"SixMegabytesChunked": func() (string, []byte) { return form("file", "big.png", "image/png", six) },
		"DecompressionBomb":   func() (string, []byte) { return form("file", "bomb.png", "image/png", pngDeclaring(50000, 50000)) },
		"NoFileField":         func() (string, []byte) { return form("picture", "a.png", "image/png", png) },
		"NoToken":             func() (string, []byte) { return form("file", "a.png", "image/png", png) },
		"OtherSessionsToken":  func() (string, []byte) { return form("file", "a.png", "image/png", png) },
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := tt.contentType, tt.body
			if body == nil {
				ct, body = bodies[tt.name]()
			}
			header := tt.header
			if header == nil {
				header = ts.admin(s)
			}
			start := time.Now()
			var rd io.Reader = bytes.NewReader(body)
			if strings.HasSuffix(tt.name, "Chunked") {
				rd = io.MultiReader(rd) // no length: the server finds out by reading
			}
			r := ts.sendFrom(t, "POST", path, ct, rd, header...)
			if r.Status != tt.status {
				t.Fatalf("got %d %s, want %d", r.Status, r.Body, tt.status)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %s", d)
			}
			if r.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("content type %q", r.Header.Get("Content-Type"))
			}
			var p struct {
				Errors []struct{ Field string } `json:"errors"`
			}
			r.decode(t, &p)
			if tt.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tt.field) {
				t.Errorf("problem %s does not name %s", r.Body, tt.field)
			}
		})
	}
	if got := imageRows(t, ts); got != "images=0 session_images=0" {
		t.Errorf("after refused uploads: %s", got)
	}
}

// TestImages_DuplicateUploadIsOneRow: the same file again, to the same or
// another session, answers the same id and stores its bytes once.
func TestImages_DuplicateUploadIsOneRow(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	a := ts.createSession(t, "A")
	b := ts.createSession(t, "B")
	data := imageBytes(t, "jpeg", gradientImage(64, 48))
	first := ts.upload(t, a, "x.jpg", "image/jpeg", data)
	again := ts.upload(t, a, "x.jpg", "image/jpeg", data)
	if again != first {
		t.Errorf("second upload %+v, first %+v", again, first)
	}
	if got := imageRows(t, ts); got != "images=1 session_images=1" {
		t.Errorf("after the same upload twice: %s", got)
	}
	if other := ts.upload(t, b, "same.jpeg", "", data); other.ID != first.ID {
		t.Errorf("the other session's upload has id %s, want %s", other.ID, first.ID)
	}
	if got := imageRows(t, ts); got != "images=1 session_images=2" {
		t.Errorf("after uploading it to a second session: %s", got)
	}
}

func TestImages_ScaledToAtMost1920(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Wide")
	u := ts.upload(t, s, "wide.png", "image/png", imageBytes(t, "png", gradientImage(3000, 1000)))
	if u.Width != 1920 || u.Height != 640 {
		t.Errorf("stored %d×%d, want 1920×640", u.Width, u.Height)
	}
	g := ts.do(t, "GET", "/api/v1/images/"+u.ID, "")
	cfg, err := png.DecodeConfig(bytes.NewReader(g.Body))
	if err != nil || cfg.Width != 1920 || cfg.Height != 640 {
		t.Errorf("served %d×%d (%v), want 1920×640", cfg.Width, cfg.Height, err)
	}
}

func TestImages_ServedForCaches(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	s := ts.createSession(t, "Cached")
	u := ts.upload(t, s, "a.png", "image/png", imageBytes(t, "png", gradientImage(20, 20)))
	path := "/api/v1/images/" + u.ID
	g := ts.do(t, "GET", path, "", "Accept-Encoding", "gzip")
	mustStatus(t, g, http.StatusOK)
	want := map[string]string{
		"Cache-Control":          "public, max-age=31536000, immutable",
		"Etag":                   `"` + u.ID + `"`,
		"Content-Type":           "image/png",
		"X-Content-Type-Options": "nosniff",
		"Content-Encoding":       "",
	}
	for k, v := range want {
		if got := g.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	for _, inm := range []string{`"` + u.ID + `"`, `W/"` + u.ID + `"`, `"other", "` + u.ID + `"`, "*"} {
		nm := ts.do(t, "GET", path, "", "If-None-Match", inm)
		if nm.Status != http.StatusNotModified || len(nm.Body) != 0 || nm.Header.Get("Etag") != `"`+u.ID+`"` || nm.Header.Get("Cache-Control") != want["Cache-Control"] {
			t.Errorf("If-None-Match %s: %d %q %v", inm, nm.Status, nm.Body, nm.Header)
		}
	}
	if r := ts.do(t, "GET", path, "", "If-None-Match", `"other"`); r.Status != http.StatusOK {
		t.Errorf("another tag: %d", r.Status)
	}
	if h := ts.do(t, "HEAD", path, ""); h.Status != http.StatusOK || h.Header.Get("Content-Length") != fmt.Sprint(len(g.Body)) {
		t.Errorf("HEAD: %d %v", h.Status, h.Header)
	}
	for _, id := range []string{strings.Repeat("0", 64), "nope", strings.ToUpper(u.ID), "../" + u.ID} {
		if r := ts.do(t, "GET", "/api/v1/images/"+id, ""); r.Status != http.StatusNotFound {
			t.Errorf("GET image %q: %d", id, r.Status)
		}
	}
}

// deleteSession deletes a session as an operator (or a future endpoint)
// would: its rows go by cascade, its images with the last session using
// them.
func deleteSession(t *testing.T, ts *testServer, id string) {
	t.Helper()
	if _, err := ts.DB.SQL.Exec("DELETE FROM sessions WHERE id = $1", id); err != nil {
		t.Fatal(err)
	}
}

func TestImages_GoWithTheLastSessionUsingThem(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverEnv(t))
	a := ts.createSession(t, "A")
	shared := ts.upload(t, a, "s.png", "image/png", imageBytes(t, "png", gradientImage(30, 20)))
	own := ts.upload(t, a, "o.jpg", "image/jpeg", imageBytes(t, "jpeg", gradientImage(30, 20)))
	ts.createActivity(t, a, `{"type":"poll","title":"Which?","image_id":"`+shared.ID+`","options":[{"label":"x","image_id":"`+own.ID+`"},{"label":"y"}]}`)
	dup := ts.do(t, "POST", "/api/v1/sessions/"+a.ID+"/duplicate", "", ts.admin(a)...)
	mustStatus(t, dup, http.StatusCreated)
	var b created
	dup.decode(t, &b)
	c := ts.createSession(t, "C")
	other := ts.upload(t, c, "c.png", "image/png", imageBytes(t, "png", gradientImage(10, 10)))
	if got := imageRows(t, ts); got != "images=3 session_images=5" {
		t.Fatalf("before: %s", got)
	}

	deleteSession(t, ts, a.ID)
	if got := imageRows(t, ts); got != "images=3 session_images=3" {
		t.Errorf("after deleting A (its copy B shares its images): %s", got)
	}
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+shared.ID, ""), http.StatusOK)
	deleteSession(t, ts, b.ID)
	if got := imageRows(t, ts); got != "images=1 session_images=1" {
		t.Errorf("after deleting B: %s", got)
	}
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+shared.ID, ""), http.StatusNotFound)
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+own.ID, ""), http.StatusNotFound)
	mustStatus(t, ts.do(t, "GET", "/api/v1/images/"+other.ID, ""), http.StatusOK)
}
