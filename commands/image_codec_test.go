package commands

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/cajalive/caja"
)

// The codec needs no database: these tests run the upload's processing
// alone (cmd/caja's TestImages_* run it over HTTP against Postgres).

func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x++ {
			copy(row[4*x:], []byte{uint8(x), uint8(y), 128, 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/images/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pngBomb is a valid PNG signature and IHDR declaring w×h pixels, then one
// tiny IDAT: what a decompression bomb announces.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// withOrientation inserts an EXIF APP1 segment with the orientation tag
// right after a JPEG's SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00")
	entry := make([]byte, 12)
	binary.LittleEndian.PutUint16(entry[0:], 0x0112)
	binary.LittleEndian.PutUint16(entry[2:], 3)
	binary.LittleEndian.PutUint32(entry[4:], 1)
	binary.LittleEndian.PutUint16(entry[8:], o)
	tiff = append(append(tiff, entry...), 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(append(out, app1...), seg...)
	return append(out, jpg[2:]...)
}

func TestImageCodec_Formats(t *testing.T) {
	t.Parallel()
	src := gradient(40, 30)
	tests := []struct {
		name, file, declared string
		data                 []byte
		wantType             string
	}{
		{"PNG", "a.png", "image/png", encodePNG(t, src), "image/png"},
		{"JPEG", "a.JPG", "image/jpeg", encodeJPEG(t, src), "image/jpeg"},
		{"GIF", "a.gif", "image/gif", encodeGIF(t, src), "image/png"},
		{"WebPLossy", "a.webp", "image/webp", readFixture(t, "lossy.webp"), "image/jpeg"},
		{"WebPLossless", "a.webp", "image/webp", readFixture(t, "lossless.webp"), "image/png"},
		{"WebPAlpha", "a.webp", "image/webp", readFixture(t, "alpha.webp"), "image/png"},
		{"NoNameNoType", "", "", encodePNG(t, src), "image/png"},
		{"OctetStream", "blob", "application/octet-stream", encodeJPEG(t, src), "image/jpeg"},
	}
	c := newImageCodec()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.process(context.Background(), tt.data, tt.file, tt.declared)
			if err != nil {
				t.Fatalf("process: %v", err)
			}
			if got.contentType != tt.wantType || got.width != 40 || got.height != 30 {
				t.Errorf("got %s %d×%d, want %s 40×30", got.contentType, got.width, got.height, tt.wantType)
			}
			if _, _, err := image.Decode(bytes.NewReader(got.data)); err != nil {
				t.Errorf("stored bytes do not decode: %v", err)
			}
			again, err := c.process(context.Background(), tt.data, tt.file, tt.declared)
			if err != nil || again.id != got.id {
				t.Errorf("the same file gave another id: %v", err)
			}
		})
	}
}

func TestImageCodec_Refusals(t *testing.T) {
	t.Parallel()
	good := encodePNG(t, gradient(40, 30))
	jpg := encodeJPEG(t, gradient(40, 30))
	tests := []struct {
		name, file, declared string
		data                 []byte
		kind                 caja.Kind
	}{
		{"Empty", "a.png", "image/png", nil, caja.Invalid},
		{"Text", "a.png", "image/png", []byte("hello, I am not an image at all"), caja.Invalid},
		{"TruncatedPNG", "a.png", "image/png", good[:len(good)/2], caja.Invalid},
		{"TruncatedJPEG", "a.jpg", "image/jpeg", jpg[:len(jpg)/2], caja.Invalid},
		{"HeaderOnlyWebP", "a.webp", "image/webp", readFixture(t, "lossy.webp")[:30], caja.Invalid},
		{"ExtensionLies", "photo.jpg", "", good, caja.Invalid},
		{"UnknownExtension", "notes.txt", "", good, caja.Invalid},
		{"TypeLies", "", "image/gif", good, caja.Invalid},
		{"SVGType", "", "image/svg+xml", good, caja.Invalid},
		{"TooLarge", "a.png", "image/png", append(append([]byte{}, good...), make([]byte, caja.MaxImageUploadBytes)...), caja.TooLarge},
		{"Bomb", "bomb.png", "image/png", pngBomb(50000, 50000), caja.TooLarge},
		{"BombOneRow", "bomb.png", "image/png", pngBomb(1<<31-1, 1), caja.TooLarge},
		{"ZeroSize", "zero.png", "image/png", pngBomb(0, 10), caja.Invalid},
	}
	c := newImageCodec()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.process(context.Background(), tt.data, tt.file, tt.declared)
			e, ok := caja.AsError(err)
			if !ok || e.Kind != tt.kind || len(e.Fields) != 1 || e.Fields[0].Field != "file" {
				t.Fatalf("got %v, want a %s error naming file", err, tt.kind)
			}
		})
	}
}

// TestImageCodec_BombIsRefusedWithoutDecoding: a PNG declaring 50,000 ×
// 50,000 pixels (10 GB decoded) is refused from its header, at once and
// without allocating its pixels.
func TestImageCodec_BombIsRefusedWithoutDecoding(t *testing.T) {
	bomb := pngBomb(50000, 50000)
	c := newImageCodec()
	start := time.Now()
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := c.process(context.Background(), bomb, "bomb.png", "image/png"); caja.KindOf(err) != caja.TooLarge {
			t.Fatalf("got %v, want too large", err)
		}
	})
	if d := time.Since(start); d > time.Second {
		t.Errorf("11 refusals took %s", d)
	}
	if allocs > 100 {
		t.Errorf("a refusal allocates %v times", allocs)
	}
}

func TestImageCodec_ScalesTheLongerSideTo1920(t *testing.T) {
	t.Parallel()
	tests := []struct{ w, h, wantW, wantH int }{
		{3000, 1000, 1920, 640},
		{1000, 3000, 640, 1920},
		{1921, 20, 1920, 20},
		{5000, 1, 1920, 1},
		{100, 50, 100, 50},
	}
	c := newImageCodec()
	for _, tt := range tests {
		got, err := c.process(context.Background(), encodePNG(t, gradient(tt.w, tt.h)), "a.png", "image/png")
		if err != nil {
			t.Fatalf("%d×%d: %v", tt.w, tt.h, err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(got.data))
		if err != nil || got.width != tt.wantW || got.height != tt.wantH || cfg.Width != tt.wantW || cfg.Height != tt.wantH {
			t.Errorf("%d×%d became %d×%d (stored %d×%d, %v), want %d×%d", tt.w, tt.h, got.width, got.height, cfg.Width, cfg.Height, err, tt.wantW, tt.wantH)
		}
	}
}

// TestImageCodec_StripsMetadataAndTurnsPhotosUpright: an EXIF block is gone
// from what is stored, and its orientation was applied to the pixels.
func TestImageCodec_StripsMetadataAndTurnsPhotosUpright(t *testing.T) {
	t.Parallel()
	jpg := withOrientation(encodeJPEG(t, gradient(40, 30)), 6)
	if jpegOrientation(jpg) != 6 {
		t.Fatalf("fixture: orientation %d", jpegOrientation(jpg))
	}
	got, err := newImageCodec().process(context.Background(), jpg, "a.jpg", "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if got.width != 30 || got.height != 40 {
		t.Errorf("stored %d×%d, want 30×40 (turned upright)", got.width, got.height)
	}
	if bytes.Contains(got.data, []byte("Exif")) || jpegOrientation(got.data) != 0 {
		t.Error("the stored JPEG still carries EXIF")
	}
	withText := encodePNGWithText(t, gradient(10, 10), "GPS", "51.5,-0.1")
	png, err := newImageCodec().process(context.Background(), withText, "a.png", "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(png.data, []byte("51.5,-0.1")) {
		t.Error("the stored PNG still carries its text chunk")
	}
}

// encodePNGWithText adds a tEXt chunk after IHDR.
func encodePNGWithText(t *testing.T, img image.Image, key, value string) []byte {
	t.Helper()
	b := encodePNG(t, img)
	const ihdrEnd = 8 + 8 + 13 + 4
	data := []byte(key + "\x00" + value)
	var chunk bytes.Buffer
	_ = binary.Write(&chunk, binary.BigEndian, uint32(len(data)))
	crc := crc32.NewIEEE()
	crc.Write([]byte("tEXt"))
	crc.Write(data)
	chunk.WriteString("tEXt")
	chunk.Write(data)
	_ = binary.Write(&chunk, binary.BigEndian, crc.Sum32())
	return append(append(append([]byte{}, b[:ihdrEnd]...), chunk.Bytes()...), b[ihdrEnd:]...)
}

// FuzzImageCodec: whatever the bytes and the claims, processing returns an
// image that decodes within the limits, or an error naming the file; it
// never panics.
func FuzzImageCodec(f *testing.F) {
	src := gradient(12, 9)
	f.Add(encodePNG(f, src), "a.png", "image/png")
	f.Add(encodeJPEG(f, src), "a.jpg", "image/jpeg")
	f.Add(encodeGIF(f, src), "a.gif", "image/gif")
	f.Add(readFixture(f, "lossy.webp"), "a.webp", "image/webp")
	f.Add(readFixture(f, "lossless.webp"), "a.webp", "")
	f.Add(pngBomb(50000, 50000), "bomb.png", "image/png")
	f.Add(withOrientation(encodeJPEG(f, src), 8), "a.jpeg", "image/jpg")
	c := newImageCodec()
	f.Fuzz(func(t *testing.T, data []byte, name, declared string) {
		got, err := c.process(context.Background(), data, name, declared)
		if err != nil {
			if e, ok := caja.AsError(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "file" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(got.data))
		if err != nil || cfg.Width != got.width || cfg.Height != got.height || got.width > MaxImageSide || got.height > MaxImageSide {
			t.Fatalf("stored %d×%d %s does not match or decode: %v", got.width, got.height, got.contentType, err)
		}
	})
}
