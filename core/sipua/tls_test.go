package sipua

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
	"github.com/reel-project/reel/internal/testpki"
)

// tlsPKI is a CA with a certificate for the UA and one for the peer.
type tlsPKI struct {
	ca       *testpki.CA
	ua, peer *testpki.Key
}

func newTLSPKI(t *testing.T) tlsPKI {
	t.Helper()
	dir := t.TempDir()
	ca, err := testpki.NewCA(dir, "sip")
	if err != nil {
		t.Fatal(err)
	}
	ua, err := ca.Issue(dir, "reel-mcp")
	if err != nil {
		t.Fatal(err)
	}
	peer, err := ca.Issue(dir, "sipserver")
	if err != nil {
		t.Fatal(err)
	}
	return tlsPKI{ca: ca, ua: ua, peer: peer}
}

// startTLSUA runs a UA with a TLS listener (client certificates verified
// when mutual) and UDP, until the test ends.
func startTLSUA(t *testing.T, p tlsPKI, m Media, mutual bool) *UA {
	t.Helper()
	mat, err := siptls.New(siptls.Files{Cert: p.ua.CertPath, Key: p.ua.KeyPath, CA: p.ca.CertPath, VerifyClients: mutual}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return startUA(t, m, func(c *Config) { c.ListenTLS, c.TLS = "127.0.0.1:0", mat })
}

// peerTLS returns the peer's client and server TLS configurations, with
// its certificate presented as a client only when withCert.
func peerTLS(p tlsPKI, withCert bool) (client, server *tls.Config) {
	pair, _ := tls.X509KeyPair(p.peer.CertPEM, p.peer.KeyPEM)
	client = &tls.Config{RootCAs: p.ca.Pool()}
	if withCert {
		client.Certificates = []tls.Certificate{pair}
	}
	return client, &tls.Config{Certificates: []tls.Certificate{pair}}
}

func TestTLSCallWithClientCertificate(t *testing.T) {
	pki := newTLSPKI(t)
	m := newFakeMedia()
	u := startTLSUA(t, pki, m, true)
	cli, srv := peerTLS(pki, true)
	p := newPeerTLS(t, "TLS", u, cli, srv)
	c := p.newCall(ruri)
	res := c.invite(sdpOffer)
	if res.StatusCode != 200 {
		t.Fatalf("INVITE over TLS: %d %s", res.StatusCode, res.Reason)
	}
	ct := res.Contact()
	_, port, _ := net.SplitHostPort(u.TLSAddr().String())
	if ct == nil || !strings.HasSuffix(ct.Address.String(), ":"+port+";transport=tls") {
		t.Errorf("Contact %v, want the TLS port with transport=tls", ct)
	}
	if v := res.Via(); v == nil || v.Transport != "TLS" {
		t.Errorf("Via %v, want SIP/2.0/TLS", v)
	}
	c.ack(nil)
	l := recv(t, m.opened)
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	d := u.dialogs.all()
	if len(d) != 1 {
		t.Fatalf("%d dialogs", len(d))
	}
	if err := d[0].Bye(ctx); err != nil {
		t.Fatalf("BYE over TLS: %v", err)
	}
	if bye := p.next(); bye.Method != sip.BYE || bye.Transport() != "TLS" {
		t.Errorf("peer got %s over %s, want BYE over TLS", bye.Method, bye.Transport())
	}
	recv(t, l.closed)
}

func TestTLSRefusesClientWithoutCertificate(t *testing.T) {
	pki := newTLSPKI(t)
	m := newFakeMedia()
	u := startTLSUA(t, pki, m, true)
	cli, _ := peerTLS(pki, false)
	cli.ServerName = "127.0.0.1"
	conn, err := tls.Dial("tcp", u.TLSAddr().String(), cli)
	if err != nil {
		return // refused in the handshake (TLS 1.2)
	}
	defer func() { _ = conn.Close() }()
	// TLS 1.3: the client's handshake ends before the server checks its
	// certificate; the server's alert arrives in place of any answer.
	_, _ = conn.Write(rawInvite(conn.LocalAddr().String()))
	_ = conn.SetReadDeadline(time.Now().Add(hang))
	if n, err := conn.Read(make([]byte, 4096)); err == nil || !strings.Contains(err.Error(), "certificate required") {
		t.Fatalf("client without a certificate read %d bytes, error %v; want the certificate-required alert", n, err)
	}
	select {
	case <-m.opened:
		t.Fatal("a call was opened for a client without a certificate")
	default:
	}
}

func TestTLSWithoutClientVerification(t *testing.T) {
	pki := newTLSPKI(t)
	m := newFakeMedia()
	u := startTLSUA(t, pki, m, false)
	cli, srv := peerTLS(pki, false)
	p := newPeerTLS(t, "TLS", u, cli, srv)
	p.newCall(ruri).established(m)
}

// gatedUA runs a UA with Gate c on UDP and TCP.
func gatedUA(t *testing.T, m Media, c admit.Config) (*UA, *admit.Gate) {
	t.Helper()
	g, err := admit.New(c)
	if err != nil {
		t.Fatal(err)
	}
	return startUA(t, m, func(cfg *Config) { cfg.Gate = g }), g
}

func TestSourceNotAllowedGets403(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		allow, _ := admit.ParsePrefixes("allow", []string{"192.0.2.0/24"})
		m := newFakeMedia()
		u, g := gatedUA(t, m, admit.Config{Allow: allow})
		p := newPeer(t, tr, u)
		if res := p.newCall(ruri).invite(sdpOffer); res.StatusCode != 403 {
			t.Fatalf("INVITE from a source not allowed: %d, want 403", res.StatusCode)
		}
		if res := p.newCall("mcp").do(sip.OPTIONS, "", nil); res.StatusCode != 403 {
			t.Fatalf("OPTIONS from a source not allowed: %d, want 403", res.StatusCode)
		}
		if n := g.Refusals(); n < 2 { // and the ACK of the 403 over TCP, when it arrived
			t.Errorf("refusals counted: %v, want 2", n)
		}
		select {
		case <-m.opened:
			t.Fatal("a refused INVITE reached the media")
		default:
		}
	})
}

func TestSourceNotAllowedSilent(t *testing.T) {
	allow, _ := admit.ParsePrefixes("allow", []string{"192.0.2.0/24"})
	m := newFakeMedia()
	u, g := gatedUA(t, m, admit.Config{Allow: allow, Silent: true})
	udp, _ := u.Addr()
	conn, err := net.Dial("udp", udp.String())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.Write(rawInvite(conn.LocalAddr().String())); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(hang)
	for g.Refusals() < 1 {
		if time.Now().After(deadline) {
			t.Fatal("the datagram was never refused")
		}
		time.Sleep(5 * time.Millisecond)
	}
	_ = conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if n, err := conn.Read(make([]byte, 2048)); err == nil {
		t.Fatalf("silent mode answered %d bytes", n)
	}
	_, tcp := u.Addr()
	tc, err := net.Dial("tcp", tcp.String())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tc.Close() }()
	if _, err := tc.Read(make([]byte, 1)); err == nil {
		t.Fatal("a TCP connection from a source not allowed stayed open")
	}
}

func rawInvite(from string) []byte {
	return []byte("INVITE sip:" + ruri + "@127.0.0.1 SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP " + from + ";branch=z9hG4bK-silent\r\n" +
		"From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: silent-1\r\n" +
		"CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
}

func TestInviteRateLimit(t *testing.T) {
	m := newFakeMedia()
	u, g := gatedUA(t, m, admit.Config{InviteRate: 0.001, InviteBurst: 2, RetryAfter: 7 * time.Second})
	p := newPeer(t, "UDP", u)
	first := p.newCall(ruri)
	first.established(m)
	p.newCall(ruri).established(m)
	res := p.newCall(ruri).invite(sdpOffer)
	if res.StatusCode != 503 || header(res, "Retry-After") != "7" {
		t.Fatalf("INVITE over the rate: %d, Retry-After %q; want 503, 7", res.StatusCode, header(res, "Retry-After"))
	}
	if res := first.do(sip.OPTIONS, "", nil); res.StatusCode != 200 {
		t.Errorf("in-dialog request over the rate: %d", res.StatusCode)
	}
	if n := g.Refusals(); n != 1 {
		t.Errorf("refusals counted: %v, want 1", n)
	}
}
