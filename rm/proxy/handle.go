package proxy

import (
	"context"
	"log/slog"
	"net"
	"runtime/debug"
	"strconv"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// allow lists what the proxy handles outside dialogs (Allow header).
const allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE"

func (p *Proxy) routes() {
	p.srv.OnAck(p.guard(p.onAck))
	p.srv.OnCancel(p.guard(p.onCancel))
	p.srv.OnNoRoute(p.guard(p.onRequest)) // every other method
}

// guard wraps h: it tracks the handler for shutdown, validates the request
// and turns a panic into a 500, so no input can crash the proxy.
func (p *Proxy) guard(h func(*sip.Request, sip.ServerTransaction)) sipgo.RequestHandler {
	return func(req *sip.Request, tx sip.ServerTransaction) {
		if !p.enter() {
			return
		}
		defer p.inflight.Done()
		defer p.recoverPanic(req, tx)
		if !p.admit(req, tx) {
			return
		}
		if err := check(req); err != nil {
			if !req.IsAck() {
				p.reject(req, tx, err)
			}
			return
		}
		h(req, tx)
	}
}

func (p *Proxy) enter() bool {
	p.hmu.Lock()
	defer p.hmu.Unlock()
	if p.stopped {
		return false
	}
	p.inflight.Add(1)
	return true
}

func (p *Proxy) recoverPanic(req *sip.Request, tx sip.ServerTransaction) {
	if r := recover(); r != nil {
		p.log.Error("sip handler panic", "method", string(req.Method), "call_id", callID(req),
			"panic", r, "stack", string(debug.Stack()))
		if !req.IsAck() {
			p.respond(req, tx, 500, "Server Internal Error")
		}
	}
}

// onRequest handles every method but ACK and CANCEL.
func (p *Proxy) onRequest(req *sip.Request, tx sip.ServerTransaction) {
	if err := checkHops(req); err != nil {
		p.reject(req, tx, err)
		return
	}
	switch {
	case toTag(req) != "":
		p.inDialog(req, tx)
	case req.IsInvite():
		p.onInvite(req, tx)
	case req.Method == sip.OPTIONS:
		p.onOptions(req, tx)
	default:
		p.reject(req, tx, ErrNotAllowed)
	}
}

// onCancel sees only CANCELs that match no INVITE (sipgo answers the rest).
func (p *Proxy) onCancel(req *sip.Request, tx sip.ServerTransaction) {
	p.reject(req, tx, ErrDialogGone)
}

// onOptions answers an out-of-dialog OPTIONS: SIP Server's check of the RM.
func (p *Proxy) onOptions(req *sip.Request, tx sip.ServerTransaction) {
	if p.draining.Load() {
		p.reject(req, tx, ErrDraining)
		return
	}
	p.respond(req, tx, 200, "OK", sip.NewHeader("Allow", allow))
}

// respond answers req with a response of our own.
func (p *Proxy) respond(req *sip.Request, tx sip.ServerTransaction, code int, reason string, hdrs ...sip.Header) {
	var res *sip.Response
	if code == 100 {
		res = trying(req)
	} else {
		res = sip.NewResponseFromRequest(req, code, reason, nil)
	}
	if p.server != nil {
		res.AppendHeader(p.server)
	}
	for _, h := range hdrs {
		res.AppendHeader(h)
	}
	if err := tx.Respond(res); err != nil {
		p.log.Debug("sip response not sent", "call_id", callID(req), "status", code, "error", err)
	}
	if code >= 200 {
		p.obs.Answered(string(req.Method), code)
	}
}

// trying is sip.NewResponseFromRequest(req, 100, "Trying", nil) without
// its clones: the 100 shares req's Via, From, To, Call-ID, CSeq and
// Timestamp headers, except a top Via whose empty rport it fills in
// (RFC 3581), which it clones. Neither message changes them afterwards.
func trying(req *sip.Request) *sip.Response {
	res := sip.NewResponse(100, "Trying")
	res.SipVersion = req.SipVersion
	top := true
	for _, h := range req.Headers() {
		if v, ok := h.(*sip.ViaHeader); ok {
			if top {
				h, top = withRport(v, req.Source()), false
			}
			res.AppendHeader(h)
		}
	}
	if h := req.From(); h != nil {
		res.AppendHeader(h)
	}
	if h := req.To(); h != nil {
		res.AppendHeader(h)
	}
	if h := req.CallID(); h != nil {
		res.AppendHeader(h)
	}
	if h := req.CSeq(); h != nil {
		res.AppendHeader(h)
	}
	for _, h := range req.Headers() {
		if asciiEqualFold(h.Name(), "timestamp") {
			res.AppendHeader(h)
		}
	}
	res.SetBody(nil)
	res.SetTransport(req.Transport())
	res.SetDestination(req.Source())
	return res
}

// withRport is v, or a clone of it with rport and received set to source
// when v has an empty rport.
func withRport(v *sip.ViaHeader, source string) *sip.ViaHeader {
	if rp, ok := v.Params.Get("rport"); !ok || rp != "" {
		return v
	}
	host, port, _ := net.SplitHostPort(source)
	v = v.Clone()
	v.Params.Add("rport", port)
	v.Params.Add("received", host)
	return v
}

// reject answers req with the status err maps to.
func (p *Proxy) reject(req *sip.Request, tx sip.ServerTransaction, err error) {
	code, reason := statusOf(err)
	level := slog.LevelDebug
	if code >= 500 {
		level = slog.LevelInfo
	}
	p.log.Log(context.Background(), level, "sip request rejected", "method", string(req.Method),
		"call_id", callID(req), "status", code, "error", err)
	var hdrs []sip.Header
	switch code {
	case 405:
		hdrs = append(hdrs, sip.NewHeader("Allow", allow))
	case 503:
		hdrs = append(hdrs, sip.NewHeader("Retry-After", strconv.Itoa(5)))
	}
	p.respond(req, tx, code, reason, hdrs...)
}
