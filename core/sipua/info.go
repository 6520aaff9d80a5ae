package sipua

import (
	"fmt"
	"slices"

	"github.com/emiago/sipgo/sip"
)

// HandleInfo routes in-dialog INFO requests whose Content-Type media type is
// contentType (compared case-insensitively, parameters ignored) to h; a nil
// h removes the route. INFO of an unrouted type is answered 415 with Accept.
func (u *UA) HandleInfo(contentType string, h InfoHandler) {
	key := mediaType(contentType)
	u.infoMu.Lock()
	defer u.infoMu.Unlock()
	if h == nil {
		delete(u.info, key)
		return
	}
	u.info[key] = h
}

// infoHandler returns the handler for a Content-Type value, or nil.
func (u *UA) infoHandler(contentType string) InfoHandler {
	u.infoMu.RLock()
	defer u.infoMu.RUnlock()
	return u.info[mediaType(contentType)]
}

// infoTypes returns the routed media types, sorted.
func (u *UA) infoTypes() []string {
	u.infoMu.RLock()
	defer u.infoMu.RUnlock()
	out := make([]string, 0, len(u.info))
	for t := range u.info {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// onInfo serves INFO: 481 outside a known dialog, 200 for an empty body
// (keep-alive), else the handler registered for the Content-Type or 415.
func (u *UA) onInfo(req *sip.Request, tx sip.ServerTransaction) {
	d, err := u.inDialog(req)
	if err != nil {
		u.reject(req, tx, err)
		return
	}
	if len(req.Body()) == 0 {
		_ = u.respond(req, tx, 200, "", nil)
		return
	}
	ct := contentType(req)
	h := u.infoHandler(ct)
	if h == nil {
		u.reject(req, tx, Status(415, fmt.Errorf("INFO body of type %q", ct)))
		return
	}
	status, rtype, rbody := h(u.ctx, d, ct, req.Body())
	u.infoReply(req, tx, status, rtype, rbody)
}

// infoReply sends the handler's answer; an invalid status becomes 500.
func (u *UA) infoReply(req *sip.Request, tx sip.ServerTransaction, status int, rtype string, rbody []byte) {
	if status < 200 || status > 699 {
		u.reject(req, tx, fmt.Errorf("sipua: INFO handler returned status %d", status))
		return
	}
	var hdrs []sip.Header
	if len(rbody) > 0 && rtype != "" {
		hdrs = append(hdrs, sip.NewHeader("Content-Type", rtype))
	}
	if status >= 300 {
		u.log.Info("sip request rejected", "method", "INFO", "call_id", callID(req), "status", status)
	}
	_ = u.respond(req, tx, status, "", rbody, hdrs...)
}
