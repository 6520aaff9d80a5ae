package sdp

import (
	"fmt"

	"github.com/pion/sdp/v3"
)

// MakeOffer writes our offer for third-party call control (RFC 3725: the
// re-INVITE without SDP, answered in the 200 OK): one audio m-line, RTP/SAVP
// with an a=crypto line per key when local.SRTP is required, else RTP/AVP,
// with local.Codecs in order, telephone-event 0-16 unless local.EventPT is -1,
// a=ptime and dir (SendOnly to hold the party, RecvOnly for a recorder).
// It returns nil for an invalid local or dir: check local.Validate once when
// building it.
func MakeOffer(local Local, dir Direction) []byte {
	l, err := local.withDefaults()
	if err != nil || dir > Inactive {
		return nil
	}
	st := stream{codecs: l.Codecs, eventPT: l.EventPT, events: ourEvents}
	md := l.media("RTP/AVP", st, l.PtimeMs, dir)
	if l.SRTP == SRTPRequired {
		md = l.media("RTP/SAVP", st, l.PtimeMs, dir)
		md.Attributes = append(md.Attributes, cryptoAttrs(l.Keys...)...)
	}
	b, err := l.marshal([]*sdp.MediaDescription{md})
	if err != nil {
		return nil
	}
	return b
}

// ParseAnswer reads the answer (from the ACK) to an offer made by MakeOffer
// with the same local. Its first m-line must be our audio stream, enabled,
// with one of our codecs; the answerer's payload types are the ones to send
// with. What we send is what both our offered direction and the answer's
// Direction allow.
func ParseAnswer(b []byte, local Local) (Media, error) {
	l, err := local.withDefaults()
	if err != nil {
		return Media{}, err
	}
	s, err := parse(b)
	if err != nil {
		return Media{}, err
	}
	if len(s.lines) == 0 {
		return Media{}, fmt.Errorf("%w: answer has no m-line", ErrNoAudio)
	}
	if !s.usable(0) {
		ml := s.lines[0]
		return Media{}, fmt.Errorf("%w: answer refused our stream (m=%s %d %s)",
			ErrNoAudio, ml.media, s.desc.MediaDescriptions[0].MediaName.Port.Value, ml.proto)
	}
	m, _, err := s.describe(0, l, true)
	return m, err
}
