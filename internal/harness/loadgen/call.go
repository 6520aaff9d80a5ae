package loadgen

import (
	"context"
	"fmt"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// call is one two-party call of the run.
type call struct {
	id      int
	parties [2]*sipemu.Party
	legs    [2]*sipemu.Leg
	offset  [2]int
	frames  int

	setup time.Duration // INVITE of the first leg to the ACK of the last
	held  time.Duration // media time between set-up and teardown
	stage string        // where it failed, "" when it did not
	err   error
}

// place runs the call: set-up, media for hold, teardown.
func (r *runner) place(ctx context.Context, id int) *call {
	c := &call{id: id}
	defer c.close()
	begin := time.Now()
	if err := c.open(ctx, r); err != nil {
		c.hangUp(r) // the legs that did get up
		return c
	}
	c.setup = time.Since(begin)
	r.pacer.add(c)
	start := time.Now()
	select {
	case <-time.After(r.cfg.Hold):
	case <-ctx.Done():
	}
	r.pacer.remove(c)
	c.held = time.Since(start)
	c.hangUp(r)
	return c
}

func (c *call) open(ctx context.Context, r *runner) error {
	if r.cfg.SIPREC {
		return c.openSIPREC(ctx, r)
	}
	uri := fmt.Sprintf("sip:msml=%s-%d@%s;dn=%d", r.cfg.Prefix, c.id, r.cfg.MCP, 7000+c.id%1000)
	if r.cfg.Transport != "udp" {
		uri += ";transport=" + r.cfg.Transport
	}
	if r.cfg.Record {
		uri += ";record"
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.newParties(r); err != nil {
		return err
	}
	for i, p := range c.parties {
		uuid := sip.NewHeader("X-Genesys-CallUUID", fmt.Sprintf("%s-%d", r.cfg.Prefix, c.id))
		var err error
		if c.legs[i], err = r.emu.Invite(sctx, uri, p, uuid); err != nil {
			return c.fail("invite", err)
		}
		if err := c.legs[i].ThirdPartyReinvite(sctx); err != nil {
			return c.fail("re-invite", err)
		}
	}
	return nil
}

// newParties opens both parties' RTP sockets, each starting elsewhere in
// the audio.
func (c *call) newParties(r *runner) error {
	for i := range c.parties {
		p, err := sipemu.NewLoadParty(0, uint32(c.id*2+i+1))
		if err != nil {
			return c.fail("rtp socket", err)
		}
		c.parties[i] = p
		if suite, ok := sdes.ParseSuite(r.cfg.SRTP); ok {
			if err := p.UseSRTP(suite); err != nil {
				return c.fail("srtp key", err)
			}
		}
		c.offset[i] = (c.id*7919 + i*40000) * g711.FrameBytes % len(r.pacer.audio)
	}
	return nil
}

// openSIPREC opens the call as one SIPREC session forking both parties.
func (c *call) openSIPREC(ctx context.Context, r *runner) error {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.newParties(r); err != nil {
		return err
	}
	uri := fmt.Sprintf("sip:srs@%s;transport=%s", r.cfg.MCP, r.cfg.Transport)
	var err error
	id := fmt.Sprintf("%s-%d", r.cfg.Prefix, c.id)
	if c.legs[0], err = r.emu.InviteSIPREC(sctx, uri, id, c.parties[:], sip.NewHeader("X-Genesys-CallUUID", id)); err != nil {
		return c.fail("invite", err)
	}
	return nil
}

func (c *call) fail(stage string, err error) error {
	c.stage, c.err = stage, err
	return err
}

// sendFrame takes what each party received since the last tick, then sends
// both parties' next packet; it returns packets sent and send errors.
func (c *call) sendFrame(audio []byte) (sent, errs int64) {
	for i, p := range c.parties {
		p.Poll()
		off := (c.offset[i] + c.frames*g711.FrameBytes) % len(audio)
		if p.SendFrame(audio[off:off+g711.FrameBytes], c.frames == 0) != nil {
			errs++
			continue
		}
		sent++
	}
	c.frames++
	return sent, errs
}

func (c *call) hangUp(r *runner) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, l := range c.legs {
		if l == nil {
			continue
		}
		if err := l.Bye(ctx); err != nil && c.err == nil {
			c.fail("bye", err)
		}
	}
}

func (c *call) close() {
	for _, p := range c.parties {
		if p != nil {
			p.Poll() // what arrived since the last tick
			_ = p.Close()
		}
	}
}
