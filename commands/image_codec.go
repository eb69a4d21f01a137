package commands

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"github.com/disintegration/imaging"
	"golang.org/x/image/webp"
	"golang.org/x/sync/semaphore"

	"github.com/cajalive/caja"
)

// Limits of an uploaded image. The file may be at most
// caja.MaxImageUploadBytes; what it declares is checked before a single
// pixel is decoded, so that a small file announcing a huge picture (a
// decompression bomb) costs nothing.
const (
	// MaxImageSide is the longer side of a stored image: larger ones are
	// scaled down to it.
	MaxImageSide = 1920
	// maxSourcePixels bounds the picture a file may declare.
	maxSourcePixels = 50_000_000
	// decodeBudget bounds the memory all decodes of a process use at once
	// (estimated from what each file declares); one decode may use all of
	// it, and others wait for their share.
	decodeBudget = 256 << 20
	// jpegQuality is that of re-encoded photos.
	jpegQuality = 88
)

// An imageFormat is one accepted kind of file: its media type, the file
// name extensions that may announce it, and its real decoder.
type imageFormat struct {
	name   string
	mime   string
	exts   []string
	config func([]byte) (image.Config, error)
	decode func([]byte) (image.Image, error)
}

func reader[T any](f func(r *bytes.Reader) (T, error)) func([]byte) (T, error) {
	return func(b []byte) (T, error) { return f(bytes.NewReader(b)) }
}

var imageFormats = []imageFormat{
	{name: "PNG", mime: "image/png", exts: []string{".png"},
		config: reader(func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }),
		decode: reader(func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) })},
	{name: "JPEG", mime: "image/jpeg", exts: []string{".jpg", ".jpeg", ".jpe", ".jfif"},
		config: reader(func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }),
		decode: reader(func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) })},
	{name: "GIF", mime: "image/gif", exts: []string{".gif"},
		config: reader(func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) }),
		decode: reader(func(r *bytes.Reader) (image.Image, error) { return gif.Decode(r) })}, // the first frame
	{name: "WebP", mime: "image/webp", exts: []string{".webp"},
		config: reader(func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) }),
		decode: reader(func(r *bytes.Reader) (image.Image, error) { return webp.Decode(r) })},
}

// sniffImage names the format the bytes begin with (their magic number),
// whatever the client said; nil when none of the accepted ones.
func sniffImage(b []byte) *imageFormat {
	var i int
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		i = 0
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		i = 1
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		i = 2
	case len(b) >= 16 && string(b[:4]) == "RIFF" && string(b[8:15]) == "WEBPVP8":
		i = 3
	default:
		return nil
	}
	return &imageFormats[i]
}

// storedImage is an upload ready to store.
type storedImage struct {
	id          string
	contentType string
	width       int
	height      int
	data        []byte
}

// imageCodec turns an uploaded file into the image Caja stores: decoded by
// the real decoder of its format (anything that does not decode is
// refused), turned upright (a JPEG's EXIF orientation), scaled down to at
// most MaxImageSide on its longer side and encoded afresh, which drops
// every metadata block (EXIF, GPS, XMP, ICC profiles, comments).
//
// Stored formats: a JPEG stays a JPEG; PNG and GIF become PNG (a GIF's
// first frame: animations are not kept); Go has no WebP encoder, so a
// lossy WebP without transparency becomes a JPEG and any other WebP a PNG.
type imageCodec struct{ memory *semaphore.Weighted }

func newImageCodec() *imageCodec { return &imageCodec{memory: semaphore.NewWeighted(decodeBudget)} }

// fileError is a refusal naming the multipart field "file".
func fileError(kind caja.Kind, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &caja.Error{Kind: kind, Message: "the file cannot be used as an image: " + msg, Fields: []caja.FieldError{{Field: "file", Message: msg}}}
}

// checkDeclared refuses a file whose name or declared media type says
// another format than its bytes. Neither has to be sent; a generic type
// (application/octet-stream) says nothing.
func checkDeclared(f *imageFormat, filename, contentType string) error {
	if ext := strings.ToLower(path.Ext(strings.ReplaceAll(filename, `\`, "/"))); ext != "" {
		ok := false
		for _, e := range f.exts {
			ok = ok || e == ext
		}
		if !ok {
			return fileError(caja.Invalid, "the name ends in %s but the file is a %s image", ext, f.name)
		}
	}
	ct := strings.ToLower(strings.TrimSpace(contentType))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = strings.TrimSpace(ct[:i])
	}
	if ct == "image/jpg" || ct == "image/pjpeg" {
		ct = "image/jpeg"
	}
	if ct != "" && ct != "application/octet-stream" && ct != f.mime {
		return fileError(caja.Invalid, "it was sent as %s but is a %s image", ct, f.name)
	}
	return nil
}

// bytesPerPixel estimates what a decoded pixel of the model costs.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.YCbCrModel:
		return 3
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// scaledSize is w×h scaled so that its longer side is at most MaxImageSide.
func scaledSize(w, h int) (int, int) {
	if w <= MaxImageSide && h <= MaxImageSide {
		return w, h
	}
	if w >= h {
		return MaxImageSide, max(1, int((int64(h)*MaxImageSide+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*MaxImageSide+int64(h)/2)/int64(h))), MaxImageSide
}

// process checks, decodes, scales and re-encodes an upload.
func (c *imageCodec) process(ctx context.Context, data []byte, filename, contentType string) (*storedImage, error) {
	if len(data) == 0 {
		return nil, fileError(caja.Invalid, "it is empty")
	}
	if len(data) > caja.MaxImageUploadBytes {
		return nil, fileError(caja.TooLarge, "it is larger than %d MB", caja.MaxImageUploadBytes>>20)
	}
	f := sniffImage(data)
	if f == nil {
		return nil, fileError(caja.Invalid, "it is not a PNG, JPEG, WebP or GIF image")
	}
	if err := checkDeclared(f, filename, contentType); err != nil {
		return nil, err
	}
	cfg, err := f.config(data)
	if err != nil {
		return nil, fileError(caja.Invalid, "it is not a valid %s image", f.name)
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	if w < 1 || h < 1 {
		return nil, fileError(caja.Invalid, "it has no pixels")
	}
	if w*h > maxSourcePixels {
		return nil, fileError(caja.TooLarge, "it is %d×%d pixels; at most %d megapixels are accepted", w, h, maxSourcePixels/1_000_000)
	}
	sw, sh := scaledSize(cfg.Width, cfg.Height)
	need := w*h*bytesPerPixel(cfg.ColorModel) + int64(sw)*h*4 + int64(sw)*int64(sh)*4
	if need > decodeBudget {
		return nil, fileError(caja.TooLarge, "it is %d×%d pixels at a depth too large to process; send a smaller image", w, h)
	}
	if err := c.memory.Acquire(ctx, need); err != nil {
		return nil, &caja.Error{Kind: caja.Unavailable, Message: "the server is busy processing images, try again", Err: err}
	}
	defer c.memory.Release(need)
	img, err := f.decode(data)
	if err != nil {
		return nil, fileError(caja.Invalid, "it is not a valid %s image (it may be truncated)", f.name)
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, fileError(caja.Invalid, "its %s header does not match its pixels", f.name)
	}
	asJPEG := f.mime == "image/jpeg"
	if f.mime == "image/webp" {
		_, opaque := img.(*image.YCbCr) // lossy VP8 without an alpha channel
		asJPEG = opaque
	}
	if sw != cfg.Width || sh != cfg.Height {
		img = imaging.Resize(img, sw, sh, imaging.CatmullRom)
	}
	if f.mime == "image/jpeg" {
		img = orient(img, jpegOrientation(data))
	}
	var out bytes.Buffer
	contentTypeOut := "image/png"
	if asJPEG {
		contentTypeOut = "image/jpeg"
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = png.Encode(&out, img)
	}
	if err != nil {
		return nil, fmt.Errorf("encode image: %w", err)
	}
	sum := sha256.Sum256(out.Bytes())
	b := img.Bounds()
	return &storedImage{id: hex.EncodeToString(sum[:]), contentType: contentTypeOut, width: b.Dx(), height: b.Dy(), data: out.Bytes()}, nil
}

// orient turns an image upright according to its EXIF orientation (1–8).
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
