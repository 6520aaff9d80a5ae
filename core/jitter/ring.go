package jitter

import "math/bits"

// ring is the sample store: a power-of-two circular buffer of PCM indexed by
// absolute sample position (int64, never wraps in practice), with one bit per
// sample saying whether a received packet wrote it. Positions outside the
// caller's window [P, P+capacity) alias; the Buffer keeps every access inside.
type ring struct {
	pcm  []int16
	have []uint64
	mask int64
}

// newRing allocates a ring of at least minSamples (rounded up to a power of two, ≥ 64).
func newRing(minSamples int) ring {
	n := 64
	for n < minSamples {
		n <<= 1
	}
	return ring{pcm: make([]int16, n), have: make([]uint64, n/64), mask: int64(n - 1)}
}

// size returns the capacity in samples.
func (r *ring) size() int { return len(r.pcm) }

// write copies s to positions [pos, pos+len(s)) and marks them received.
func (r *ring) write(pos int64, s []int16) {
	i := int(pos & r.mask)
	n := copy(r.pcm[i:], s)
	copy(r.pcm, s[n:])
	r.mark(pos, len(s), true)
}

// read copies positions [pos, pos+len(dst)) into dst.
func (r *ring) read(dst []int16, pos int64) {
	i := int(pos & r.mask)
	n := copy(dst, r.pcm[i:])
	copy(dst[n:], r.pcm)
}

// at returns the sample at pos.
func (r *ring) at(pos int64) int16 { return r.pcm[pos&r.mask] }

// has reports whether a packet wrote pos.
func (r *ring) has(pos int64) bool {
	i := pos & r.mask
	return r.have[i>>6]&(1<<(i&63)) != 0
}

// full reports whether every position in [pos, pos+n) was written.
func (r *ring) full(pos int64, n int) bool {
	return r.count(pos, n) == n
}

// count returns how many positions in [pos, pos+n) were written.
func (r *ring) count(pos int64, n int) int {
	c := 0
	r.span(pos, n, func(w int, m uint64) { c += bits.OnesCount64(r.have[w] & m) })
	return c
}

// clear forgets [pos, pos+n); the PCM stays for concealment history.
func (r *ring) clear(pos int64, n int) { r.mark(pos, n, false) }

// reset forgets everything.
func (r *ring) reset() { clear(r.have) }

func (r *ring) mark(pos int64, n int, set bool) {
	if set {
		r.span(pos, n, func(w int, m uint64) { r.have[w] |= m })
		return
	}
	r.span(pos, n, func(w int, m uint64) { r.have[w] &^= m })
}

// span calls f with each bitmap word and the mask of [pos, pos+n) inside it.
// n is capped at the ring size.
func (r *ring) span(pos int64, n int, f func(word int, mask uint64)) {
	n = min(n, len(r.pcm))
	i := int(pos & r.mask)
	for n > 0 {
		b := i & 63
		k := min(64-b, n, len(r.pcm)-i)
		m := ^uint64(0) >> (64 - k) << b
		f(i>>6, m)
		n -= k
		i = (i + k) & int(r.mask)
	}
}
