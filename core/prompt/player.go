package prompt

import (
	"sync"
	"time"
)

// FrameSamples is one 20 ms frame at 8 kHz.
const FrameSamples = 160

// Item is one thing a Player plays: Audio, or Silence when Audio is nil (a
// <break>). Bargein says whether caller input may stop it.
type Item struct {
	Audio   *Audio
	Silence time.Duration
	Bargein bool
}

// Player is one call's prompt queue. The media clock calls Next once per
// frame; the call's control goroutine calls Enqueue, Stop and the queries.
// It is safe for that concurrent use; Next never allocates.
type Player struct {
	mu     sync.Mutex
	queue  []Item
	pos    int           // samples of queue[0] already played
	idle   chan struct{} // closed while nothing is queued
	played int64         // samples of prompt audio and silence yielded
}

// NewPlayer returns an idle Player.
func NewPlayer() *Player {
	idle := make(chan struct{})
	close(idle)
	return &Player{idle: idle}
}

// Enqueue adds items to the end of the queue. Items with neither audio nor
// a silence of at least one sample are skipped.
func (p *Player) Enqueue(items ...Item) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, it := range items {
		if itemLen(it) == 0 {
			continue
		}
		if len(p.queue) == 0 {
			p.idle = make(chan struct{})
		}
		p.queue = append(p.queue, it)
	}
}

// Stop empties the queue, the item playing included; the next frame Next
// yields is silence. It reports how many items it dropped.
func (p *Player) Stop() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.queue)
	p.drop(n)
	return n
}

// BargeIn stops what caller input may interrupt: the item playing and the
// queue after it, if the item playing accepts barge-in. It reports whether
// it did; false means the input came during a prompt with bargein="false"
// (or nothing was playing) and the queue goes on.
func (p *Player) BargeIn() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.queue) == 0 || !p.queue[0].Bargein {
		return false
	}
	p.drop(len(p.queue))
	return true
}

// Playing reports whether anything is queued.
func (p *Player) Playing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue) > 0
}

// Idle returns a channel that is closed once everything queued so far has
// played or been stopped; a later Enqueue makes a new one.
func (p *Player) Idle() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.idle
}

// Played returns how much audio (prompts and breaks) Next has yielded.
func (p *Player) Played() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return SamplesToDuration(int(p.played))
}

// Next fills dst with the next len(dst) samples of the queue, silence after
// its end, and reports whether any sample came from the queue.
func (p *Player) Next(dst []int16) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	any := false
	for len(dst) > 0 && len(p.queue) > 0 {
		n := p.fill(dst)
		dst = dst[n:]
		p.played += int64(n)
		any = true
	}
	clear(dst)
	return any
}

// fill writes from the item playing and advances, dropping it when done.
// Called with p.mu held and a non-empty queue.
func (p *Player) fill(dst []int16) int {
	it := p.queue[0]
	left := itemLen(it) - p.pos
	n := min(len(dst), left)
	if it.Audio != nil {
		copy(dst[:n], it.Audio.pcm[p.pos:])
	} else {
		clear(dst[:n])
	}
	p.pos += n
	if p.pos == itemLen(it) {
		p.drop(1)
	}
	return n
}

// drop removes the first n items. Called with p.mu held.
func (p *Player) drop(n int) {
	clear(p.queue[:n]) // let the Audio go
	p.queue = p.queue[n:]
	p.pos = 0
	if len(p.queue) == 0 {
		p.queue = p.queue[:0:0]
		select {
		case <-p.idle:
		default:
			close(p.idle)
		}
	}
}

func itemLen(it Item) int {
	if it.Audio != nil {
		return it.Audio.Len()
	}
	return DurationToSamples(it.Silence)
}
