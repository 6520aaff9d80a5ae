package app

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/harness/sipemu"
)

// BenchmarkCallSetup is SIP Server's full 3PCC flow for one two-party call
// (per party: INVITE with offer, 200, ACK; re-INVITE without SDP, 200 with
// our offer, ACK with the answer) and its teardown (two BYEs), against an
// in-process MCP over loopback UDP. cpu-ms/call is the CPU of the whole test
// process — MCP and emulator together — so it bounds the MCP's share.
func BenchmarkCallSetup(b *testing.B) {
	t := &testing.T{}
	m := newMCP(t, nil)
	stop := runMCP(t, m)
	defer stop()
	udp, _ := m.SIPAddr()
	addr := udp.String()
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	pa, _ := sipemu.NewParty(0, 1)
	pb, _ := sipemu.NewParty(8, 2)
	defer pa.Close()
	defer pb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	before := cpu()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		uri := fmt.Sprintf("sip:msml=bench%d@%s;dn=7001;record", i, addr)
		var legs []*sipemu.Leg
		for _, p := range []*sipemu.Party{pa, pb} {
			l, err := emu.Invite(ctx, uri, p)
			if err != nil {
				b.Fatal(err)
			}
			if err := l.ThirdPartyReinvite(ctx); err != nil {
				b.Fatal(err)
			}
			legs = append(legs, l)
		}
		for _, l := range legs {
			if err := l.Bye(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cpu()-before).Microseconds())/1000/float64(b.N), "cpu-ms/call")
}

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
