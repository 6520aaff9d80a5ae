package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdp"
	"github.com/reel-project/reel/core/sipua"
)

// media adapts the conference engine to the SIP user agent.
type media struct {
	e      *conference.Engine
	log    *slog.Logger
	conns  *connections        // legs by MSML connection id
	ended  func(reason string) // counts a leg's end by its reason
	siprec *siprecService      // SIPREC recording sessions
}

var _ sipua.Media = (*media)(nil)

// Open parses the Request-URI and joins the leg to its conference; a
// SIPREC client's INVITE opens a recording session instead (siprec.go).
func (m *media) Open(_ context.Context, inv sipua.Invite) (sipua.Leg, error) {
	if isSIPREC(inv) {
		return m.siprec.open(inv)
	}
	t, err := requri.Parse(inv.RequestURI)
	if err != nil {
		return nil, sipError(err)
	}
	l, err := m.e.Join(conference.JoinRequest{
		Target: t, CallID: inv.CallID, CallUUID: callUUID(inv, t), Headers: inv.Headers,
	})
	if err != nil {
		return nil, sipError(err)
	}
	return &sipLeg{l: l, unlist: m.conns.add(inv.Dialog, l), ended: m.ended}, nil
}

// callUUID prefers the X-Genesys-CallUUID header, then the recorder URI's
// calluuid parameter.
func callUUID(inv sipua.Invite, t requri.Target) string {
	if v := inv.Header("X-Genesys-CallUUID"); v != "" {
		return v
	}
	return t.CallUUID
}

// Available reports whether new calls are accepted.
func (m *media) Available() bool { return m.e.Available() }

// sipLeg maps the leg's errors onto SIP statuses.
type sipLeg struct {
	l      *conference.Leg
	unlist func() // removes the leg from the MSML connections
	ended  func(reason string)
}

func (s *sipLeg) Answer(offer []byte) ([]byte, error) {
	b, err := s.l.Answer(offer)
	return b, sipError(err)
}

func (s *sipLeg) Offer() ([]byte, error) {
	b, err := s.l.Offer()
	return b, sipError(err)
}

func (s *sipLeg) Accept(answer []byte) error { return sipError(s.l.Accept(answer)) }

func (s *sipLeg) Close(reason string) {
	s.l.Close(reason)
	s.unlist()
	s.ended(reason)
}

// sipErrors is the one table from media-side errors to the SIP UA's
// sentinels (and through them to status codes).
var sipErrors = []struct {
	from, to error
}{
	{requri.ErrNotReel, sipua.ErrNotOurs},
	{requri.ErrMalformed, sipua.ErrBadRequest},
	{sdp.ErrMalformed, sipua.ErrBadRequest},
	{sdp.ErrNoAudio, sipua.ErrNoCodec},
	{sdp.ErrNoCommonCodec, sipua.ErrNoCodec},
	{sdp.ErrBadPtime, sipua.ErrNoCodec},
	{sdp.ErrSecurity, sipua.ErrNoCodec},
	{conference.ErrFull, sipua.ErrUnavailable},
	{conference.ErrDraining, sipua.ErrUnavailable},
	{portalloc.ErrExhausted, sipua.ErrUnavailable},
	{conference.ErrClosed, sipua.ErrDialogGone},
}

func sipError(err error) error {
	if err == nil {
		return nil
	}
	for _, m := range sipErrors {
		if errors.Is(err, m.from) {
			return fmt.Errorf("%w: %w", m.to, err)
		}
	}
	return err
}
