package queries

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// QRCodeSizes are the sizes rendered; a request is served the smallest one
// at least as large as it asks. A few sizes, each rendered once per session
// and join link, keep a QR code cheap however often it is fetched.
var QRCodeSizes = []int{128, 256, 512, 1024, 2048}

// QRCode asks for the PNG of a session's join link.
type QRCode struct {
	SessionID string
	Size      int
	// IfNoneMatch is the request's If-None-Match header.
	IfNoneMatch string
}

// QRCodeImage is a rendered QR code; NotModified when IfNoneMatch matched
// (PNG is then nil).
type QRCodeImage struct {
	PNG         []byte
	ETag        string
	NotModified bool
}

// QRCodeHandler answers QRCode from a cache of rendered images.
type QRCodeHandler struct {
	reader SessionFields
	cache  *qrCache
}

// NewQRCodeHandler returns the handler.
func NewQRCodeHandler(r SessionFields) QRCodeHandler {
	return QRCodeHandler{reader: r, cache: newQRCache(32 << 20)}
}

// Handle renders (once) the QR code of the session's join URL.
func (h QRCodeHandler) Handle(ctx context.Context, q QRCode) (QRCodeImage, error) {
	vals, err := fieldsWithRepair(ctx, h.reader, q.SessionID, readmodel.FieldJoinURL)
	if err != nil {
		return QRCodeImage{}, err
	}
	img, err := h.cache.get(vals[0], snapQRSize(q.Size))
	if err != nil {
		return QRCodeImage{}, err
	}
	if q.IfNoneMatch != "" && IfNoneMatch(q.IfNoneMatch, img.ETag) {
		return QRCodeImage{ETag: img.ETag, NotModified: true}, nil
	}
	return img, nil
}

func snapQRSize(size int) int {
	for _, s := range QRCodeSizes {
		if size <= s {
			return s
		}
	}
	return QRCodeSizes[len(QRCodeSizes)-1]
}

// qrCache keeps rendered images by join URL and size, up to maxBytes in
// all (past that it starts over: entries of old sessions go wholesale).
// Concurrent requests for an image not yet rendered share one rendering.
type qrCache struct {
	maxBytes int
	flights  singleflight.Group
	renders  atomic.Int64

	mu     sync.Mutex
	bytes  int
	images map[string]QRCodeImage
}

func newQRCache(maxBytes int) *qrCache {
	return &qrCache{maxBytes: maxBytes, images: make(map[string]QRCodeImage)}
}

func (c *qrCache) get(joinURL string, size int) (QRCodeImage, error) {
	key := strconv.Itoa(size) + " " + joinURL
	c.mu.Lock()
	img, ok := c.images[key]
	c.mu.Unlock()
	if ok {
		return img, nil
	}
	v, err, _ := c.flights.Do(key, func() (any, error) {
		c.renders.Add(1)
		png, err := caja.QRPNG(joinURL, size)
		if err != nil {
			return QRCodeImage{}, err
		}
		sum := sha256.Sum256(png)
		img := QRCodeImage{PNG: png, ETag: `"qr-` + hex.EncodeToString(sum[:12]) + `"`}
		c.mu.Lock()
		if c.bytes+len(png) > c.maxBytes {
			clear(c.images)
			c.bytes = 0
		}
		c.images[key] = img
		c.bytes += len(png)
		c.mu.Unlock()
		return img, nil
	})
	if err != nil {
		return QRCodeImage{}, err
	}
	return v.(QRCodeImage), nil
}
