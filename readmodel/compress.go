package readmodel

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"sync"

	"github.com/cajalive/caja/writemodel"
)

// gzipWriters are reused: a gzip.Writer holds ~800 KB of compressor state.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// gzipped compresses a view for the clients that accept gzip.
func gzipped(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// GzipETag is the ETag of a view's gzip-compressed representation: another
// representation of the same document, so another strong validator
// (RFC 9110 §8.8.3), derived from the plain one.
func GzipETag(etag string) string {
	if len(etag) < 2 || etag[len(etag)-1] != '"' {
		return etag
	}
	return etag[:len(etag)-1] + `-gz"`
}

// meMarker is the participant view's me_marker: the session's me_version,
// which the commands that change participants' own documents behind their
// backs increment.
func meMarker(s *writemodel.Session) string { return strconv.FormatInt(s.MeVersion, 10) }
