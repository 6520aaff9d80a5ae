package jitter

// counters are the buffer's lifetime counts; sample counts become ms in Stats.
type counters struct {
	duplicates, late, discarded, malformed, unknownPT uint64
	ssrcChanges, seqRestarts, talkSpurts, resyncs     uint64
	dropped, inserted, adjustments                    uint64
	underruns                                         uint64
	overflow, concealed, filled                       int64 // samples
	frames                                            [4]uint64
}

// totals sums the sequence accounting of sources that ended (SSRC changes,
// restarts), so Completeness covers the whole leg.
type totals struct{ expected, received, lost uint64 }

func (t *totals) add(s *source) {
	e := s.expected()
	t.expected += e
	t.received += s.unique
	if e > s.unique {
		t.lost += e - s.unique
	}
}

// Stats is a snapshot of the buffer. RFC 3550 fields describe the current
// source (what an RTCP receiver report about it needs); everything else
// covers the buffer's life since New or Reset.
type Stats struct {
	SSRC          uint32
	ExtHighestSeq uint32 // RFC 3550 extended highest sequence number received
	Expected      uint64 // ExtHighestSeq − first sequence number + 1
	// Received counts every packet accepted, duplicates and late ones
	// included, as RFC 3550 A.3 does.
	Received uint64
	// Lost is Expected − Received: cumulative, negative when duplicates
	// outnumber losses (RFC 3550 6.4.1). ReceptionReport clamps it.
	Lost         int64
	FractionLost uint8  // since the last ReceptionReport, in 1/256 (not reset by Stats)
	Jitter       uint32 // RFC 3550 A.8 interarrival jitter, timestamp units

	Duplicates uint64 // same sequence number again: dropped
	Late       uint64 // arrived after its playout time: dropped (its gap was concealed)
	// Discarded counts packets that carried nothing playable: malformed,
	// unknown payload type, or a stray that failed probation.
	Discarded uint64
	Malformed uint64 // bad version, empty or undecodable payload (part of Discarded)
	UnknownPT uint64 // payload type without a decoder (part of Discarded)

	SSRCChanges uint64 // the sender changed SSRC (e.g. a transfer): re-anchored seamlessly
	SeqRestarts uint64 // same SSRC, sequence numbers restarted
	TalkSpurts  uint64 // talk spurts re-anchored at their marker packet
	Resyncs     uint64 // re-anchored because the stream fell behind or jumped beyond MaxMs
	OverflowMs  int64  // received audio discarded because a burst exceeded MaxMs

	// Delay adaptation: samples removed or added by time-scaling frames,
	// and the number of frames scaled.
	SamplesDropped, SamplesInserted, Adjustments uint64

	ConcealedMs     int64  // gap audio synthesised for lost or late packets
	SilenceFilledMs int64  // gap beyond ConcealMs filled with silence
	Underruns       uint64 // frames, after playout began, with nothing received to play
	// Frames popped by Kind, indexed Idle, Audio, Concealed, Silence.
	Frames [4]uint64

	DepthMs  int // audio span buffered ahead of the play point now
	MarginMs int // the controller's view: how early the latest recent packet arrived

	Events        uint64 // RFC 4733 events completed
	EventsDropped uint64 // completed events lost because PopEvent was not called

	Completeness Completeness
}

// Completeness is the recording metadata's account of this leg, over every
// source it had. PacketsExpected = PacketsReceived + PacketsLost; late
// packets were received (and are counted in PacketsLate), duplicates are not
// counted as received.
type Completeness struct {
	PacketsExpected   uint64 `json:"packetsExpected"`
	PacketsReceived   uint64 `json:"packetsReceived"`
	PacketsLost       uint64 `json:"packetsLost"`
	PacketsLate       uint64 `json:"packetsLate"`
	PacketsDuplicated uint64 `json:"packetsDuplicated"`
	ConcealedMs       int64  `json:"concealedMs"`
	SilenceFilledMs   int64  `json:"silenceFilledMs"`
	SSRCChanges       uint64 `json:"ssrcChanges"`
}

// ReceptionReport is what an RTCP report block (RFC 3550 6.4.1) says about
// the current source; LSR and DLSR come from the sender reports, not from here.
type ReceptionReport struct {
	SSRC           uint32
	FractionLost   uint8  // since the previous ReceptionReport, in 1/256
	CumulativeLost int32  // clamped to the field's signed 24 bits
	ExtHighestSeq  uint32 // cycles << 16 | highest sequence number
	Jitter         uint32 // timestamp units
}

// Stats returns a snapshot. It does not allocate. In the daemon it is read
// on SIP goroutines (recording start and stop, a leg leaving) under the
// conference's mutex, never during a tick.
func (b *Buffer) Stats() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.rfcStats()
	n := &b.n
	s.Duplicates, s.Late, s.Discarded = n.duplicates, n.late, n.discarded
	s.Malformed, s.UnknownPT = n.malformed, n.unknownPT
	s.SSRCChanges, s.SeqRestarts, s.TalkSpurts, s.Resyncs = n.ssrcChanges, n.seqRestarts, n.talkSpurts, n.resyncs
	s.OverflowMs = b.ms(n.overflow)
	s.SamplesDropped, s.SamplesInserted, s.Adjustments = n.dropped, n.inserted, n.adjustments
	s.ConcealedMs, s.SilenceFilledMs = b.ms(n.concealed), b.ms(n.filled)
	s.Underruns, s.Frames = n.underruns, n.frames
	s.DepthMs = int(b.ms(max(0, b.tl.h-b.tl.p)))
	if m, ok := b.ctl.margin(); ok {
		s.MarginMs = int(b.ms(m))
	}
	s.Events, s.EventsDropped = b.ev.total, b.ev.dropped
	s.Completeness = b.completeness()
	return s
}

func (b *Buffer) rfcStats() Stats {
	src := &b.src
	if !src.active {
		return Stats{}
	}
	return Stats{
		SSRC: src.ssrc, ExtHighestSeq: uint32(src.max), Expected: src.expected(),
		Received: src.received, Lost: src.lost(), FractionLost: src.fractionLost(false),
		Jitter: src.jitter >> 4,
	}
}

func (b *Buffer) completeness() Completeness {
	all := b.past
	all.add(&b.src)
	return Completeness{
		PacketsExpected: all.received + all.lost, PacketsReceived: all.received,
		PacketsLost: all.lost, PacketsLate: b.n.late, PacketsDuplicated: b.n.duplicates,
		ConcealedMs: b.ms(b.n.concealed), SilenceFilledMs: b.ms(b.n.filled),
		SSRCChanges: b.n.ssrcChanges,
	}
}

// ReceptionReport returns the report block fields for the current source
// and starts a new FractionLost interval (RFC 3550 A.3). Call it once per
// RTCP report sent: the clock's tick does, after the Pop, when
// rtpio.Session.MaybeSendRTCP builds a report.
func (b *Buffer) ReceptionReport() ReceptionReport {
	b.mu.Lock()
	defer b.mu.Unlock()
	src := &b.src
	if !src.active {
		return ReceptionReport{}
	}
	return ReceptionReport{
		SSRC: src.ssrc, FractionLost: src.fractionLost(true),
		CumulativeLost: int32(max(-0x800000, min(src.lost(), 0x7fffff))),
		ExtHighestSeq:  uint32(src.max), Jitter: src.jitter >> 4,
	}
}

// ms converts samples to milliseconds.
func (b *Buffer) ms(samples int64) int64 { return samples * 1000 / int64(b.rate) }
