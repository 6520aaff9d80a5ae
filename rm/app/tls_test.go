package app_test

import (
	"context"
	"crypto/tls"
	"strconv"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/internal/testpki"
	"github.com/reel-project/reel/rm/config"
)

// tlsSetup is a CA and the certificates of one MCP, the RM and SIP Server.
type tlsSetup struct {
	ca                 *testpki.CA
	mcp, rm, sipserver *testpki.Key
}

func newTLSSetup(t *testing.T) tlsSetup {
	t.Helper()
	dir := t.TempDir()
	ca, err := testpki.NewCA(dir, "reel")
	if err != nil {
		t.Fatal(err)
	}
	s := tlsSetup{ca: ca}
	for _, k := range []struct {
		name string
		dst  **testpki.Key
	}{{"reel-mcp", &s.mcp}, {"reel-rm", &s.rm}, {"sipserver", &s.sipserver}} {
		if *k.dst, err = ca.Issue(dir, k.name); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// startTLSMCP starts a reel-mcp listening on UDP and on TLS (mutual),
// whose TLS address is returned.
func startTLSMCP(t *testing.T, s tlsSetup) (*mcpProc, string) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	m := startMCPFor(t, 20, "REEL_SIP_TRANSPORTS=udp,tls", "REEL_SIP_TLS_LISTEN="+addr,
		"REEL_SIP_TLS_CERT_FILE="+s.mcp.CertPath, "REEL_SIP_TLS_KEY_FILE="+s.mcp.KeyPath,
		"REEL_SIP_TLS_CA_FILE="+s.ca.CertPath, "REEL_SIP_TLS_VERIFY_CLIENTS=true")
	return m, addr
}

// tlsRM edits an RM config: TLS listener (mutual) and every MCP over TLS
// at mcpTLS.
func tlsRM(s tlsSetup, mcpTLS string) func(*config.RM) {
	return func(c *config.RM) {
		c.SIP.Transports = []string{"udp", "tls"}
		c.SIP.TLS = config.DefaultRM().SIP.TLS
		c.SIP.TLS.Listen, c.SIP.TLS.CertFile, c.SIP.TLS.KeyFile = "127.0.0.1:0", s.rm.CertPath, s.rm.KeyPath
		c.SIP.TLS.CAFile, c.SIP.TLS.VerifyClients = s.ca.CertPath, true
		for i := range c.Groups[0].MCPs {
			c.Groups[0].MCPs[i].Address, c.Groups[0].MCPs[i].Transport = mcpTLS, "tls"
		}
	}
}

// emuTLS returns SIP Server's TLS configurations; withCert: it presents
// its certificate as a client.
func emuTLS(s tlsSetup, withCert bool) (client, server *tls.Config) {
	pair, _ := tls.X509KeyPair(s.sipserver.CertPEM, s.sipserver.KeyPEM)
	client = &tls.Config{RootCAs: s.ca.Pool()}
	if withCert {
		client.Certificates = []tls.Certificate{pair}
	}
	return client, &tls.Config{Certificates: []tls.Certificate{pair}}
}

// The 3PCC flow over TLS: SIP Server (mutual TLS) → reel-rm → reel-mcp
// (mutual TLS), and a second leg of the same call over UDP to the RM and
// on over TLS (double Record-Route); both legs meet on the MCP, the
// health checks pass over TLS, and both BYEs find their way.
func TestThirdPartyCallControlOverTLSThroughTheRM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a reel-mcp process")
	}
	s := newTLSSetup(t)
	mcp, mcpTLS := startTLSMCP(t, s)
	mcps := []*mcpProc{mcp}
	r := startRM(t, config.PolicyLeastCalls, mcps, []int{20}, tlsRM(s, mcpTLS))
	rmTLS := r.SIPTLSAddr().String()
	waitState(t, 10*time.Second, mcpTLS, "up", r)

	cli, srv := emuTLS(s, true)
	emu, err := sipemu.NewTLS(rmTLS, cli, srv)
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	plain := newEmu(t, r.sip)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := &call{conf: "tls-1"}
	defer c.close()
	if err := c.placeLegAt(ctx, emu, 0, rmTLS, ";transport=tls", mcps); err != nil {
		t.Fatal(err)
	}
	if err := c.placeLeg(ctx, plain, 1, r, mcps); err != nil {
		t.Fatal(err)
	}
	if c.on[0] != mcp || c.on[1] != mcp {
		t.Fatalf("legs landed on %s, %s; want the MCP", where(c.on[0]), where(c.on[1]))
	}
	if err := c.talk(1); err != nil {
		t.Fatal(err)
	}
	if err := c.hangUp(ctx); err != nil {
		t.Fatal(err)
	}
}

// A SIP Server without a client certificate gets no call through an RM
// that verifies clients.
func TestRMRefusesTLSClientWithoutCertificate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a reel-mcp process")
	}
	s := newTLSSetup(t)
	mcp, mcpTLS := startTLSMCP(t, s)
	r := startRM(t, config.PolicyLeastCalls, []*mcpProc{mcp}, []int{20}, tlsRM(s, mcpTLS))
	cli, srv := emuTLS(s, false)
	emu, err := sipemu.NewTLS(r.SIPTLSAddr().String(), cli, srv)
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &call{conf: "tls-nocert"}
	defer c.close()
	if err := c.placeLegAt(ctx, emu, 0, r.SIPTLSAddr().String(), ";transport=tls", []*mcpProc{mcp}); err == nil {
		t.Fatal("a client without a certificate placed a leg")
	}
	if n := r.Pool().Node(mcpTLS).Legs(); n != 0 {
		t.Fatalf("%d legs reached the MCP", n)
	}
}
