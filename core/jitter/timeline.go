package jitter

import "math"

// timeline maps RTP timestamps to sample positions and remembers what the
// positions around the play point mean. Positions are absolute sample
// counts; p only moves forward.
type timeline struct {
	p, h      int64 // play point (next sample Pop returns); end of the furthest audio written
	anchored  bool
	refTS     uint32 // the newest packet's timestamp …
	refPos    int64  // … and its position: position(ts) = refPos + int32(ts−refTS)
	anchorSeq int64  // packets of the source older than this were mapped by an older anchor
	continued bool   // a new source (or restart) is waiting for its first packet
	started   bool   // a received sample has been played since New/Reset
	lastLen   int    // samples in the newest packet
	// unplayable counts newest packets since the last placed one that could
	// not be played (malformed, unknown payload type).
	unplayable int64

	spans  [4]span // known silence ahead: DTX, comfort noise, source changes
	nspans int

	gap                   bool  // the play point is inside a gap being concealed or filled
	gapStart              int64 // where the gap began
	pendConceal, pendFill int64 // samples of the gap so far, counted once audio resumes
}

// span is a known-silent range [from, to); to is math.MaxInt64 while open
// (comfort noise until the next audio packet).
type span struct{ from, to int64 }

// position returns where a timestamp plays under the current anchor.
func (t *timeline) position(ts uint32) int64 {
	return t.refPos + int64(int32(ts-t.refTS))
}

// anchor makes ts play at pos from now on.
func (t *timeline) anchor(ts uint32, pos int64) {
	t.refTS, t.refPos, t.anchored = ts, pos, true
}

// addSpan records [from, to) as silence, dropping the oldest span if full.
func (t *timeline) addSpan(from, to int64) {
	if t.nspans == len(t.spans) {
		copy(t.spans[:], t.spans[1:])
		t.nspans--
	}
	t.spans[t.nspans] = span{from, to}
	t.nspans++
}

// closeSpans ends open spans at pos (audio arrived there).
func (t *timeline) closeSpans(pos int64) {
	for i := range t.spans[:t.nspans] {
		if t.spans[i].to == math.MaxInt64 {
			t.spans[i].to = max(pos, t.spans[i].from)
		}
	}
}

// dropSpans forgets spans that end at or before the play point.
func (t *timeline) dropSpans() {
	for t.nspans > 0 && t.spans[0].to <= t.p {
		copy(t.spans[:], t.spans[1:])
		t.nspans--
	}
}

// silent reports whether pos lies in a known-silent span.
func (t *timeline) silent(pos int64) bool {
	for _, s := range t.spans[:t.nspans] {
		if pos >= s.from && pos < s.to {
			return true
		}
	}
	return false
}

// overlap returns the length of [a0, a1) ∩ [b0, b1).
func overlap(a0, a1, b0, b1 int64) int64 {
	return max(0, min(a1, b1)-max(a0, b0))
}
