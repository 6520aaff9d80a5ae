package app

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

// In a capacity run the load generator's SIP socket received RTCP reports
// for one leg all call long: the emulated party had no RTCP port and the
// MCP sent RTCP to the port above the party's RTP port, which the SIP socket
// held. A SIP Server must never get RTP or RTCP on its SIP port: here a
// socket standing in for it holds the port above a party's RTP port, and the
// MCP's RTCP (the report a closing leg sends with its BYE) must reach the
// party's own RTCP port instead.
func TestRTCPReachesThePartyAndNeverThePortAboveItsRTPPort(t *testing.T) {
	_, addr := startMCP(t, nil)
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	party, sipServer := partyBelowASocket(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	leg, err := emu.Invite(ctx, "sip:msml=rtcp-port@"+addr+";dn=7001", party)
	if err != nil {
		t.Fatalf("INVITE: %v", err)
	}
	for i, frame := range chunks(audio(t, g711.MuLaw, 0, 1)) {
		if err := party.SendFrame(frame, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := leg.Bye(ctx); err != nil {
		t.Fatalf("BYE: %v", err)
	}
	waitFor(t, func() bool { return party.Stats().RTCP > 0 })
	buf := make([]byte, 1500)
	_ = sipServer.SetReadDeadline(time.Now()) // what arrived before the party's RTCP is queued by now
	if n, err := sipServer.Read(buf); err == nil {
		t.Fatalf("the socket above the party's RTP port got %d bytes: % x", n, buf[:min(n, 16)])
	}
}

// partyBelowASocket returns a party whose RTP port + 1 is held by the
// returned socket.
func partyBelowASocket(t *testing.T) (*sipemu.Party, *net.UDPConn) {
	t.Helper()
	for range 100 {
		p, err := sipemu.NewParty(0, 0x5151)
		if err != nil {
			t.Fatal(err)
		}
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: p.Port() + 1})
		if err != nil {
			p.Close()
			continue
		}
		t.Cleanup(func() { p.Close(); c.Close() })
		return p, c
	}
	t.Fatal("no party with a free port above its RTP port")
	return nil, nil
}

// chunks cuts G.711 audio into 20 ms frames.
func chunks(b []byte) [][]byte {
	var out [][]byte
	for len(b) >= 160 {
		out, b = append(out, b[:160]), b[160:]
	}
	return out
}
