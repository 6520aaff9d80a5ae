package app

import (
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdp"
	"github.com/reel-project/reel/core/siprec"
	"github.com/reel-project/reel/core/sipua"
)

// siprecService opens SIPREC recording sessions (RFC 7866, docs/wire.md
// §1.3): core/siprec reads the offers, the conference engine receives one
// leg per stream, and the recording runs through the recording-control
// API like an MSML one.
type siprecService struct {
	e     *conference.Engine
	rec   *recordings
	log   *slog.Logger
	left  map[string]*regexp.Regexp // profile → siprec_left; nil: first m-line
	ended func(reason string)       // counts a dialog's end by its reason
}

func newSIPREC(e *conference.Engine, rec *recordings, profiles map[string]config.Profile, ended func(string), log *slog.Logger) *siprecService {
	s := &siprecService{e: e, rec: rec, log: log, left: map[string]*regexp.Regexp{}, ended: ended}
	for name, p := range profiles {
		if p.SIPRECLeft != "" {
			s.left[name] = regexp.MustCompile(p.SIPRECLeft) // config.Validate compiled it
		}
	}
	return s
}

// isSIPREC recognises an INVITE from a SIPREC client: Require: siprec, the
// +sip.src feature tag in its Contact, or a multipart/mixed body.
func isSIPREC(inv sipua.Invite) bool {
	for t := range strings.SplitSeq(inv.Header("Require"), ",") {
		if strings.EqualFold(strings.TrimSpace(t), "siprec") {
			return true
		}
	}
	ct := strings.ToLower(inv.ContentType)
	return strings.Contains(strings.ToLower(inv.Contact), "+sip.src") || strings.HasPrefix(ct, "multipart/mixed")
}

// open starts a recording session: the Request-URI's parameters (the RM's
// reel-profile, gvp-tenant-id) apply as for record=, the session is named
// by the dialog's Call-ID. Its legs join when the offer is answered.
func (s *siprecService) open(inv sipua.Invite) (sipua.Leg, error) {
	t, err := requri.ParseRecorder(inv.RequestURI, inv.CallID)
	if err != nil {
		return nil, sipError(err)
	}
	t.Record = true
	return &siprecSession{svc: s, target: t, callID: inv.CallID, callUUID: inv.Header("X-Genesys-CallUUID"),
		headers: inv.Headers, ans: siprec.Answerer{SessionID: sdp.NewSessionID()},
		left: s.left[s.rec.profileName(t.Profile)]}, nil
}

// siprecError maps core/siprec's sentinels to the SIP UA's.
func siprecError(err error) error {
	switch {
	case errors.Is(err, siprec.ErrMalformed):
		return fmt.Errorf("%w: %w", sipua.ErrBadRequest, err)
	case errors.Is(err, siprec.ErrUnsupported):
		return sipua.Status(415, err)
	case errors.Is(err, siprec.ErrNoStreams):
		return fmt.Errorf("%w: %w", sipua.ErrNoCodec, err)
	}
	return sipError(err)
}

// refusedStream reports whether a stream's answer failed for want of a
// usable codec or audio: the stream is refused, the session goes on.
func refusedStream(err error) bool {
	return errors.Is(err, sdp.ErrNoAudio) || errors.Is(err, sdp.ErrNoCommonCodec) || errors.Is(err, sdp.ErrBadPtime)
}
