package conference

import (
	"fmt"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/jitter"
	"github.com/reel-project/reel/core/mixer"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/rtpio"
	"github.com/reel-project/reel/core/sdp"
)

// Leg is one party of a conference: its RTP session, jitter buffer and mixer
// input. The SDP methods are called by the SIP layer; pull and push by the
// clock; both with the conference locked.
type Leg struct {
	c      *Conference
	id     string
	req    JoinRequest
	record bool

	pair *portalloc.Pair
	sess *rtpio.Session
	ml   *mixer.Leg

	// Negotiated media, guarded by c.mu.
	jb      *jitter.Buffer // nil until the first SDP exchange
	local   sdp.Local
	lastSDP []byte // our previous description, for its o= version
	law     g711.Law
	eventPT int
	sendOK  bool
	recvOK  bool
	marker  bool
	closed  bool
	sideVal mixer.Side
	rs      reception
	out     [g711.FrameBytes]byte
	level   meter // written by the tick, read by Calls
}

// addLeg allocates the leg's ports and session and joins it to the mix.
func (c *Conference) addLeg(req JoinRequest) (*Leg, error) {
	pair, err := c.e.alloc.Allocate()
	if err != nil {
		return nil, fmt.Errorf("conference: rtp ports: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextLeg++
	l := &Leg{c: c, id: fmt.Sprintf("%s/leg%d", c.target.ID, c.nextLeg), req: req, pair: pair, eventPT: -1}
	l.record = req.Target.Record || req.Target.Kind == requri.Recorder
	l.local = sdp.Local{Addr: c.e.cfg.RTPAddr, Port: pair.Port, Codecs: l.codecs(),
		EventPT: 101, PtimeMs: codecs.FrameMs, SessionID: uint64(time.Now().UnixNano())}
	l.sess = rtpio.NewSession(pair, rtpio.Config{Latch: c.e.cfg.Latch, PayloadType: 0, ClockRate: codecs.SampleRate,
		CNAME: l.id, Logger: c.e.log})
	l.sideVal = c.sideFor(req)
	l.ml = c.mix.AddLeg(l.id, l.sideVal)
	c.legs = append(c.legs, l)
	c.auto = c.auto || l.record && (req.Target.Kind == requri.Recorder || c.plan.FirstAudio)
	c.joinTapLocked(l)
	return l, nil
}

// sideFor puts the recorded DN's party on the left: for recorder sessions the
// leg whose dn is the recordDN, otherwise the first leg to join.
func (c *Conference) sideFor(req JoinRequest) mixer.Side {
	t := req.Target
	if t.Kind == requri.Recorder && t.RecordDN != "" {
		if t.DN == t.RecordDN {
			return mixer.Left
		}
		return mixer.Right
	}
	for _, l := range c.legs {
		if l.ml != nil && l.side() == mixer.Left {
			return mixer.Right
		}
	}
	return mixer.Left
}

func (l *Leg) side() mixer.Side { return l.sideVal }

// codecs are what the leg answers with: G.711, and for a receive-only
// recorder leg (SIPREC, record=) also G.722, which Reel decodes but does
// not encode.
func (l *Leg) codecs() []sdp.Codec {
	if l.forcedDirection() != nil {
		return []sdp.Codec{sdp.PCMU, sdp.PCMA, sdp.G722}
	}
	return []sdp.Codec{sdp.PCMU, sdp.PCMA}
}

// ID returns the leg's id within the process ("<conf-id>/leg<N>").
func (l *Leg) ID() string { return l.id }

// Conference returns the leg's conference.
func (l *Leg) Conference() *Conference { return l.c }

// pull polls the leg's sockets straight into its jitter buffer (what
// arrived since the last tick) and pops this tick's frame into the mixer;
// it reports whether the leg had audio. Before the first SDP exchange there
// is no buffer: packets are counted and dropped.
func (l *Leg) pull(now time.Time) bool {
	if l.jb == nil {
		l.sess.Poll(now, nil) // a nil *jitter.Buffer in the interface would not be nil
		l.ml.SetActive(false)
		return false
	}
	l.sess.Poll(now, l.jb)
	if !l.recvOK {
		l.ml.SetActive(false)
		return false
	}
	st := l.jb.Pop(l.ml.In())
	active := st.Kind != jitter.Idle
	l.level.update(l.ml.In(), active)
	l.ml.SetActive(active)
	return active
}

// push encodes what this leg hears and sends it.
func (l *Leg) push(now time.Time) {
	if l.sendOK && !l.closed {
		n := l.law.EncodeTo(l.out[:], l.ml.Out())
		_ = l.sess.Send(l.out[:n], codecs.FrameSamples, l.marker)
		l.marker = false
	}
	if l.jb != nil {
		l.rs.reset(l.jb)
		l.sess.MaybeSendRTCP(now, &l.rs)
	}
}

// completeness reports the leg's packet accounting so far; the caller holds
// c.mu.
func (l *Leg) completeness() recmeta.Completeness {
	if l.jb == nil {
		return recmeta.Completeness{}
	}
	return fromJitter(l.jb.Stats())
}
