package proxy

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/rm"
)

// errSilent: an MCP sent nothing within FailoverTimeout.
var errSilent = errors.New("proxy: no response within the failover timeout")

// attempt sends c's INVITE to n and relays what comes back. It returns
// true when the INVITE is finished (a final answer went upstream, or
// upstream cancelled) and false to try the next MCP.
func (p *Proxy) attempt(c *inviteCall, n *rm.Node) bool {
	out := p.inviteFor(c, n)
	ctr, err := p.cli.TransactionRequest(p.ctx, out, keep)
	if len(c.tried) == 1 {
		p.obs.Forwarded(time.Since(c.start))
	}
	if err != nil {
		p.failover(c, n, err)
		return false
	}
	return p.await(c, n, out, ctr)
}

// inviteFor builds the INVITE for MCP n, over its transport: Request-URI
// pointed at it with the profile, Record-Route, no Route, our Via.
func (p *Proxy) inviteFor(c *inviteCall, n *rm.Node) *sip.Request {
	out := p.prepare(c.req, n.Addr, cmp.Or(n.Transport, c.req.Transport()), true)
	host, port, _ := net.SplitHostPort(n.Addr)
	portNum, _ := strconv.Atoi(port)
	rewriteURI(&out.Recipient, host, portNum, c.t.choice.Profile)
	return out
}

// await relays the responses of one attempt until it is decided.
func (p *Proxy) await(c *inviteCall, n *rm.Node, out *sip.Request, ctr sip.ClientTransaction) bool {
	// One timer: FailoverTimeout until the first response, then the rest
	// of InviteTimeout (validate ensures InviteTimeout >= FailoverTimeout).
	start := time.Now()
	timer := time.NewTimer(p.cfg.FailoverTimeout)
	defer timer.Stop()
	heard := false
	for {
		select {
		case res := <-ctr.Responses():
			if !heard {
				heard = true
				timer.Reset(p.cfg.InviteTimeout - time.Since(start))
			}
			if done, decided := p.onResponse(c, n, ctr, res); decided {
				return done
			}
		case <-timer.C:
			if !heard {
				p.failover(c, n, errSilent)
				p.abandon(out, ctr, false)
				return false
			}
			p.failover(c, n, fmt.Errorf("%w: no final answer in %s", ErrUnreachable, p.cfg.InviteTimeout))
			p.abandon(out, ctr, true)
			return false
		case <-c.cancel:
			p.obs.Attempt(n, "cancelled")
			p.abandon(out, ctr, heard)
			return true
		case <-ctr.Done():
			p.failover(c, n, ctr.Err())
			return false
		}
	}
}

// onResponse handles one response of an attempt; decided is false for
// provisional ones, done says whether the INVITE is finished.
func (p *Proxy) onResponse(c *inviteCall, n *rm.Node, ctr sip.ClientTransaction, res *sip.Response) (done, decided bool) {
	code := res.StatusCode
	switch {
	case code == 100:
		return false, false
	case code < 200:
		p.relayResponse(c.req, c.tx, res)
		return false, false
	case code >= 500 || code == 408:
		c.lastRes = res
		p.honourRetryAfter(n, res)
		n.CountInvite(true)
		p.obs.Attempt(n, "failover")
		p.log.Info("mcp refused invite, failing over", "mcp", n.Addr, "status", code, "call_id", callID(c.req))
		return false, true
	case code < 300:
		p.established(c, n, ctr, res)
		return true, true
	}
	n.CountInvite(false)
	p.obs.Attempt(n, "answered")
	p.relayResponse(c.req, c.tx, res)
	return true, true
}

// established registers the dialog an MCP's 2xx created and relays the
// 2xx (and its retransmissions) upstream.
func (p *Proxy) established(c *inviteCall, n *rm.Node, ctr sip.ClientTransaction, res *sip.Response) {
	n.CountInvite(false)
	p.obs.Attempt(n, "answered")
	p.dialogs.add(newDialog(c.req, res, n, c.t.key))
	ctr.OnRetransmission(func(r *sip.Response) { p.relayResponse(c.req, c.tx, r) })
	p.relayResponse(c.req, c.tx, res)
}

// failover counts a failed attempt on n that got no answer.
func (p *Proxy) failover(c *inviteCall, n *rm.Node, err error) {
	n.CountInvite(true)
	p.obs.Attempt(n, "failover")
	if p.deps.Health != nil {
		p.deps.Health.Report(n, err)
	}
	p.log.Info("mcp did not answer invite, failing over", "mcp", n.Addr, "call_id", callID(c.req), "error", err)
}

// abandon gives up an INVITE transaction: CANCEL when the MCP answered
// provisionally (RFC 3261 §9.1), then it drains the transaction so that a
// 2xx that crossed the CANCEL is ACKed and hung up; without an answer the
// transaction just ends (a late answer reaches onStray).
func (p *Proxy) abandon(out *sip.Request, ctr sip.ClientTransaction, heard bool) {
	if !heard {
		ctr.Terminate()
		return
	}
	go p.sendCancel(out)
	go func() {
		for {
			select {
			case res := <-ctr.Responses():
				if res.IsSuccess() {
					p.hangUpStray(res)
				}
			case <-ctr.Done():
				return
			case <-p.ctx.Done():
				ctr.Terminate()
				return
			}
		}
	}()
}

// maxRetryAfter caps the pause a Retry-After can ask for: an MCP that is
// back sooner answers the health checks, and a typo must not idle a node
// for a day.
const maxRetryAfter = 10 * time.Minute

// honourRetryAfter pauses new calls to n for a 503's Retry-After. Other
// statuses and unreadable values change nothing.
func (p *Proxy) honourRetryAfter(n *rm.Node, res *sip.Response) {
	h := res.GetHeader("Retry-After")
	if res.StatusCode != 503 || h == nil {
		return
	}
	d, ok := retryAfter(h.Value())
	if !ok {
		return
	}
	n.Pause(time.Now().Add(d))
	p.log.Info("mcp asked for a pause: no new calls to it", "mcp", n.Addr, "retry_after", d)
}

// retryAfter reads a Retry-After value: delta-seconds, then an optional
// comment and parameters, which are ignored (RFC 3261 §20.33). Zero or
// unreadable is false; the result is at most maxRetryAfter.
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " \t(;"); i >= 0 {
		v = v[:i]
	}
	secs, err := strconv.ParseUint(v, 10, 32)
	if err != nil || secs == 0 {
		return 0, false
	}
	return min(time.Duration(secs)*time.Second, maxRetryAfter), true
}
