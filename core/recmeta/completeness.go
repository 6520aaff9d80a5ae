package recmeta

// Completeness is the report every recording carries (architecture.md,
// "Rules for the hot path"): what was received, what was lost or repaired,
// and what was deliberately silent. Packet counts are summed over the legs
// for the time they were part of the recording.
type Completeness struct {
	PacketsExpected   int64 `json:"packetsExpected"`
	PacketsReceived   int64 `json:"packetsReceived"`
	PacketsLost       int64 `json:"packetsLost"`
	PacketsLate       int64 `json:"packetsLate"`
	PacketsDuplicated int64 `json:"packetsDuplicated"`
	ConcealedMs       int64 `json:"concealedMs"`
	SilenceFilledMs   int64 `json:"silenceFilledMs"`
	PausedMs          int64 `json:"pausedMs"`
	SSRCChanges       int64 `json:"ssrcChanges"`
	// TimeScaledMs is audio the jitter buffers stretched or squeezed to follow
	// the network's delay (samples inserted plus dropped): the recording is
	// sample-exact only where this is zero and nothing was lost.
	TimeScaledMs  int64  `json:"timeScaledMs"`
	FramesDropped int64  `json:"framesDropped"`
	CutShort      bool   `json:"cutShort"`
	EndReason     string `json:"endReason"`
}

// Add accumulates the packet counters of o into c.
func (c *Completeness) Add(o Completeness) {
	c.PacketsExpected += o.PacketsExpected
	c.PacketsReceived += o.PacketsReceived
	c.PacketsLost += o.PacketsLost
	c.PacketsLate += o.PacketsLate
	c.PacketsDuplicated += o.PacketsDuplicated
	c.ConcealedMs += o.ConcealedMs
	c.SilenceFilledMs += o.SilenceFilledMs
	c.SSRCChanges += o.SSRCChanges
	c.TimeScaledMs += o.TimeScaledMs
}

// Sub returns the counters of c minus those of base (the part of a leg's
// lifetime that fell inside the recording).
func (c Completeness) Sub(base Completeness) Completeness {
	c.PacketsExpected -= base.PacketsExpected
	c.PacketsReceived -= base.PacketsReceived
	c.PacketsLost -= base.PacketsLost
	c.PacketsLate -= base.PacketsLate
	c.PacketsDuplicated -= base.PacketsDuplicated
	c.ConcealedMs -= base.ConcealedMs
	c.SilenceFilledMs -= base.SilenceFilledMs
	c.SSRCChanges -= base.SSRCChanges
	c.TimeScaledMs -= base.TimeScaledMs
	return c
}
