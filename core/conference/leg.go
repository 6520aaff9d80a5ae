package conference

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"

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
// clock with the conference locked.
type Leg struct {
	c      *Conference
	id     string
	req    JoinRequest
	record bool

	pair *portalloc.Pair
	sess *rtpio.Session
	jb   atomic.Pointer[jitter.Buffer]
	ml   *mixer.Leg

	// Negotiated media, guarded by c.mu.
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
	out     [mixer.FrameSamples]byte
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
	l.local = sdp.Local{Addr: c.e.cfg.RTPAddr, Port: pair.Port, Codecs: []sdp.Codec{sdp.PCMU, sdp.PCMA},
		EventPT: 101, PtimeMs: 20, SessionID: uint64(time.Now().UnixNano())}
	l.sess = rtpio.NewSession(pair, rtpio.Config{Latch: c.e.cfg.Latch, PayloadType: 0, ClockRate: 8000,
		CNAME: l.id, Logger: c.e.log}, l)
	l.sideVal = c.sideFor(req)
	l.ml = c.mix.AddLeg(l.id, l.sideVal)
	c.legs = append(c.legs, l)
	c.auto = c.auto || l.record
	if c.rec != nil {
		c.rec.base[l] = recmeta.Completeness{}
	}
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

// ID returns the leg's id within the process ("<conf-id>/leg<N>").
func (l *Leg) ID() string { return l.id }

// Conference returns the leg's conference.
func (l *Leg) Conference() *Conference { return l.c }

// Push is the RTP session's sink, called from Poll in pull: it hands the
// packet to the current jitter buffer (none before the first SDP exchange).
func (l *Leg) Push(p *rtp.Packet, arrival time.Time) {
	if jb := l.jb.Load(); jb != nil {
		jb.Push(p, arrival)
	}
}

// pull takes what arrived on the leg's sockets since the last tick and pops
// this tick's frame into the mixer; it reports whether the leg had audio.
func (l *Leg) pull(now time.Time) bool {
	l.sess.Poll(now)
	jb := l.jb.Load()
	if jb == nil || !l.recvOK {
		l.ml.SetActive(false)
		return false
	}
	st := jb.Pop(l.ml.In())
	active := st.Kind != jitter.Idle
	l.ml.SetActive(active)
	return active
}

// push encodes what this leg hears and sends it.
func (l *Leg) push(now time.Time) {
	if l.sendOK && !l.closed {
		n := l.law.EncodeTo(l.out[:], l.ml.Out())
		_ = l.sess.Send(l.out[:n], mixer.FrameSamples, l.marker)
		l.marker = false
	}
	if jb := l.jb.Load(); jb != nil {
		l.rs.reset(jb)
		l.sess.MaybeSendRTCP(now, &l.rs)
	}
}

// completeness reports the leg's packet accounting so far.
func (l *Leg) completeness() recmeta.Completeness {
	jb := l.jb.Load()
	if jb == nil {
		return recmeta.Completeness{}
	}
	return fromJitter(jb.Stats())
}
