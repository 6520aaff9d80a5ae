package jitter

import (
	"sync"
	"time"

	"github.com/pion/rtp"
)

// Buffer is one leg's jitter buffer. The conference clock's tick Pushes the
// packets its Poll of the leg's sockets found, then Pops a frame, on one
// goroutine (see the package doc for what runs where). Every method is safe
// for concurrent use (a single mutex, never held while calling out, except
// to the Decoders, which run inside Push).
type Buffer struct {
	mu sync.Mutex

	rate, frame    int
	init, capacity int64 // TargetMs and MaxMs in samples
	eventPT, cnPT  int
	decoders       [256]Decoder

	ring    ring
	scratch []int16 // the packet being decoded
	out     []int16 // the frame being popped
	adj     []int16 // source samples of a time-scaled frame

	tl   timeline
	src  source
	past totals
	ctl  controller
	conc concealer
	ev   events
	hold held
	n    counters
}

// New validates cfg (see Config for defaults) and allocates everything the
// buffer will ever need.
func New(cfg Config) (*Buffer, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	ms := func(v int) int64 { return int64(v) * int64(cfg.ClockRate) / 1000 }
	b := &Buffer{
		rate: cfg.ClockRate, frame: cfg.FrameSamples,
		init: ms(cfg.TargetMs), capacity: ms(cfg.MaxMs),
		eventPT: cfg.EventPT, cnPT: cfg.CNPT,
	}
	for pt, d := range cfg.Decoders {
		b.decoders[pt] = d
	}
	b.ring = newRing(int(b.capacity))
	b.scratch = make([]int16, b.capacity)
	b.out = make([]int16, b.frame)
	b.adj = make([]int16, b.frame+b.frame/2)
	b.ctl = newController(b.frame, int(b.init)-b.frame)
	b.conc = newConcealer(b.rate, int(ms(max(cfg.ConcealMs, 0))))
	b.hold.max = max(1500, 2*int(b.capacity))
	return b, nil
}

// FrameSamples returns the number of samples every Pop writes.
func (b *Buffer) FrameSamples() int { return b.frame }

// Push hands the buffer one received RTP packet and its arrival time (the
// kernel's receive time, used only for the RFC 3550 jitter estimate). In the
// daemon it runs inside rtpio.Session.Poll on the clock's tick, just before
// that tick's Pop. The buffer decodes or copies what it keeps before
// returning, so the caller may reuse p and its payload. Malformed, unknown
// and stray packets are counted and ignored.
func (b *Buffer) Push(p *rtp.Packet, arrival time.Time) {
	if p == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if p.Version != 2 {
		b.reject(&b.n.malformed)
		return
	}
	k := pkt{ssrc: p.SSRC, ts: p.Timestamp, seq: p.SequenceNumber, pt: p.PayloadType,
		marker: p.Marker, payload: p.Payload, at: arrival}
	b.push(&k)
}

// Pop writes the next frame — exactly FrameSamples samples — into
// dst[:FrameSamples] (a shorter dst receives what fits) and says what it
// holds; the clock's tick calls it once per frame, after the Poll that
// Pushed what arrived. It never blocks on the network: missing audio is
// concealed or silent.
func (b *Buffer) Pop(dst []int16) Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.pop()
	copy(dst, b.out)
	return st
}

// PopEvent returns the oldest completed RFC 4733 event, if any. Up to 32
// events wait; later ones are counted in Stats.EventsDropped.
func (b *Buffer) PopEvent() (Event, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ev.pop()
}

// Reset empties the buffer and zeroes every statistic, as if New had just
// returned: for reusing a Buffer on another leg.
func (b *Buffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ring.reset()
	b.conc.reset()
	b.ctl.clear()
	b.ctl.shift = 0
	b.tl, b.src, b.past, b.ev, b.n = timeline{}, source{}, totals{}, events{}, counters{}
	b.hold.full = false
}
