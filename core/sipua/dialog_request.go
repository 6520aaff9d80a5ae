package sipua

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// SendInfo sends an INFO with body of contentType in the dialog (e.g. the
// MSML msml.dialog.exit event) and waits for the final response: nil for 2xx,
// a StatusError wrapping ErrRejected for a failure response.
func (d *Dialog) SendInfo(ctx context.Context, contentType string, body []byte) error {
	if err := d.live(); err != nil {
		return err
	}
	_, err := d.request(ctx, sip.INFO, contentType, body)
	return err
}

// Bye ends the dialog: Leg.Close(ReasonLocalBye), then a BYE whose answer
// it waits for (bounded by ctx and 64·T1). ErrDialogGone if already ended.
func (d *Dialog) Bye(ctx context.Context) error {
	return d.ua.hangup(ctx, d, ReasonLocalBye)
}

// live reports whether in-dialog requests can be sent now.
func (d *Dialog) live() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch d.state {
	case stateEarly:
		return ErrEarly
	case stateEnded:
		return ErrDialogGone
	}
	return nil
}

// request sends an in-dialog request (§12.2.1.1) and returns its final
// response; a failure response comes with a StatusError.
func (d *Dialog) request(ctx context.Context, method sip.RequestMethod, ct string, body []byte, hdrs ...sip.Header) (*sip.Response, error) {
	req := d.newRequest(method, ct, body, hdrs...)
	res, err := d.ua.cli.Do(ctx, req, sipgo.ClientRequestAddVia)
	if err != nil {
		return nil, fmt.Errorf("sipua: %s: %w", method, err)
	}
	if res.StatusCode >= 300 {
		return res, &StatusError{Code: res.StatusCode, Reason: res.Reason, Err: ErrRejected}
	}
	return res, nil
}

// newRequest builds an in-dialog request from the dialog state.
func (d *Dialog) newRequest(method sip.RequestMethod, ct string, body []byte, hdrs ...sip.Header) *sip.Request {
	d.mu.Lock()
	d.localCSeq++
	cseq, target := d.localCSeq, d.target
	d.mu.Unlock()

	req := sip.NewRequest(method, *target.Clone())
	req.SetTransport(d.transport)
	from, to, id := d.local, d.remote, sip.CallIDHeader(d.callID)
	maxfwd := sip.MaxForwardsHeader(70)
	req.AppendHeader(sip.HeaderClone(&from))
	req.AppendHeader(sip.HeaderClone(&to))
	req.AppendHeader(&id)
	req.AppendHeader(&sip.CSeqHeader{SeqNo: cseq, MethodName: method})
	req.AppendHeader(&maxfwd)
	for _, r := range d.routes {
		req.AppendHeader(&sip.RouteHeader{Address: *r.Clone()})
	}
	req.AppendHeader(d.ua.contact(d.transport))
	req.AppendHeader(sip.NewHeader("User-Agent", d.ua.cfg.UserAgent))
	for _, h := range hdrs {
		req.AppendHeader(h)
	}
	if len(body) > 0 {
		req.AppendHeader(sip.NewHeader("Content-Type", ct))
	}
	req.SetBody(body)
	req.SetDestination(d.destination(target))
	return req
}

// destination is where an in-dialog request goes: the first route (loose
// routing, RFC 3261 §16.12.1.2) or the remote target. Over TCP without a
// route set, the connection the INVITE came on is reused while it is open.
func (d *Dialog) destination(target sip.Uri) string {
	if len(d.routes) > 0 {
		return hostPort(d.routes[0], d.transport)
	}
	if sip.IsReliable(d.transport) && d.ua.connected(d.transport, d.source) {
		return d.source
	}
	return hostPort(target, d.transport)
}

// connected reports whether sipgo holds a connection to addr.
func (u *UA) connected(transport, addr string) bool {
	c, err := u.sua.TransportLayer().GetConnection(transport, addr)
	if err != nil || c == nil {
		return false
	}
	_, _ = c.TryClose() // GetConnection took a reference
	return true
}

// hostPort returns the host:port of a SIP URI, with the transport's
// default port when none is given.
func hostPort(u sip.Uri, transport string) string {
	port := u.Port
	if port == 0 {
		port = sip.DefaultPort(transport)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(u.Host, "["), "]")
	return net.JoinHostPort(host, strconv.Itoa(port))
}
