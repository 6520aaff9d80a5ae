package sipua

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// allow is what this UA implements (Allow header).
const allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE"

// handler is a request handler of this package.
type handler func(req *sip.Request, tx sip.ServerTransaction)

// guard wraps h: it tracks the handler for Serve's shutdown, validates the
// request and turns a panic into a 500 so no input can crash the process.
func (u *UA) guard(h handler) sipgo.RequestHandler {
	return func(req *sip.Request, tx sip.ServerTransaction) {
		if !u.enter() {
			return
		}
		defer u.inflight.Done()
		defer u.recoverPanic(req, tx)
		if !u.gate(req, tx) {
			return
		}
		if err := checkRequest(req, u.cfg.MaxBody); err != nil {
			if req.IsAck() {
				u.log.Info("sip ack dropped", "call_id", callID(req), "error", err)
				return
			}
			u.reject(req, tx, err)
			return
		}
		h(req, tx)
	}
}

// enter registers a running handler unless the UA has stopped.
func (u *UA) enter() bool {
	u.hmu.Lock()
	defer u.hmu.Unlock()
	if u.stopped {
		return false
	}
	u.inflight.Add(1)
	return true
}

func (u *UA) recoverPanic(req *sip.Request, tx sip.ServerTransaction) {
	r := recover()
	if r == nil {
		return
	}
	u.log.Error("sip handler panic", "method", string(req.Method), "call_id", callID(req),
		"status", 500, "panic", r, "stack", string(debug.Stack()))
	if !req.IsAck() {
		_ = u.respond(req, tx, 500, "", nil)
	}
}

// respond sends a response to req with our Server header and extra headers.
func (u *UA) respond(req *sip.Request, tx sip.ServerTransaction, code int, reason string, body []byte, hdrs ...sip.Header) error {
	return u.send(req, tx, u.response(req, code, reason, body, hdrs...))
}

// send passes res to tx and logs a failure, the one log line of a response
// that did not go out. A final response too large for a datagram is
// replaced by a 513 sent without the transaction, which the failure ended.
func (u *UA) send(req *sip.Request, tx sip.ServerTransaction, res *sip.Response) error {
	err := tx.Respond(res)
	if err == nil || errors.Is(err, sip.ErrTransactionCanceled) {
		return err
	}
	u.log.Warn("sip response not sent", "method", string(req.Method), "call_id", callID(req),
		"status", res.StatusCode, "bytes", len(res.Body()), "error", err)
	if res.StatusCode < 200 || !tooBig(err) {
		return err
	}
	if err := u.sua.TransportLayer().WriteMsg(u.response(req, 513, "", nil)); err != nil {
		u.log.Warn("sip response not sent", "method", string(req.Method), "call_id", callID(req),
			"status", 513, "error", err)
	}
	return err
}

// maxReason bounds a reason phrase we send; a longer one (a remote party's,
// relayed) is cut.
const maxReason = 64

func (u *UA) response(req *sip.Request, code int, reason string, body []byte, hdrs ...sip.Header) *sip.Response {
	if reason == "" {
		reason = reasonPhrase(code)
	}
	reason = truncate(reason, maxReason)
	res := sip.NewResponseFromRequest(req, code, reason, body)
	res.AppendHeader(sip.NewHeader("Server", u.cfg.UserAgent))
	for _, h := range hdrs {
		res.AppendHeader(h)
	}
	return res
}

// reject answers req with the final status err maps to, and logs it once.
func (u *UA) reject(req *sip.Request, tx sip.ServerTransaction, err error) {
	code, reason := statusOf(err)
	level := slog.LevelInfo
	if code >= 500 {
		level = slog.LevelWarn
	}
	u.log.Log(context.Background(), level, "sip request rejected", "method", string(req.Method),
		"call_id", callID(req), "status", code, "error", err)
	_ = u.respond(req, tx, code, reason, nil, u.decorate(req, code)...)
}

// decorate returns the headers a failure response of code must carry.
func (u *UA) decorate(req *sip.Request, code int) []sip.Header {
	switch code {
	case 405:
		return []sip.Header{sip.NewHeader("Allow", allow)}
	case 415:
		return []sip.Header{sip.NewHeader("Accept", u.accepts(req.Method))}
	case 422:
		return []sip.Header{u.minSEHeader()}
	case 420:
		tags := unsupported(req)
		if len(tags) == 0 {
			tags = []string{"timer"} // errTimerRequired
		}
		return []sip.Header{sip.NewHeader("Unsupported", strings.Join(tags, ", "))}
	case 503:
		return []sip.Header{u.retryAfter()}
	}
	return nil
}

func (u *UA) retryAfter() sip.Header {
	return sip.NewHeader("Retry-After", strconv.Itoa(int(u.cfg.RetryAfter.Seconds())))
}

// accepts returns the Accept value for method: SDP for INVITE, the
// registered types for INFO, both otherwise (OPTIONS).
func (u *UA) accepts(method sip.RequestMethod) string {
	types := []string{"application/sdp"}
	if method == sip.INVITE {
		return types[0]
	}
	if method == sip.INFO {
		types = types[:0]
	}
	return strings.Join(append(types, u.infoTypes()...), ", ")
}

// onUnsupported answers methods this UA does not implement.
func (u *UA) onUnsupported(req *sip.Request, tx sip.ServerTransaction) {
	u.reject(req, tx, Status(405, errors.New(string(req.Method)+" not implemented")))
}
