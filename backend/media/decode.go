package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"sync"
)

// MaxDecodeBytes bounds the memory one resize may take: the decoded image,
// the 8-bit copy the resizer works on and the widest copy made. Pixels
// alone do not say it: a small 16-bit RGBA PNG can decode to 8 bytes a
// pixel. An image over it is published as it is, without smaller copies.
const MaxDecodeBytes = 512 << 20

// resizeBudget is the memory all resizes in the process may hold at once:
// the export resizes on several cores, each waiting for its share.
const resizeBudget = 1 << 30

// ErrDecodeTooLarge: decoding the image would take more memory than
// MaxDecodeBytes.
var ErrDecodeTooLarge = errors.New("the image is too large to resize in memory")

// bytesPerPixel is what a decoded image of model holds per pixel (an upper
// bound for JPEG, whose chroma may be subsampled).
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel, color.NYCbCrAModel:
		return 4
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8 // RGBA64, NRGBA64 and anything unknown
}

// decodeCost is the memory resizing data to widths takes at its peak.
func decodeCost(data []byte, widths []int) (int64, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, err
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	widest := int64(0)
	for _, x := range widths {
		widest = max(widest, int64(x))
	}
	// The decoded image, its 8-bit NRGBA copy, and the widest copy's
	// horizontal pass (widest × h) with its result.
	return w*h*bytesPerPixel(cfg.ColorModel) + w*h*4 + 2*widest*h*4, nil
}

// budget hands out memory to resizes, blocking while it is spent.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	used  int64
}

func newBudget(total int64) *budget {
	b := &budget{total: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// take waits until n bytes are free (or none are in use: a single job
// larger than the budget still runs alone) and returns the release.
func (b *budget) take(n int64) func() {
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.total {
		b.cond.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		b.used -= n
		b.mu.Unlock()
		b.cond.Broadcast()
	}
}

var resizeMemory = newBudget(resizeBudget)

// checkDecode refuses an image whose resize would take more than limit
// bytes, and otherwise waits for its share of the process's budget.
func checkDecode(data []byte, widths []int, limit int64) (release func(), err error) {
	cost, err := decodeCost(data, widths)
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	if cost > limit {
		return nil, fmt.Errorf("%w (%s decoded, at most %s)", ErrDecodeTooLarge, Size(cost), Size(limit))
	}
	return resizeMemory.take(cost), nil
}
