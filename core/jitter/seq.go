package jitter

import "time"

// RFC 3550 A.1 limits, in packets.
const (
	maxDropout  = 3000 // a forward jump up to this is loss; beyond it, a possible restart
	maxMisorder = 100  // a backward step up to this is reordering or duplication
	seenWindow  = 128  // how far back duplicates are recognised
)

// seqClass is what a sequence number means relative to the source's history.
type seqClass uint8

const (
	seqNew  seqClass = iota // beyond the highest so far (possibly after a gap)
	seqOld                  // behind the highest, not seen before: reordered or late
	seqDup                  // seen before
	seqJump                 // too far from the highest: a restart or a stray packet
)

// source is one synchronisation source's RFC 3550 reception state: extended
// sequence numbers (A.1), received/expected counts (A.3) and interarrival
// jitter (A.8), plus a bitmap of the last seenWindow sequence numbers.
type source struct {
	ssrc   uint32
	active bool
	base   int64 // extended seq of the first packet
	max    int64 // highest extended seq
	seen   [seenWindow / 64]uint64

	received uint64 // every accepted packet, duplicates included (A.3)
	unique   uint64 // accepted packets minus duplicates

	expectedPrior, receivedPrior uint64 // at the last reception report

	t0          time.Time // arrival clock origin
	transit     uint32
	haveTransit bool
	jitter      uint32 // A.8 estimate, scaled by 16
}

// start makes the source begin at seq: the next classify(seq) is seqNew.
func (s *source) start(ssrc uint32, seq uint16) {
	*s = source{ssrc: ssrc, active: true, base: int64(seq), max: int64(seq) - 1}
}

// classify returns seq's extended number and class without changing state.
func (s *source) classify(seq uint16) (int64, seqClass) {
	d := int64(int16(seq - uint16(s.max)))
	ext := s.max + d
	switch {
	case d > 0 && d < maxDropout:
		return ext, seqNew
	case d > 0 || d < -maxMisorder:
		return ext, seqJump
	case s.max-ext < seenWindow && s.isSeen(ext):
		return ext, seqDup
	}
	return ext, seqOld
}

// accept records a packet classified as seqNew, seqOld or seqDup.
func (s *source) accept(ext int64, c seqClass) {
	s.received++
	if c == seqDup {
		return
	}
	s.unique++
	if c == seqNew {
		s.forget(s.max+1, ext)
		s.max = ext
	}
	if s.max-ext < seenWindow {
		s.seen[(ext&(seenWindow-1))>>6] |= 1 << (ext & 63)
	}
}

func (s *source) isSeen(ext int64) bool {
	return s.seen[(ext&(seenWindow-1))>>6]&(1<<(ext&63)) != 0
}

// forget clears the seen bits of [from, to].
func (s *source) forget(from, to int64) {
	if to-from >= seenWindow {
		clear(s.seen[:])
		return
	}
	for e := from; e <= to; e++ {
		s.seen[(e&(seenWindow-1))>>6] &^= 1 << (e & 63)
	}
}

// expected returns the RFC 3550 A.3 expected count.
func (s *source) expected() uint64 {
	if !s.active || s.max < s.base {
		return 0
	}
	return uint64(s.max - s.base + 1)
}

// lost returns expected minus received: negative when duplicates outnumber losses.
func (s *source) lost() int64 { return int64(s.expected()) - int64(s.received) }

// arrive updates the A.8 jitter with a packet's arrival time and timestamp.
func (s *source) arrive(at time.Time, ts uint32, rate int) {
	if s.t0.IsZero() {
		s.t0 = at
	}
	transit := tsUnits(at.Sub(s.t0), rate) - ts
	if s.haveTransit {
		d := int32(transit - s.transit)
		if d < 0 {
			d = -d
		}
		s.jitter += uint32(d) - ((s.jitter + 8) >> 4)
	}
	s.transit, s.haveTransit = transit, true
}

// tsUnits converts a duration to RTP timestamp units (mod 2^32) without overflow.
func tsUnits(d time.Duration, rate int) uint32 {
	sec, ns := int64(d/time.Second), int64(d%time.Second)
	return uint32(sec*int64(rate) + ns*int64(rate)/int64(time.Second))
}

// fractionLost returns the RFC 3550 A.3 fraction lost since the last report
// (in 1/256) and, when advance is set, starts a new interval.
func (s *source) fractionLost(advance bool) uint8 {
	exp, rec := s.expected(), s.received
	expInt, recInt := int64(exp-s.expectedPrior), int64(rec-s.receivedPrior)
	if advance {
		s.expectedPrior, s.receivedPrior = exp, rec
	}
	lostInt := expInt - recInt
	if expInt <= 0 || lostInt <= 0 {
		return 0
	}
	return uint8(min(lostInt<<8/expInt, 255))
}
