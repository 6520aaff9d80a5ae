package jitter

// Kind classifies a popped frame.
type Kind uint8

const (
	// Idle: nothing to play yet — no packet since New or Reset, or the first
	// packet is still waiting out its playout delay. dst is silence.
	Idle Kind = iota
	// Audio: at least one sample came from a packet and none was concealed
	// (any other sample is known silence: DTX, comfort noise).
	Audio
	// Concealed: some samples were synthesised from earlier audio to hide
	// missing or late packets.
	Concealed
	// Silence: no received or concealed sample — comfort noise, DTX, a
	// source change, or a gap longer than ConcealMs.
	Silence
)

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case Audio:
		return "audio"
	case Concealed:
		return "concealed"
	case Silence:
		return "silence"
	}
	return "idle"
}

// Status describes one popped frame. The samples not counted in Real or
// Concealed are silence.
type Status struct {
	Kind      Kind
	Real      int // samples decoded from received packets
	Concealed int // samples synthesised by concealment
}

func (s *Status) classify(started bool) {
	switch {
	case s.Concealed > 0:
		s.Kind = Concealed
	case s.Real > 0:
		s.Kind = Audio
	case started:
		s.Kind = Silence
	default:
		s.Kind = Idle
	}
}
