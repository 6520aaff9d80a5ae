package ivr

import (
	"sync"
	"time"
)

// segment is one rendered prompt: 8 kHz PCM16 samples.
type segment struct {
	pcm     []int16
	bargein bool
}

// player is the prompt queue. Run appends rendered prompts; the conference
// clock takes one frame per tick (say) and flushes the queue on a barge-in
// key. All methods are safe for concurrent use and never block for long.
type player struct {
	mu     sync.Mutex
	q      []segment
	pos    int       // samples of q[0] already said
	idleAt time.Time // when the queue last ran dry
	idle   chan struct{}
}

func newPlayer() *player { return &player{idle: make(chan struct{}, 1), idleAt: time.Now()} }

// add queues a prompt.
func (p *player) add(s segment) {
	if len(s.pcm) == 0 {
		return
	}
	p.mu.Lock()
	p.q = append(p.q, s)
	p.mu.Unlock()
}

// say fills frame with the next samples; false when nothing is queued.
func (p *player) say(frame []int16) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.q) == 0 {
		return false
	}
	n := 0
	for n < len(frame) && len(p.q) > 0 {
		c := copy(frame[n:], p.q[0].pcm[p.pos:])
		n += c
		p.pos += c
		if p.pos == len(p.q[0].pcm) {
			p.q[0] = segment{}
			p.q, p.pos = p.q[1:], 0
		}
	}
	clear(frame[n:])
	if len(p.q) == 0 {
		p.dryLocked()
	}
	return true
}

// bargein stops the prompt playing and drops the queue if that prompt may
// be interrupted; it reports whether it did.
func (p *player) bargein() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.q) == 0 || !p.q[0].bargein {
		return false
	}
	p.flushLocked()
	return true
}

// flush drops everything queued (hang-up, dialog end).
func (p *player) flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.q) > 0 {
		p.flushLocked()
	}
}

func (p *player) flushLocked() {
	clear(p.q)
	p.q, p.pos = p.q[:0], 0
	p.dryLocked()
}

func (p *player) dryLocked() {
	p.idleAt = time.Now()
	select {
	case p.idle <- struct{}{}:
	default:
	}
}

// state reports whether prompts are playing and, if not, since when.
func (p *player) state() (busy bool, idleAt time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.q) > 0, p.idleAt
}
