package queries

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

func TestQRCache_RendersEachImageOnce(t *testing.T) {
	t.Parallel()
	c := newQRCache(32 << 20)
	var wg sync.WaitGroup
	images := make([]QRCodeImage, 64)
	for i := range images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img, err := c.get("http://192.168.1.20:8080/join/123456", 2048)
			if err != nil {
				t.Error(err)
			}
			images[i] = img
		}()
	}
	wg.Wait()
	if n := c.renders.Load(); n != 1 {
		t.Errorf("64 concurrent requests rendered %d times, want 1", n)
	}
	for _, img := range images {
		if !bytes.Equal(img.PNG, images[0].PNG) || img.ETag != images[0].ETag || img.ETag == "" {
			t.Fatal("requests of one image got different bytes or ETags")
		}
	}
	if other, _ := c.get("http://192.168.1.20:8080/join/654321", 2048); other.ETag == images[0].ETag {
		t.Error("two join links share an ETag")
	}
}

func TestQRCache_BoundedByBytes(t *testing.T) {
	t.Parallel()
	c := newQRCache(64 << 10)
	for i := range 200 {
		if _, err := c.get(fmt.Sprintf("http://caja.test/join/%06d", i), 256); err != nil {
			t.Fatal(err)
		}
		if c.bytes > c.maxBytes {
			t.Fatalf("cache holds %d bytes, over its bound of %d", c.bytes, c.maxBytes)
		}
	}
}

func TestSnapQRSize_FewSteps(t *testing.T) {
	t.Parallel()
	tests := []struct{ ask, want int }{{64, 128}, {128, 128}, {129, 256}, {512, 512}, {1000, 1024}, {2048, 2048}}
	for _, tt := range tests {
		if got := snapQRSize(tt.ask); got != tt.want {
			t.Errorf("snapQRSize(%d) = %d, want %d", tt.ask, got, tt.want)
		}
	}
}
