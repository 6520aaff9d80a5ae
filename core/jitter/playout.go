package jitter

// pop builds the next frame in b.out.
func (b *Buffer) pop() Status {
	b.tl.dropSpans()
	var st Status
	if k := b.adjustment(); k != 0 {
		st = b.popScaled(k)
	} else {
		st = b.popFrame()
	}
	st.classify(b.tl.started)
	b.n.frames[st.Kind]++
	b.conc.remember(b.out)
	return st
}

// popFrame copies the next frame; holes are concealed or silent.
func (b *Buffer) popFrame() Status {
	st := Status{Real: b.frame}
	if b.ring.full(b.tl.p, b.frame) {
		b.ring.read(b.out, b.tl.p)
		b.resume()
	} else {
		st = b.fillMixed()
	}
	b.advance(b.frame)
	return st
}

// fillMixed builds a frame sample by sample: received, known silence, idle
// or gap.
func (b *Buffer) fillMixed() Status {
	t := &b.tl
	var st Status
	gapped := 0
	for i := range b.out {
		x := t.p + int64(i)
		switch {
		case b.ring.has(x):
			b.resume()
			b.out[i] = b.ring.at(x)
			st.Real++
		case !t.started || t.silent(x):
			b.out[i] = 0
		default:
			gapped++
			b.out[i] = b.gapSample(x, i, &st)
		}
	}
	if st.Real == 0 && gapped > 0 {
		b.n.underruns++
	}
	return st
}

// gapSample returns the next sample of a gap: concealment, then silence.
func (b *Buffer) gapSample(x int64, i int, st *Status) int16 {
	t := &b.tl
	if !t.gap {
		t.gap, t.gapStart = true, x
		b.conc.begin(b.out[:i])
	}
	v, ok := b.conc.next()
	if ok {
		t.pendConceal++
		st.Concealed++
	} else {
		t.pendFill++
	}
	return v
}

// resume notes a received sample: playout has started, and a gap before it
// was loss (or lateness), so its pending samples now count.
func (b *Buffer) resume() {
	t := &b.tl
	t.started = true
	if t.gap {
		b.n.concealed += t.pendConceal
		b.n.filled += t.pendFill
		t.gap, t.pendConceal, t.pendFill = false, 0, 0
	}
}

// advance consumes n samples.
func (b *Buffer) advance(n int) {
	b.ring.clear(b.tl.p, n)
	b.tl.p += int64(n)
}

// adjustment returns how many samples to drop (> 0) or insert (< 0) in this
// frame, or 0. Only frames made entirely of received audio are scaled.
func (b *Buffer) adjustment() int {
	t := &b.tl
	if !t.started || !b.ring.full(t.p, b.frame) {
		return 0
	}
	want := b.ctl.want()
	if want == 0 {
		return 0
	}
	b.ring.read(b.adj[:b.frame], t.p)
	k := b.ctl.step(want, quiet(b.adj[:b.frame]))
	if k > 0 && !b.ring.full(t.p, b.frame+k) {
		return 0
	}
	return k
}

// popScaled plays frame+k received samples in one frame's time.
func (b *Buffer) popScaled(k int) Status {
	src := b.adj[:b.frame+k]
	b.ring.read(src, b.tl.p)
	stretch(b.out, src)
	b.resume()
	b.advance(b.frame + k)
	b.ctl.move(-int64(k))
	b.n.adjustments++
	if k > 0 {
		b.n.dropped += uint64(k)
	} else {
		b.n.inserted += uint64(-k)
	}
	return Status{Real: b.frame}
}
