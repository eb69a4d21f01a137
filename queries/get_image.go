package queries

import (
	"context"

	"github.com/cajalive/caja"
)

// GetImage asks for a stored image by id.
type GetImage struct {
	ID string
	// IfNoneMatch is the request's If-None-Match header.
	IfNoneMatch string
}

// ImageResult is an image to serve; NotModified when IfNoneMatch matched
// (File then carries only the id).
type ImageResult struct {
	File        caja.ImageFile
	NotModified bool
}

// ImageReader is the read interface for GetImage. Images are read from the
// database (the read model's Redis holds only views): they are fetched
// once per client or cache, never polled.
type ImageReader interface {
	ReadImage(ctx context.Context, id string) (*caja.ImageFile, error)
}

// GetImageHandler answers GetImage.
type GetImageHandler struct{ reader ImageReader }

// NewGetImageHandler returns the handler.
func NewGetImageHandler(r ImageReader) GetImageHandler { return GetImageHandler{reader: r} }

// Handle returns the image. An image's id is the SHA-256 of its bytes, so a
// client holding the tag of that id holds those very bytes: it is answered
// "not modified" without reading anything.
func (h GetImageHandler) Handle(ctx context.Context, q GetImage) (*ImageResult, error) {
	if !validImageID(q.ID) {
		return nil, caja.Errorf(caja.NotFound, "image not found")
	}
	tag := caja.ImageFile{ID: q.ID}.ETag()
	if q.IfNoneMatch != "" && IfNoneMatch(q.IfNoneMatch, tag) {
		return &ImageResult{File: caja.ImageFile{ID: q.ID}, NotModified: true}, nil
	}
	f, err := h.reader.ReadImage(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	return &ImageResult{File: *f}, nil
}

// validImageID: 64 lowercase hex digits.
func validImageID(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
