package media

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"quire/backend/store"
)

func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestResizeLimitByDecodedBytes: two PNGs with the same pixels, one 8-bit
// gray and one 16-bit RGBA; with a limit between what they decode to, the
// deep one is refused before it is decoded and the other is resized.
func TestResizeLimitByDecodedBytes(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lib := New(st)
	const w, h = 1500, 1000
	gray := image.NewGray(image.Rect(0, 0, w, h))
	deep := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		gray.SetGray(x, x%h, color.Gray{200})
		deep.SetNRGBA64(x, x%h, color.NRGBA64{60000, 100, 100, 40000})
	}
	g, err := lib.Add(context.Background(), pngOf(t, gray), "gray.png")
	if err != nil {
		t.Fatal(err)
	}
	d, err := lib.Add(context.Background(), pngOf(t, deep), "deep.png")
	if err != nil {
		t.Fatal(err)
	}
	if g.Width*g.Height != d.Width*d.Height {
		t.Fatalf("not the same pixels")
	}
	// Gray: 1 + 4 bytes a pixel, plus the 640 px copy; 16-bit RGBA: 8 + 4.
	lib.MaxDecode = w*h*5 + 2*640*h*4 + 1
	if _, err := lib.ResizeAll(g.Name, []int{640}); err != nil {
		t.Errorf("8-bit gray: %v", err)
	}
	if _, err := lib.ResizeAll(d.Name, []int{640}); !errors.Is(err, ErrDecodeTooLarge) {
		t.Errorf("16-bit RGBA: %v, want ErrDecodeTooLarge", err)
	}
}

// TestBudget: takes beyond the budget wait for releases; one larger than
// the whole budget still runs, alone.
func TestBudget(t *testing.T) {
	b := newBudget(100)
	var in, most atomic.Int64
	var wg sync.WaitGroup
	for _, n := range []int64{60, 60, 60, 150, 30, 30} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release := b.take(n)
			cur := in.Add(n)
			for {
				m := most.Load()
				if cur <= m || most.CompareAndSwap(m, cur) {
					break
				}
			}
			if cur > 100 && cur != n {
				t.Errorf("%d bytes taken at once with a job of %d", cur, n)
			}
			in.Add(-n)
			release()
		}()
	}
	wg.Wait()
	if b.used != 0 {
		t.Errorf("%d left in use", b.used)
	}
}
