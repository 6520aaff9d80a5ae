package loadgen

import (
	"context"
	"sync"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
)

// pacer sends every active party's next 20 ms packet on one clock.
type pacer struct {
	audio []byte

	mu    sync.Mutex
	calls map[*call]struct{}
	sent  int64
	errs  int64
}

func newPacer(audio []byte) *pacer {
	return &pacer{audio: audio[:len(audio)/g711.FrameBytes*g711.FrameBytes], calls: map[*call]struct{}{}}
}

func (p *pacer) add(c *call) {
	p.mu.Lock()
	p.calls[c] = struct{}{}
	p.mu.Unlock()
}

func (p *pacer) remove(c *call) {
	p.mu.Lock()
	delete(p.calls, c)
	p.mu.Unlock()
}

func (p *pacer) run(ctx context.Context) {
	t := time.NewTicker(codecs.FrameDuration)
	defer t.Stop()
	var batch []*call
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		batch = p.snapshot(batch)
		var sent, errs int64
		for _, c := range batch {
			s, e := c.sendFrame(p.audio)
			sent, errs = sent+s, errs+e
		}
		p.mu.Lock()
		p.sent, p.errs = p.sent+sent, p.errs+errs
		p.mu.Unlock()
	}
}

func (p *pacer) snapshot(dst []*call) []*call {
	p.mu.Lock()
	defer p.mu.Unlock()
	dst = dst[:0]
	for c := range p.calls {
		dst = append(dst, c)
	}
	return dst
}

func (p *pacer) totals() (sent, errs int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent, p.errs
}
