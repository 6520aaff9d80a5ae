package app

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/siprec"
	"github.com/reel-project/reel/core/sipua"
)

// siprecSession is one SIPREC recording session: the SIP dialog's Leg,
// with one conference leg per offered audio stream (index = m-line). The
// UA calls its methods one at a time.
type siprecSession struct {
	svc      *siprecService
	target   requri.Target
	callID   string
	callUUID string
	headers  map[string]string
	left     *regexp.Regexp

	state    siprec.State
	ans      siprec.Answerer
	legs     []*conference.Leg // nil: refused or not audio
	labels   []string          // each stream's label, for the metadata
	leftAOR  string            // chosen with the first offer
	conf     *conference.Conference
	recorded bool
	paused   bool
}

var (
	_ sipua.Leg     = (*siprecSession)(nil)
	_ sipua.BodyLeg = (*siprecSession)(nil)
)

// Answer takes a plain SDP offer: a session without metadata, or a
// re-INVITE that changes only media.
func (s *siprecSession) Answer(offer []byte) ([]byte, error) {
	return s.AnswerBody("application/sdp", offer)
}

// AnswerBody answers an SRC's offer: every audio stream recvonly on its
// own leg, the others refused, labels echoed; then the recording starts,
// or takes the new participants, and pauses while no stream is active.
func (s *siprecSession) AnswerBody(contentType string, body []byte) ([]byte, error) {
	o, err := siprec.ParseOffer(contentType, body)
	if err != nil {
		return nil, siprecError(err)
	}
	if o.Metadata != nil {
		s.state.Apply(o.Metadata)
	}
	if s.leftAOR == "" {
		s.leftAOR = s.chooseLeft(o.Streams)
	}
	answers := make([][]byte, len(o.Streams))
	for i, st := range o.Streams {
		if answers[i], err = s.answerStream(st); err != nil {
			return nil, sipError(err)
		}
	}
	out, err := s.ans.Answer(o.Streams, answers)
	if err != nil {
		return nil, siprecError(err)
	}
	return out, s.record(o)
}

// answerStream answers one stream on its leg (joined for a new stream),
// nil when the stream is refused.
func (s *siprecSession) answerStream(st siprec.Stream) ([]byte, error) {
	for len(s.legs) <= st.Index {
		s.legs, s.labels = append(s.legs, nil), append(s.labels, "")
	}
	s.labels[st.Index] = st.Label
	if st.Port == 0 || st.Media != "audio" {
		s.closeLeg(st.Index, "stream removed")
		return nil, nil
	}
	if s.legs[st.Index] == nil {
		l, err := s.svc.e.Join(conference.JoinRequest{Target: s.streamTarget(st), CallID: s.callID,
			CallUUID: s.callUUID, Headers: s.headers})
		if err != nil {
			return nil, err
		}
		s.legs[st.Index], s.conf = l, l.Conference()
	}
	b, err := s.legs[st.Index].Answer(st.SDP)
	if refusedStream(err) {
		s.svc.log.Info("siprec stream refused", "call_id", s.callID, "label", st.Label, "err", err)
		s.closeLeg(st.Index, "stream refused")
		return nil, nil
	}
	return b, err
}

// streamTarget is a stream's leg as the engine sees it: a recorder leg
// whose dn is its sender's AOR, left when that is the chosen AOR.
func (s *siprecSession) streamTarget(st siprec.Stream) requri.Target {
	t := s.target
	t.DN, t.RecordDN = "label:"+st.Label, s.leftAOR
	if p, ok := s.state.Sender(st.Label); ok {
		t.DN = p.AOR
	}
	return t
}

// chooseLeft is the AOR recorded on the left: the first participant the
// profile's siprec_left matches, else the first stream's sender; "" (the
// first stream's leg is left) when the metadata says nothing.
func (s *siprecSession) chooseLeft(streams []siprec.Stream) string {
	if s.left != nil {
		for _, p := range s.state.Participants {
			if s.left.MatchString(p.AOR) {
				return p.AOR
			}
		}
	}
	for _, st := range streams {
		if p, ok := s.state.Sender(st.Label); ok {
			return p.AOR
		}
	}
	return ""
}

func (s *siprecSession) closeLeg(i int, reason string) {
	if l := s.legs[i]; l != nil {
		s.legs[i] = nil
		l.Close(reason)
	}
}

// record starts the recording with the first answer, then keeps its
// participants current and pauses it while the SRC sends nothing.
func (s *siprecSession) record(o *siprec.Offer) error {
	if s.conf == nil {
		return nil
	}
	rec := s.svc.rec
	if !s.recorded {
		id, err := rec.Start(s.conf, startRequest{PlanFormats: true, SIPREC: s.describe(), Dialog: "siprec"})
		if err != nil {
			return fmt.Errorf("siprec: start recording: %w", err)
		}
		s.recorded = true
		s.svc.log.Info("siprec recording started", "call_id", s.callID, "recording_id", id, "streams", len(o.Streams))
	} else {
		s.conf.SetSIPREC(s.describe())
	}
	if inactive := o.AllInactive(); inactive != s.paused {
		s.paused = inactive
		act := rec.Resume
		if inactive {
			act = rec.Pause
		}
		if err := act(s.conf, conference.Selector{}); err != nil {
			s.svc.log.Warn("siprec pause/resume", "call_id", s.callID, "paused", inactive, "err", err)
		}
	}
	return nil
}

// describe is the session for the recording's metadata.
func (s *siprecSession) describe() *recmeta.SIPREC {
	d := &recmeta.SIPREC{RSCallID: s.callID, SessionIDs: slices.Clone(s.state.SessionIDs), GroupID: s.state.GroupID,
		SIPSessionIDs: slices.Clone(s.state.SIPSessionIDs), Extensions: slices.Clone(s.state.Extensions),
		Participants: []recmeta.Participant{}}
	for _, p := range s.state.Participants {
		rp := recmeta.Participant{ID: p.ID, AOR: p.AOR, Name: p.Name, Left: p.Left}
		for _, label := range s.labels {
			if sp, ok := s.state.Sender(label); ok && sp.ID == p.ID {
				rp.Labels = append(rp.Labels, label)
			}
		}
		if len(rp.Labels) > 0 {
			rp.Channel = "right"
			if p.AOR == s.leftAOR {
				rp.Channel = "left"
			}
		}
		d.Participants = append(d.Participants, rp)
	}
	return d
}

// Offer: an SRS answers; an INVITE without an offer is refused.
func (s *siprecSession) Offer() ([]byte, error) {
	return nil, sipua.Status(488, fmt.Errorf("siprec: INVITE without an offer"))
}

// Accept is never reached: Offer refuses.
func (s *siprecSession) Accept([]byte) error {
	return sipua.Status(488, fmt.Errorf("siprec: no offer was made"))
}

// Close ends every stream's leg; the recording stops with the last.
func (s *siprecSession) Close(reason string) {
	for i := range s.legs {
		s.closeLeg(i, reason)
	}
	s.svc.ended(reason)
}
