package proxy

import (
	"fmt"
	"sync"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/rm"
)

// inviteCall is one initial INVITE on its way through the MCPs.
type inviteCall struct {
	req     *sip.Request
	tx      sip.ServerTransaction
	t       target
	group   *rm.Group
	start   time.Time
	cancel  chan struct{} // closed by onCancel
	once    sync.Once     // guards close(cancel)
	tried   []*rm.Node
	lastRes *sip.Response // the last 5xx/408 an MCP sent, for the final answer
}

// onInvite handles an initial INVITE: 100 Trying, profile, MCP, failover.
func (p *Proxy) onInvite(req *sip.Request, tx sip.ServerTransaction) {
	c := &inviteCall{req: req, tx: tx, start: time.Now(), cancel: make(chan struct{})}
	p.respond(req, tx, 100, "Trying")
	if p.draining.Load() {
		p.reject(req, tx, ErrDraining)
		return
	}
	var err error
	if c.t, err = selectTarget(req, p.deps.Profiles); err != nil {
		p.reject(req, tx, err)
		return
	}
	if c.group, err = p.deps.Pool.Group(c.t.choice.Group); err != nil {
		p.reject(req, tx, fmt.Errorf("%w: %w", ErrNoMCP, err))
		return
	}
	p.obs.Profile(c.t.choice.Rule)
	tx.OnCancel(c.onCancel)
	p.tryAll(c)
}

// onCancel runs when upstream sent CANCEL (once or more).
func (c *inviteCall) onCancel(*sip.Request) { c.once.Do(func() { close(c.cancel) }) }

// tryAll sends the INVITE to one MCP after the other until one answers
// with something other than 5xx or 408, or the attempts run out. An MCP
// that takes no new calls by this RM's view (full, draining, paused) is
// tried only for a leg that may belong to a call it holds, and such a try
// does not count against MaxAttempts: the MCP refuses it at once when the
// call is not there.
func (p *Proxy) tryAll(c *inviteCall) {
	for attempts := 0; attempts < p.cfg.MaxAttempts; {
		n := p.deps.Picker.Pick(c.group, c.t.key, c.tried)
		if n == nil {
			break
		}
		if n.Available() {
			attempts++
		}
		c.tried = append(c.tried, n)
		if p.attempt(c, n) {
			return
		}
		select {
		case <-c.cancel:
			return
		default:
		}
	}
	p.giveUp(c)
}

// giveUp answers upstream after every attempt failed: the last MCP's
// failure if there was one, else 503.
func (p *Proxy) giveUp(c *inviteCall) {
	if c.lastRes != nil {
		p.relayResponse(c.req, c.tx, c.lastRes)
		return
	}
	p.reject(c.req, c.tx, fmt.Errorf("%w: group %q, %d tried", ErrNoMCP, c.group.Name, len(c.tried)))
}
