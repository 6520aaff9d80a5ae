package conference

import (
	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/jitter"
	"github.com/reel-project/reel/core/recmeta"
)

// reception adapts a leg's jitter buffer to rtpio.ReceptionStats. The report
// is taken from the buffer at most once per tick and only when the RTP
// session actually builds an RTCP report (the buffer's fraction lost counts
// from one ReceptionReport to the next).
type reception struct {
	jb  *jitter.Buffer
	rr  jitter.ReceptionReport
	got bool
}

func (r *reception) reset(jb *jitter.Buffer) { r.jb, r.got = jb, false }

func (r *reception) report() *jitter.ReceptionReport {
	if !r.got {
		r.rr, r.got = r.jb.ReceptionReport(), true
	}
	return &r.rr
}

func (r *reception) ExtHighestSeq() uint32  { return r.report().ExtHighestSeq }
func (r *reception) CumulativeLost() uint32 { return uint32(r.report().CumulativeLost) }
func (r *reception) FractionLost() uint32   { return uint32(r.report().FractionLost) }
func (r *reception) Jitter() uint32         { return r.report().Jitter }

// fromJitter converts a leg's packet accounting for the recording metadata.
func fromJitter(s jitter.Stats) recmeta.Completeness {
	c := s.Completeness
	return recmeta.Completeness{
		PacketsExpected: int64(c.PacketsExpected), PacketsReceived: int64(c.PacketsReceived),
		PacketsLost: int64(c.PacketsLost), PacketsLate: int64(c.PacketsLate),
		PacketsDuplicated: int64(c.PacketsDuplicated), ConcealedMs: c.ConcealedMs,
		SilenceFilledMs: c.SilenceFilledMs, SSRCChanges: int64(c.SSRCChanges),
		TimeScaledMs: int64(s.SamplesDropped+s.SamplesInserted) * 1000 / codecs.SampleRate,
	}
}
