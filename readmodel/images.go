package readmodel

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// ImageReader serves stored images to queries. Unlike the views, images are
// not projected into Redis: they never change and are fetched once per
// browser or cache (Cache-Control immutable), so they are read from the
// database, one row per fetch.
type ImageReader struct{ store *writemodel.Store }

// NewImageReader returns an ImageReader over the write model's store.
func NewImageReader(s *writemodel.Store) *ImageReader { return &ImageReader{store: s} }

// ReadImage reads one image; a missing one is caja.NotFound.
func (r *ImageReader) ReadImage(ctx context.Context, id string) (*caja.ImageFile, error) {
	img, err := r.store.Image(ctx, id)
	if err != nil {
		return nil, err
	}
	return &caja.ImageFile{ID: img.ID, ContentType: img.ContentType, Data: img.Data}, nil
}
