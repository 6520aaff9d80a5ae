package sdp

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/pion/sdp/v3"
)

// Offer is a parsed remote offer. It keeps every m-line so that the answer
// has the same number, in the same order (RFC 3264 §6).
type Offer struct {
	// SessionID and Version are the offerer's o= fields. A re-offer with the
	// same Version is unchanged (RFC 3264 §8) and may get the same answer.
	SessionID, Version uint64

	s *session
}

// ParseOffer parses an offer and checks that it has at least one enabled
// RTP audio m-line (RTP/AVP, RTP/SAVP, or their feedback profiles) with an
// IP connection address.
func ParseOffer(b []byte) (*Offer, error) {
	s, err := parse(b)
	if err != nil {
		return nil, err
	}
	found := false
	for i := range s.lines {
		if !s.usable(i) {
			continue
		}
		if _, err := s.addr(i); err != nil {
			return nil, err
		}
		found = true
	}
	if !found {
		return nil, fmt.Errorf("%w: none of %d m-lines is an enabled RTP audio stream", ErrNoAudio, len(s.lines))
	}
	o := s.desc.Origin
	return &Offer{SessionID: o.SessionID, Version: o.SessionVersion, s: s}, nil
}

// Answer answers offer with local. It takes the first usable audio m-line
// with a codec in common, answers it with that one codec (the offerer's
// payload type), telephone-event with the offerer's payload type if offered,
// the packet time, and the reverse of the offer's direction (sendonly →
// recvonly, …). force, if not nil, caps that direction (RFC 3264 §6.1): a
// receive-only recorder passes RecvOnly and answers recvonly, or inactive to
// a recvonly offer; SendOnly puts a sendrecv party on hold. Every other m-line
// is refused with port 0. remote describes the chosen stream as the offerer
// wrote it.
func Answer(offer *Offer, local Local, force *Direction) (answer []byte, remote Media, err error) {
	if offer == nil || offer.s == nil {
		return nil, Media{}, fmt.Errorf("%w: no offer", ErrMalformed)
	}
	l, err := local.withDefaults()
	if err != nil {
		return nil, Media{}, err
	}
	if force != nil && *force > Inactive {
		return nil, Media{}, fmt.Errorf("%w: forced %v", ErrLocal, *force)
	}
	chosen, remote, events, err := offer.s.choose(l)
	if err != nil {
		return nil, Media{}, err
	}
	dir := remote.Direction.Reverse()
	if force != nil {
		dir = dir.and(*force)
	}

	mds := make([]*sdp.MediaDescription, len(offer.s.lines))
	for i, line := range offer.s.lines {
		if i != chosen {
			mds[i] = refused(line)
			continue
		}
		st := stream{codecs: []Codec{remote.Codec}, eventPT: remote.EventPT, events: events}
		mds[i] = l.media(remote.Proto, st, remote.PtimeMs, dir)
		if remote.SRTP.Secure() {
			mds[i].Attributes = append(mds[i].Attributes, cryptoAttrs(remote.SRTP.Local)...)
		}
	}
	answer, err = l.marshal(mds)
	return answer, remote, err
}

// choose returns the first usable m-line that has a codec in common and
// that the SRTP policy accepts.
func (s *session) choose(l Local) (int, Media, eventSet, error) {
	var noCodec error
	for i := range s.lines {
		if !s.usable(i) {
			continue
		}
		m, events, err := s.describe(i, l, false)
		if errors.Is(err, ErrNoCommonCodec) || isSecurity(err) {
			noCodec = cmp.Or(noCodec, err)
			continue
		}
		return i, m, events, err
	}
	if noCodec != nil {
		return 0, Media{}, 0, noCodec
	}
	return 0, Media{}, 0, fmt.Errorf("%w: no enabled RTP audio m-line", ErrNoAudio)
}
