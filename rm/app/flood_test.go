package app_test

import (
	"errors"
	"github.com/emiago/sipgo"

	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/status"
)

// flood sends n INVITEs from a UDP socket bound to src to the RM at dst
// and counts the final statuses that come back, by code. Refusals are
// stateless (never retransmitted), so each counts one INVITE.
type flood struct {
	conn   *net.UDPConn
	counts [700]atomic.Int64
}

func startFlood(t *testing.T, src, dst string, n int) *flood {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(src)})
	if err != nil {
		t.Fatal(err)
	}
	f := &flood{conn: conn}
	t.Cleanup(func() { _ = conn.Close() })
	go f.read()
	to, _ := net.ResolveUDPAddr("udp4", dst)
	for i := range n {
		if _, err := conn.WriteToUDP(floodInvite(conn.LocalAddr().String(), dst, i), to); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func floodInvite(from, to string, i int) []byte {
	return fmt.Appendf(nil, "INVITE sip:flood-%d@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-flood-%d\r\n"+
		"From: <sip:flood@%s>;tag=f%d\r\nTo: <sip:flood@%s>\r\nCall-ID: flood-%d-%s\r\nCSeq: 1 INVITE\r\n"+
		"Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", i, to, from, i, from, i, to, i, from)
}

var statusLine = regexp.MustCompile(`^SIP/2\.0 (\d{3}) `)

func (f *flood) read() {
	buf := make([]byte, 65535)
	for {
		n, _, err := f.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if m := statusLine.FindSubmatch(buf[:n]); m != nil {
			code, _ := strconv.Atoi(string(m[1]))
			f.counts[code].Add(1)
		}
	}
}

// refused reads reel_sip_refused_total for transport and reason from /metrics.
func refused(t *testing.T, r *testRM, transport, reason string) int {
	t.Helper()
	res, err := http.Get("http://" + r.HTTPAddr() + status.PathMetrics)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	want := fmt.Sprintf(`reel_sip_refused_total{reason="%s",transport="%s"} `, reason, transport)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, want); ok {
			n, _ := strconv.ParseFloat(v, 64)
			return int(n)
		}
	}
	return 0
}

// While one source not allowed floods the RM with INVITEs and an allowed
// one floods it far over its INVITE rate, a call from SIP Server goes
// through; the floods are answered 403 and 503, counted, and none of the
// first reaches the MCP.
func TestFloodsAreRefusedWhileAllowedCallsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a reel-mcp process")
	}
	mcp := startMCP(t)
	r := startRM(t, config.PolicyLeastCalls, []*mcpProc{mcp}, []int{200}, func(c *config.RM) {
		c.SIP.Admission.Allow = []string{"127.0.0.1", "127.0.0.3"}
		c.SIP.Admission.InviteRate, c.SIP.Admission.InviteBurst = 5, 5
		// The floods slow the machine, not the MCP: no failover on a slow
		// 100 Trying, no health check timing out (an MCP down is a 503).
		c.Proxy.FailoverTimeout = c.Proxy.InviteTimeout
		c.Health.Interval = 0
	})
	emu := newEmu(t, r.sip)
	const n = 1000
	outsider := startFlood(t, "127.0.0.2", r.sip, n)
	greedy := startFlood(t, "127.0.0.3", r.sip, n)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := placeCall(ctx, emu, "flood-ok", [2]*testRM{r, r}, []*mcpProc{mcp})
	defer c.close()
	if err != nil {
		var de *sipgo.ErrDialogResponse
		if errors.As(err, &de) {
			t.Logf("the answer:\n%s", de.Res.String())
		}
		t.Fatalf("allowed call during the floods: %v", err)
	}
	if err := c.hangUp(ctx); err != nil {
		t.Fatal(err)
	}
	// Datagrams may be lost under load; wait until the answers settle.
	deadline := time.Now().Add(20 * time.Second)
	for outsider.counts[403].Load() == 0 || greedy.counts[503].Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no 403 (%d) or no 503 (%d) to the floods", outsider.counts[403].Load(), greedy.counts[503].Load())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for code := range outsider.counts {
		if got := outsider.counts[code].Load(); got > 0 && code != 403 {
			t.Errorf("the source not allowed got %d × %d", got, code)
		}
	}
	if src := refused(t, r, "UDP", "source"); src < int(outsider.counts[403].Load()) {
		t.Errorf("reel_sip_refused_total source %d, below the %d 403s sent", src, outsider.counts[403].Load())
	}
	if rate := refused(t, r, "UDP", "rate"); rate < int(greedy.counts[503].Load()) {
		t.Errorf("reel_sip_refused_total rate %d, below the %d 503s sent", rate, greedy.counts[503].Load())
	}
	res, err := http.Get("http://" + r.HTTPAddr() + status.PathHealth)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz after the floods: %v %v", res, err)
	}
	res.Body.Close()
}
