package readmodel

import (
	"context"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// imageReadTimeout bounds one shared read of an image.
const imageReadTimeout = 5 * time.Second

// ImageReader serves stored images to queries. Unlike the views, images are
// not projected into Redis: they never change and are fetched once per
// browser or cache (Cache-Control immutable), so they are read from the
// database. When an activity with an image comes on screen, every phone
// without a CDN in front asks for it at once: concurrent reads of one image
// share one database read.
type ImageReader struct {
	store   *writemodel.Store
	flights singleflight.Group
}

// NewImageReader returns an ImageReader over the write model's store.
func NewImageReader(s *writemodel.Store) *ImageReader { return &ImageReader{store: s} }

// ReadImage reads one image; a missing one is caja.NotFound.
func (r *ImageReader) ReadImage(ctx context.Context, id string) (*caja.ImageFile, error) {
	v, err, _ := r.flights.Do(id, func() (any, error) {
		// Shared: it must not fail because the request that started it
		// went away.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), imageReadTimeout)
		defer cancel()
		img, err := r.store.Image(ctx, id)
		if err != nil {
			return nil, err
		}
		return &caja.ImageFile{ID: img.ID, ContentType: img.ContentType, Data: img.Data}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*caja.ImageFile), nil
}
