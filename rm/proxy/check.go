package proxy

import (
	"fmt"

	"github.com/emiago/sipgo/sip"
)

// defaultMaxForwards is what a request without Max-Forwards starts with.
const defaultMaxForwards = 70

// check applies the RFC 3261 §16.3 checks sipgo leaves to the proxy. sipgo
// itself drops what it cannot parse and answers 400 to a request without
// Via or CSeq.
func check(req *sip.Request) error {
	switch {
	case req.SipVersion != "SIP/2.0":
		return fmt.Errorf("%w: %q", ErrVersion, req.SipVersion)
	case callID(req) == "":
		return badRequest("missing Call-ID")
	case req.From() == nil || fromTag(req) == "":
		return badRequest("missing From or its tag")
	case req.To() == nil:
		return badRequest("missing To")
	case req.CSeq() == nil || req.CSeq().MethodName != req.Method:
		return badRequest("CSeq method mismatch")
	case req.IsInvite() && toTag(req) == "" && (req.Contact() == nil || req.Contact().Address.Host == ""):
		return badRequest("INVITE without Contact")
	}
	return nil
}

// checkHops refuses a request whose Max-Forwards is used up (a loop).
func checkHops(req *sip.Request) error {
	if mf := req.MaxForwards(); mf != nil && mf.Val() == 0 {
		return fmt.Errorf("%w: Max-Forwards 0", ErrTooManyHops)
	}
	return nil
}

func callID(req *sip.Request) string {
	if h := req.CallID(); h != nil {
		return h.Value()
	}
	return ""
}

func fromTag(m sip.Message) string {
	if h := headerFrom(m); h != nil {
		t, _ := h.Params.Get("tag")
		return t
	}
	return ""
}

func toTag(m sip.Message) string {
	if h := headerTo(m); h != nil {
		t, _ := h.Params.Get("tag")
		return t
	}
	return ""
}

func headerFrom(m sip.Message) *sip.FromHeader {
	switch m := m.(type) {
	case *sip.Request:
		return m.From()
	case *sip.Response:
		return m.From()
	}
	return nil
}

func headerTo(m sip.Message) *sip.ToHeader {
	switch m := m.(type) {
	case *sip.Request:
		return m.To()
	case *sip.Response:
		return m.To()
	}
	return nil
}
