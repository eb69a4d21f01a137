package httpapi

import (
	"bytes"
	"compress/gzip"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// compressMinBytes is the size from which JSON is worth compressing: below
// it gzip's header and the CPU cost more than they save.
const compressMinBytes = 1024

var (
	gzipWriterPool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}
	varyEncoding   = "Accept-Encoding"
)

// compressJSON gzip-compresses JSON bodies of 1 KiB or more for clients
// that accept gzip. The polling endpoint is left alone: its compressed
// bytes come ready from the projector. So is any response whose handler
// chose its encoding or length itself.
func compressJSON() gin.HandlerFunc {
	return func(c *gin.Context) {
		if strings.HasSuffix(c.Request.URL.Path, "/state") || !acceptsGzipHeader(c.Request.Header) {
			c.Next()
			return
		}
		w := &gzipResponseWriter{ResponseWriter: c.Writer}
		c.Writer = w
		defer func() {
			w.finish()
			c.Writer = w.ResponseWriter
		}()
		c.Next()
	}
}

// gzipResponseWriter holds back the first bytes of a body until it knows
// whether the body reaches compressMinBytes.
type gzipResponseWriter struct {
	gin.ResponseWriter
	decided bool // passing through or compressing
	zw      *gzip.Writer
	buf     bytes.Buffer
}

func (w *gzipResponseWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

func (w *gzipResponseWriter) Write(p []byte) (int, error) {
	if w.decided {
		if w.zw != nil {
			return w.zw.Write(p)
		}
		return w.ResponseWriter.Write(p)
	}
	if !w.compressible() {
		w.decided = true
		return w.ResponseWriter.Write(p)
	}
	w.buf.Write(p)
	if w.buf.Len() >= compressMinBytes {
		w.decided = true
		h := w.Header()
		h.Del("Content-Length")
		h["Content-Encoding"] = gzipEncoding
		h.Add("Vary", varyEncoding)
		if tag := h.Get("Etag"); tag != "" {
			// Another representation, another strong tag (RFC 9110 §8.8.3).
			h["Etag"] = []string{gzipTag(tag)}
		}
		w.zw = gzipWriterPool.Get().(*gzip.Writer)
		w.zw.Reset(w.ResponseWriter)
		_, err := w.zw.Write(w.buf.Bytes())
		w.buf.Reset()
		if err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// compressible: JSON whose handler did not choose an encoding.
func (w *gzipResponseWriter) compressible() bool {
	h := w.Header()
	ct := h.Get("Content-Type")
	return (strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/problem+json")) &&
		h.Get("Content-Encoding") == ""
}

// gzipTag is the tag of the gzip-compressed representation of the
// representation tagged etag: the polling endpoint's convention (the
// projector's copies), so a client holding either tag is recognised.
func gzipTag(etag string) string {
	if len(etag) < 2 || etag[len(etag)-1] != '"' || strings.HasPrefix(etag, "W/") {
		return etag
	}
	return etag[:len(etag)-1] + `-gz"`
}

// finish sends what was held back (a short body, plain) or ends the gzip
// stream.
func (w *gzipResponseWriter) finish() {
	if w.zw != nil {
		_ = w.zw.Close()
		gzipWriterPool.Put(w.zw)
		w.zw = nil
		return
	}
	if w.buf.Len() > 0 {
		_, _ = w.ResponseWriter.Write(w.buf.Bytes())
		w.buf.Reset()
	}
}
