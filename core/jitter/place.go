package jitter

import "math"

// placeNewest places the packet that advanced the highest sequence number.
// Normally it goes where its timestamp says; the anchor moves only for a new
// stream, a new source, a stream that fell behind the play point or jumped
// beyond the capacity, and a talk spurt's start. missing is the number of
// sequence numbers skipped before it; with the unplayable packets since the
// last placed one, they tell how much of a timestamp gap was not meant as
// silence.
func (b *Buffer) placeNewest(p *pkt, ext, missing int64, n int) {
	t := &b.tl
	natural := t.position(p.ts)
	silentFrom := t.h + (missing+t.unplayable)*int64(t.lastLen) // beyond the lost packets, the gap is DTX
	t.unplayable = 0
	if !t.anchored || t.continued {
		silentFrom = t.h
	}
	at, meant := b.chooseAnchor(p, natural, n)
	if at != natural || !t.anchored {
		if t.anchored {
			b.ctl.move(at - natural)
		}
		t.anchorSeq = ext
	}
	t.anchor(p.ts, at)
	t.continued = false
	b.declareSilence(silentFrom, meant)
	t.closeSpans(at)
	b.write(at, n)
	t.lastLen = n
	b.ctl.observe(at-t.p, n)
}

// chooseAnchor returns where the newest packet should play, and where the
// silence the sender meant before it ends: the gap up to there is DTX, a
// source change or a talk-spurt pause; beyond it, the packet was late.
func (b *Buffer) chooseAnchor(p *pkt, natural int64, n int) (at, meant int64) {
	t := &b.tl
	switch {
	case !t.anchored:
		at = t.p + b.init
	case t.continued && t.h >= t.p:
		at = t.h // seamless: right after the previous source's audio
	case t.continued:
		at = t.p + b.init
	case natural < t.p:
		b.n.resyncs++ // behind the play point: a late stream or a step back
		return max(t.h, t.p), natural
	case natural+int64(n) > t.p+b.capacity:
		at = b.beyondCapacity(natural, n)
	case p.marker && natural-t.h >= int64(b.frame):
		b.n.talkSpurts++
		at = b.spurtStart(natural, n)
	default:
		at = natural
	}
	return at, at
}

// beyondCapacity handles a packet that ends more than MaxMs ahead: right
// after the buffered audio it is a burst, so the oldest audio makes room;
// far beyond it the timestamps jumped, so the stream is re-anchored.
func (b *Buffer) beyondCapacity(natural int64, n int) int64 {
	t := &b.tl
	if natural-max(t.h, t.p) <= 2*int64(b.frame) {
		b.skip(natural + int64(n) - b.capacity)
		return natural
	}
	b.n.resyncs++
	return min(max(t.h, t.p+b.init), t.p+b.capacity-int64(n))
}

// spurtStart re-anchors a talk spurt so the controller's window lands in
// its band at once: silence is the cheapest place to change the delay.
func (b *Buffer) spurtStart(natural int64, n int) int64 {
	t := &b.tl
	at := t.p + b.init
	if d, ok := b.ctl.spurtShift(); ok {
		at = natural + d
	}
	return max(min(at, t.p+b.capacity-int64(n)), t.h, t.p)
}

// placeOld places a reordered packet into its hole, or drops it as late.
func (b *Buffer) placeOld(p *pkt, ext int64, n int) {
	t := &b.tl
	pos := t.position(p.ts)
	if !t.anchored || ext < t.anchorSeq || pos+int64(n) <= t.p {
		b.n.late++
		return
	}
	b.write(pos, n)
}

// write stores scratch[:n] at pos, clipped to [p, p+capacity).
func (b *Buffer) write(pos int64, n int) {
	t := &b.tl
	lo, hi := max(pos, t.p), min(pos+int64(n), t.p+b.capacity)
	if hi <= lo {
		return
	}
	b.ring.write(lo, b.scratch[lo-pos:hi-pos])
	t.h = max(t.h, hi)
}

// skip moves the play point forward to pos, discarding what lies before it.
func (b *Buffer) skip(pos int64) {
	t := &b.tl
	d := pos - t.p
	if d <= 0 {
		return
	}
	b.n.overflow += int64(b.ring.count(t.p, int(min(d, int64(b.ring.size())))))
	b.ring.clear(t.p, int(min(d, int64(b.ring.size()))))
	t.p = pos
	b.ctl.move(-d)
	b.ctl.clear() // margins from before a forced skip say nothing about after it
	t.dropSpans()
}

// comfortNoise marks everything after the buffered audio as silence until
// the next audio packet.
func (b *Buffer) comfortNoise(c seqClass) {
	t := &b.tl
	if c != seqNew || !t.anchored {
		return
	}
	b.forgive(t.h)
	t.addSpan(max(t.h, t.p), math.MaxInt64)
}

// declareSilence records [from, to) as known silence (DTX, a source
// change): not loss, so not concealed and not counted.
func (b *Buffer) declareSilence(from, to int64) {
	if to <= from {
		return
	}
	b.forgive(from)
	if to > b.tl.p {
		b.tl.addSpan(max(from, b.tl.p), to)
	}
}

// forgive un-counts the pending gap samples at or after pos: the gap they
// belong to turned out to be silence the sender meant.
func (b *Buffer) forgive(pos int64) {
	t := &b.tl
	if !t.gap || pos >= t.p {
		return
	}
	from, cEnd := max(pos, t.gapStart), t.gapStart+int64(b.conc.length)
	t.pendConceal = max(0, t.pendConceal-overlap(from, t.p, t.gapStart, cEnd))
	t.pendFill = max(0, t.pendFill-overlap(from, t.p, cEnd, math.MaxInt64))
}
