package loadgen

import (
	"context"
	"crypto/tls"
	"os"
	"testing"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/internal/testpki"
)

// The load generator drives an MCP over mutual TLS.
func TestARunOverTLS(t *testing.T) {
	dir := t.TempDir()
	ca, err := testpki.NewCA(dir, "load")
	if err != nil {
		t.Fatal(err)
	}
	mcpKey, _ := ca.Issue(dir, "reel-mcp")
	emuKey, _ := ca.Issue(dir, "sipserver")
	var tlsAddr string
	_, _ = startMCPWith(t, func(c *config.MCP) {
		c.SIP.Transports = []string{"udp", "tls"}
		c.SIP.TLS = config.SIPTLS{Listen: "127.0.0.1:0", CertFile: mcpKey.CertPath, KeyFile: mcpKey.KeyPath,
			CAFile: ca.CertPath, VerifyClients: true}
	}, &tlsAddr)
	audio, err := os.ReadFile("../../../testdata/audio/pcmu.1.8k.raw")
	if err != nil {
		t.Fatal(err)
	}
	pair, _ := tls.X509KeyPair(emuKey.CertPEM, emuKey.KeyPEM)
	rep, err := Run(context.Background(), Config{MCP: tlsAddr, Transport: "tls", Calls: 2, Rate: 20, Hold: 2 * time.Second,
		Audio: audio, Record: true, Prefix: "tls1",
		TLSClient: &tls.Config{RootCAs: ca.Pool(), Certificates: []tls.Certificate{pair}},
		TLSServer: &tls.Config{Certificates: []tls.Certificate{pair}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Calls != 2 || rep.Failed != 0 {
		t.Fatalf("over TLS: calls %d failed %d", rep.Calls, rep.Failed)
	}
}
