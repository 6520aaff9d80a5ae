package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/reel-project/reel/internal/harness/sipemu"
)

// firstCall is the two-party call of reelctl call.
type firstCall struct {
	emu     *sipemu.Emulator
	uuid    string // X-Genesys-CallUUID, the start of every file name
	conf    string // the conf-id
	audio   []byte
	parties [2]*sipemu.Party
	legs    [2]*sipemu.Leg
}

// dial opens both legs: INVITE with the party's offer, then the re-INVITE
// without SDP of third-party call control.
func (c *firstCall) dial(ctx context.Context, w io.Writer, rm string) error {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for i := range c.legs {
		p, err := sipemu.NewLoadParty(0, uint32(i+1))
		if err != nil {
			return err
		}
		c.parties[i] = p
		uri := fmt.Sprintf("sip:msml=%s@%s;dn=%d;record", c.conf, rm, 7001+i)
		fmt.Fprintf(w, "Request-URI (leg %d): %s\n", i+1, uri)
		if c.legs[i], err = c.emu.Invite(sctx, uri, p, c.callUUIDHeader()); err != nil {
			return err
		}
		if err := c.legs[i].ThirdPartyReinvite(sctx); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "call up: conf-id %s, CallUUID %s, both parties talking\n", c.conf, c.uuid)
	return nil
}

// talk sends the audio on both legs in 20 ms packets, each party from a
// different point of the file, until the returned stop is called.
func (c *firstCall) talk() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for n := 0; ; n++ {
			for i, p := range c.parties {
				p.Poll()
				off := (n*160 + i*len(c.audio)/2) % (len(c.audio) - len(c.audio)%160)
				_ = p.SendFrame(c.audio[off:off+160], n == 0)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// hangUp sends BYE on both legs.
func (c *firstCall) hangUp() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var first error
	for i, l := range c.legs {
		if l == nil {
			continue
		}
		if err := l.Bye(ctx); err != nil && first == nil {
			first = fmt.Errorf("BYE on leg %d: %w", i+1, err)
		}
		c.legs[i] = nil
	}
	return first
}

func (c *firstCall) close() {
	_ = c.hangUp()
	for _, p := range c.parties {
		if p != nil {
			_ = p.Close()
		}
	}
}
