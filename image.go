package caja

// Image is the answer to an upload: the stored image's id (the SHA-256 of
// its bytes, hex), its size in pixels and its media type.
type Image struct {
	ID          string `json:"id"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	ContentType string `json:"content_type"`
}

// ImageFile is a stored image as GET /api/v1/images/{id} serves it. Its
// bytes never change (the id is their hash), so its ETag is the id.
type ImageFile struct {
	ID          string
	ContentType string
	Data        []byte
}

// ETag is the image's entity tag.
func (f ImageFile) ETag() string { return `"` + f.ID + `"` }

// MaxImageUploadBytes is the largest image file an organizer may upload.
const MaxImageUploadBytes = 5 << 20
