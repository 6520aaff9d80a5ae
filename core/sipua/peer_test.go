package sipua

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// hang guards blocking waits in tests; it is not a timing assertion.
const hang = 20 * time.Second

// peer is the far end of the UA: a sipgo UA playing the SIP Server (UAC)
// that also answers the BYE and INFO requests the UA sends it.
type peer struct {
	t            testing.TB
	transport    string      // "UDP", "TCP" or "TLS"
	serverTLS    *tls.Config // the peer's own TLS listener (TLS only)
	ua           *sipgo.UserAgent
	cli          *sipgo.Client
	laddr        sip.Addr // where the peer listens (its Contact)
	target       net.Addr // the UA under test
	inbox        chan *sip.Request
	infoStatus   atomic.Int32 // status for INFO from the UA; 0 means 200
	updateStatus atomic.Int32 // status for UPDATE from the UA; 0 means 200
}

func newPeer(t testing.TB, transport string, u *UA) *peer {
	t.Helper()
	return newPeerTLS(t, transport, u, nil, nil)
}

// newPeerTLS is newPeer with the TLS configurations of the peer's client
// connections and of its listener (transport "TLS").
func newPeerTLS(t testing.TB, transport string, u *UA, client, server *tls.Config) *peer {
	t.Helper()
	discard := slog.New(slog.DiscardHandler)
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("peer"), sipgo.WithUserAgenTLSConfig(client),
		sipgo.WithUserAgentTransactionLayerOptions(sip.WithTransactionLayerLogger(discard)),
		sipgo.WithUserAgentTransportLayerOptions(sip.WithTransportLayerLogger(discard)),
		sipgo.WithUserAgentParser(sip.NewParser(func(p *sip.Parser) { p.MaxMessageLength = MaxMessage })))
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := sipgo.NewServer(ua, sipgo.WithServerLogger(discard))
	cli, _ := sipgo.NewClient(ua, sipgo.WithClientLogger(discard), sipgo.WithClientHostname("127.0.0.1"))
	p := &peer{t: t, transport: transport, ua: ua, cli: cli, inbox: make(chan *sip.Request, 16), serverTLS: server}
	srv.OnBye(p.serve)
	srv.OnInfo(p.serve)
	srv.OnUpdate(p.serve)
	udp, tcp := u.Addr()
	p.target = udp
	switch transport {
	case "TCP":
		p.target = tcp
	case "TLS":
		p.target = u.TLSAddr()
	}
	p.listen(srv)
	t.Cleanup(func() { _ = ua.Close() })
	return p
}

func (p *peer) listen(srv *sipgo.Server) {
	p.t.Helper()
	if p.transport == "UDP" {
		conn, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			p.t.Fatal(err)
		}
		a := conn.LocalAddr().(*net.UDPAddr)
		p.laddr = sip.Addr{IP: a.IP, Port: a.Port}
		go func() { _ = srv.ServeUDP(conn) }()
		p.t.Cleanup(func() { _ = conn.Close() })
		p.awaitListener(a.String())
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		p.t.Fatal(err)
	}
	a := ln.Addr().(*net.TCPAddr)
	p.laddr = sip.Addr{IP: a.IP, Port: a.Port}
	if p.transport == "TLS" {
		go func() { _ = srv.ServeTLS(tls.NewListener(ln, p.serverTLS)) }()
		p.t.Cleanup(func() { _ = ln.Close() })
		return
	}
	go func() { _ = srv.ServeTCP(ln) }()
	p.t.Cleanup(func() { _ = ln.Close() })
}

// awaitListener waits until sipgo has registered the UDP listener, so that
// requests can leave from it (req.Laddr).
func (p *peer) awaitListener(addr string) {
	deadline := time.Now().Add(hang)
	for time.Now().Before(deadline) {
		if c, err := p.ua.TransportLayer().GetConnection("udp", addr); err == nil {
			_, _ = c.TryClose()
			return
		}
		time.Sleep(time.Millisecond)
	}
	p.t.Fatal("peer: UDP listener not ready")
}

func (p *peer) serve(req *sip.Request, tx sip.ServerTransaction) {
	code := 200
	if req.Method == sip.INFO && p.infoStatus.Load() != 0 {
		code = int(p.infoStatus.Load())
	}
	if req.Method == sip.UPDATE && p.updateStatus.Load() != 0 {
		code = int(p.updateStatus.Load())
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, code, reasonPhrase(code), nil))
	p.inbox <- req
}

// next returns the next request the UA sent the peer.
func (p *peer) next() *sip.Request {
	p.t.Helper()
	select {
	case r := <-p.inbox:
		return r
	case <-time.After(hang):
		p.t.Fatal("peer: no request from the UA")
		return nil
	}
}

func (p *peer) contact() *sip.ContactHeader {
	c := &sip.ContactHeader{Address: sip.Uri{Scheme: "sip", User: "sipserver", Host: "127.0.0.1", Port: p.laddr.Port}}
	if p.transport != "UDP" {
		c.Address.UriParams = sip.HeaderParams{{K: "transport", V: sip.NetworkToLower(p.transport)}}
	}
	return c
}

// recv waits for a value on ch.
func recv[T any](t testing.TB, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(hang):
		t.Fatalf("nothing received on %T", ch)
		var zero T
		return zero
	}
}

// startUA runs a UA on loopback UDP and TCP until the test ends.
func startUA(t testing.TB, m Media, mod func(*Config)) *UA {
	t.Helper()
	cfg := Config{ListenUDP: "127.0.0.1:0", ListenTCP: "127.0.0.1:0", UserAgent: "Reel/test"}
	if mod != nil {
		mod(&cfg)
	}
	u, err := New(cfg, m, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	serveUA(t, u)
	return u
}

// startLoggedUA starts a UDP-only UA whose log records are kept.
func startLoggedUA(t testing.TB) (*UA, *logRecords) {
	t.Helper()
	logs := &logRecords{}
	u, err := New(Config{ListenUDP: "127.0.0.1:0"}, newFakeMedia(), slog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	serveUA(t, u)
	return u, logs
}

// serveUA runs u until the test ends.
func serveUA(t testing.TB, u *UA) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- u.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
}

func header(res *sip.Response, name string) string {
	if h := res.GetHeader(name); h != nil {
		return h.Value()
	}
	return ""
}

// transports runs f once per transport as subtests.
func transports(t *testing.T, f func(t *testing.T, transport string)) {
	for _, tr := range []string{"UDP", "TCP"} {
		t.Run(tr, func(t *testing.T) { f(t, tr) })
	}
}

func testLogger() *slog.Logger {
	if os.Getenv("SIPUA_DEBUG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}
