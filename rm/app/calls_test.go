package app_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/harness/sipemu"
)

// call is a two-leg 3PCC call as SIP Server places it: one dialog per
// party, both with the same conf-id, each through the RM given.
type call struct {
	conf    string
	legs    [2]*sipemu.Leg
	parties [2]*sipemu.Party
	on      [2]*mcpProc // where each leg landed, from its SDP answer's port
}

// placeCall sets up both legs: INVITE with the party's offer, then the
// re-INVITE without SDP. Leg i goes through rms[i].
func placeCall(ctx context.Context, emu *sipemu.Emulator, conf string, rms [2]*testRM, mcps []*mcpProc, hdrs ...sip.Header) (*call, error) {
	c := &call{conf: conf}
	for i := range 2 {
		if err := c.placeLeg(ctx, emu, i, rms[i], mcps, hdrs...); err != nil {
			return c, err
		}
	}
	return c, nil
}

// placeLeg sets up leg i of the call through r.
func (c *call) placeLeg(ctx context.Context, emu *sipemu.Emulator, i int, r *testRM, mcps []*mcpProc, hdrs ...sip.Header) error {
	return c.placeLegAt(ctx, emu, i, r.sip, "", mcps, hdrs...)
}

// placeLegAt sets up leg i of the call through the RM at hostport, with
// more Request-URI parameters (";transport=tls").
func (c *call) placeLegAt(ctx context.Context, emu *sipemu.Emulator, i int, hostport, params string, mcps []*mcpProc, hdrs ...sip.Header) error {
	p, err := sipemu.NewParty(0, uint32(0x1000+i))
	if err != nil {
		return err
	}
	c.parties[i] = p
	uri := fmt.Sprintf("sip:msml=%s@%s;dn=70%02d;record;gvp-tenant-id=acme;media-service=record%s", c.conf, hostport, i, params)
	l, err := emu.Invite(ctx, uri, p, hdrs...)
	if err != nil {
		return fmt.Errorf("%s leg %d INVITE: %w", c.conf, i, err)
	}
	c.legs[i] = l
	if err := l.ThirdPartyReinvite(ctx); err != nil {
		return fmt.Errorf("%s leg %d re-INVITE: %w", c.conf, i, err)
	}
	c.on[i] = landedOn(l, mcps)
	return nil
}

// landedOn finds the MCP whose RTP range holds the leg's answered port.
func landedOn(l *sipemu.Leg, mcps []*mcpProc) *mcpProc {
	ap, err := sipemu.MediaAddr(l.Answer())
	if err != nil {
		return nil
	}
	for _, m := range mcps {
		if m.owns(int(ap.Port())) {
			return m
		}
	}
	return nil
}

// hangUp sends BYE on both legs and closes the parties.
func (c *call) hangUp(ctx context.Context) error {
	var err error
	for i, l := range c.legs {
		if l != nil {
			if e := l.Bye(ctx); e != nil && err == nil {
				err = fmt.Errorf("%s leg %d BYE: %w", c.conf, i, e)
			}
		}
	}
	c.close()
	return err
}

// close closes the parties; a second call does nothing.
func (c *call) close() {
	for i, p := range c.parties {
		if p != nil {
			p.Close()
			c.parties[i] = nil
		}
	}
}

// talk sends seconds of silence-free µ-law from both parties, paced.
func (c *call) talk(seconds int) error {
	frame := make([]byte, 160)
	for i := range frame {
		frame[i] = byte(0x20 + i%64)
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for n := 0; n < seconds*50; n++ {
		for _, p := range c.parties {
			if err := p.SendFrame(frame, n == 0); err != nil {
				return err
			}
		}
		<-tick.C
	}
	return nil
}

// runCalls places n calls with conc workers; each call is set up by
// placeCall and handed to then (which hangs it up or keeps it). Errors
// are returned joined, the first ten of them.
func runCalls(n, conc int, place func(i int) (*call, error), then func(*call) error) ([]*call, []error) {
	var mu sync.Mutex
	var calls []*call
	var errs []error
	work := make(chan int)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for i := range work {
				c, err := place(i)
				if err == nil && then != nil {
					err = then(c)
				} else if err != nil {
					c.close()
				}
				mu.Lock()
				if err != nil && len(errs) < 10 {
					errs = append(errs, err)
				}
				if err == nil {
					calls = append(calls, c)
				}
				mu.Unlock()
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return calls, errs
}
