package sipua

import (
	"errors"
	"fmt"

	"github.com/emiago/sipgo/sip"
)

// supported are the option tags we implement: session timers (an INVITE
// that requires them on terms we cannot serve gets 420 from sessionGrant)
// and siprec (RFC 7866: the Leg takes multipart offers, see BodyLeg);
// a Require naming any other tag (100rel, …) is answered 420.
var supported = map[string]bool{"timer": true, "siprec": true}

// checkRequest applies the RFC 3261 §8.2 checks sipgo leaves to the UAS.
// What sipgo cannot parse never gets here: over UDP readFilter answers it
// 400 when it can (a body shorter than Content-Length included), over TCP
// sipgo closes the connection; sipgo answers 400 statelessly to a request
// without Via or CSeq.
func checkRequest(req *sip.Request, maxBody int) error {
	if err := checkHeaders(req); err != nil {
		return err
	}
	if len(req.Body()) > maxBody {
		return Status(413, fmt.Errorf("body of %d bytes, limit %d", len(req.Body()), maxBody))
	}
	if tags := unsupported(req); len(tags) > 0 {
		return Status(420, fmt.Errorf("unsupported option tags %v", tags))
	}
	if req.IsInvite() {
		return checkInvite(req)
	}
	return nil
}

func checkHeaders(req *sip.Request) error {
	switch {
	case req.SipVersion != "SIP/2.0":
		return Status(505, fmt.Errorf("version %q", req.SipVersion))
	case callID(req) == "":
		return badRequest("Missing Call-ID")
	case req.From() == nil:
		return badRequest("Missing From")
	case fromTag(req) == "":
		return badRequest("Missing From tag")
	case req.To() == nil:
		return badRequest("Missing To")
	case req.CSeq() == nil:
		return badRequest("Missing CSeq")
	case req.CSeq().MethodName != req.Method:
		return badRequest("CSeq method mismatch")
	}
	return nil
}

func checkInvite(req *sip.Request) error {
	c := req.Contact()
	if c == nil || c.Address.Wildcard || c.Address.Host == "" {
		return badRequest("Missing or invalid Contact")
	}
	if len(req.Body()) > 0 && !offerType(contentType(req)) {
		return Status(415, fmt.Errorf("INVITE body of type %q", contentType(req)))
	}
	return nil
}

// unsupported returns the Require option tags we do not implement; ACK and
// CANCEL are exempt (RFC 3261 §8.2.2.3).
func unsupported(req *sip.Request) []string {
	if req.IsAck() || req.IsCancel() {
		return nil
	}
	var out []string
	for _, t := range tokens(req, "Require") {
		if !supported[t] {
			out = append(out, t)
		}
	}
	return out
}

// offerType reports whether an INVITE or UPDATE body of this type can be
// an offer: SDP, or a multipart/mixed body (SIPREC) a BodyLeg reads.
func offerType(ct string) bool {
	mt := mediaType(ct)
	return mt == "application/sdp" || mt == multipartMixed
}

func badRequest(reason string) error {
	return &StatusError{Code: 400, Reason: reason, Err: errors.New(reason)}
}
