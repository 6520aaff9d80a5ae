package jitter

// push routes one packet by payload type.
func (b *Buffer) push(p *pkt) {
	switch pt := int(p.pt); {
	case pt == b.eventPT:
		b.pushEvent(p)
	case pt == b.cnPT || b.decoders[pt] != nil:
		b.pushMedia(p)
	default:
		b.reject(&b.n.unknownPT)
		if b.countOnly(p) {
			b.tl.unplayable++
		}
	}
}

// countOnly records a packet of the current source in the sequence
// statistics without playing it (events, unknown payload types): it was
// received, so it must not look lost. It reports whether the packet was the
// newest.
func (b *Buffer) countOnly(p *pkt) bool {
	if !b.src.active || p.ssrc != b.src.ssrc {
		return false
	}
	ext, c := b.src.classify(p.seq)
	if c == seqNew || c == seqOld {
		b.src.accept(ext, c)
	}
	return c == seqNew
}

// pushEvent feeds a telephone-event packet to the event reassembler. Its
// repeated end packets are expected, so they are not counted as duplicates.
func (b *Buffer) pushEvent(p *pkt) {
	b.countOnly(p)
	if len(p.payload) < 4 {
		b.reject(&b.n.malformed)
		return
	}
	b.ev.push(p.ssrc, p.ts, p.payload)
}

// pushMedia handles audio and comfort noise: the first packet starts the
// source; a new SSRC or a sequence jump goes through probation.
func (b *Buffer) pushMedia(p *pkt) {
	if !b.src.active {
		b.src.start(p.ssrc, p.seq)
		b.tl.anchorSeq = b.src.base
	}
	if p.ssrc != b.src.ssrc {
		b.probation(p)
		return
	}
	ext, c := b.src.classify(p.seq)
	if c == seqJump {
		b.probation(p)
		return
	}
	b.media(p, ext, c)
}

// probation holds a packet of a possibly new source until a second one
// confirms it; then the source is switched and both are played.
func (b *Buffer) probation(p *pkt) {
	if !b.hold.confirms(p) {
		if b.hold.full {
			b.n.discarded++
		}
		if !b.hold.keep(p) {
			b.reject(&b.n.malformed)
		}
		return
	}
	first := &b.hold.p
	b.switchSource(first)
	b.hold.full = false
	b.media(first, b.src.max+1, seqNew)
	if ext, c := b.src.classify(p.seq); c != seqJump {
		b.media(p, ext, c)
	}
}

// switchSource closes the current source's statistics and starts a new one
// at p, to be placed right after the audio already buffered.
func (b *Buffer) switchSource(p *pkt) {
	if p.ssrc != b.src.ssrc {
		b.n.ssrcChanges++
	} else {
		b.n.seqRestarts++
	}
	b.past.add(&b.src)
	b.src.start(p.ssrc, p.seq)
	b.tl.anchorSeq = b.src.base
	b.tl.continued = true
	b.ctl.clear()
}

// media accepts an audio or comfort-noise packet of the current source.
func (b *Buffer) media(p *pkt, ext int64, c seqClass) {
	if c == seqDup {
		b.src.accept(ext, c)
		b.n.duplicates++
		return
	}
	missing := ext - b.src.max - 1 // packets skipped, for a newest packet
	b.src.accept(ext, c)
	b.src.arrive(p.at, p.ts, b.rate)
	if int(p.pt) == b.cnPT {
		b.comfortNoise(c)
		return
	}
	n := b.decode(p)
	if n <= 0 {
		b.reject(&b.n.malformed)
		if c == seqNew {
			b.tl.unplayable++
		}
		return
	}
	if c == seqNew {
		b.ev.expire(p.ssrc, p.ts, uint32(b.rate/2))
		b.placeNewest(p, ext, missing, n)
		return
	}
	b.placeOld(p, ext, n)
}

// decode runs the payload type's decoder into scratch; ≤ 0 means unusable.
func (b *Buffer) decode(p *pkt) int {
	if len(p.payload) == 0 {
		return 0
	}
	n := b.decoders[p.pt](b.scratch, p.payload)
	if n > len(b.scratch) {
		return -1
	}
	return n
}

// reject counts a packet that carried nothing usable.
func (b *Buffer) reject(reason *uint64) {
	*reason++
	b.n.discarded++
}
