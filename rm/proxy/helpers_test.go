package proxy

import (
	"context"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/testlog"
	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/balance"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/profile"
)

// startProxy runs a proxy on 127.0.0.1 (UDP) in front of mcps with the
// round-robin policy, so attempts follow the order of mcps.
func startProxy(t testing.TB, mcps ...string) *Proxy {
	t.Helper()
	return startProxyOn(t, "127.0.0.1:0", mcps...)
}

// startProxyOn is startProxy listening on listen.
func startProxyOn(t testing.TB, listen string, mcps ...string) *Proxy {
	t.Helper()
	return startProxyWith(t, listen, nil, mcps...)
}

// startProxyWith is startProxyOn with edit applied to the proxy's Config.
func startProxyWith(t testing.TB, listen string, edit func(*Config), mcps ...string) *Proxy {
	t.Helper()
	g := config.RMGroup{Name: "g", Policy: config.PolicyRoundRobin}
	for _, a := range mcps {
		g.MCPs = append(g.MCPs, config.RMNode{Address: a, Capacity: 1 << 20})
	}
	pool := rm.NewPool([]config.RMGroup{g})
	calls := rm.NewCalls()
	cfg := Config{Listen: listen, Transports: []string{"udp"}, UserAgent: "reel-rm",
		FailoverTimeout: 200 * time.Millisecond, InviteTimeout: 2 * time.Second, MaxAttempts: 3, DialogTimeout: time.Minute}
	if edit != nil {
		edit(&cfg)
	}
	p, err := New(cfg,
		Deps{Pool: pool, Calls: calls, Picker: balance.New(pool, calls),
			Log: testLog(t), Profiles: profile.Rules{Default: "std", Tenants: map[string]config.RMTenant{"acme": {RecordProfile: "acme-rec"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return p
}

func (p *Proxy) udpAddr() string { a, _ := p.Addr(); return a.String() }

// fakeMCP is a UDP UAS that answers every INVITE with a scripted status
// and keeps what it received.
type fakeMCP struct {
	conn *net.UDPConn
	code int // 0: never answer; 180: ring and wait for CANCEL
	// retryAfter, when set, is the Retry-After header of its 503s.
	retryAfter string

	mu   sync.Mutex
	reqs []*sip.Request
}

func startFake(t testing.TB, code int) *fakeMCP { return startFakeRetryAfter(t, code, "") }

// startFakeRetryAfter is startFake whose 503s carry Retry-After: retryAfter.
func startFakeRetryAfter(t testing.TB, code int, retryAfter string) *fakeMCP {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeMCP{conn: c, code: code, retryAfter: retryAfter}
	go f.serve()
	t.Cleanup(func() { c.Close() })
	return f
}

func (f *fakeMCP) addr() string { return f.conn.LocalAddr().String() }

func (f *fakeMCP) serve() {
	buf := make([]byte, 65535)
	for {
		n, from, err := f.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		msg, err := sip.ParseMessage(append([]byte(nil), buf[:n]...))
		req, ok := msg.(*sip.Request)
		if err != nil || !ok {
			continue
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, req)
		f.mu.Unlock()
		f.answer(req, from)
	}
}

func (f *fakeMCP) answer(req *sip.Request, to *net.UDPAddr) {
	send := func(code int, reason string) {
		res := sip.NewResponseFromRequest(req, code, reason, nil)
		if code == 503 && f.retryAfter != "" {
			res.AppendHeader(sip.NewHeader("Retry-After", f.retryAfter))
		}
		if code == 200 && req.IsInvite() {
			res.To().Params.Add("tag", "mcp")
			res.AppendHeader(&sip.ContactHeader{Address: sip.Uri{Scheme: "sip", Host: "127.0.0.1", Port: f.conn.LocalAddr().(*net.UDPAddr).Port}})
		}
		_, _ = f.conn.WriteToUDP([]byte(res.String()), to)
	}
	switch {
	case req.IsAck():
	case req.IsCancel():
		send(200, "OK")
		f.mu.Lock()
		inv := f.invite()
		f.mu.Unlock()
		if inv != nil {
			res := sip.NewResponseFromRequest(inv, 487, "Request Terminated", nil)
			_, _ = f.conn.WriteToUDP([]byte(res.String()), to)
		}
	case !req.IsInvite():
		send(200, "OK")
	case f.code == 0:
	default:
		send(f.code, "Scripted")
	}
}

func (f *fakeMCP) invite() *sip.Request {
	for _, r := range f.reqs {
		if r.IsInvite() {
			return r
		}
	}
	return nil
}

// received returns the requests of a method the fake got.
func (f *fakeMCP) received(m sip.RequestMethod) []*sip.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*sip.Request
	for _, r := range f.reqs {
		if r.Method == m {
			out = append(out, r)
		}
	}
	return out
}

// uac is a raw UDP socket speaking SIP as text to the proxy.
type uac struct {
	t    testing.TB
	conn *net.UDPConn
	to   *net.UDPAddr
}

func newUAC(t testing.TB, p *Proxy) *uac {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	to, _ := net.ResolveUDPAddr("udp4", p.udpAddr())
	return &uac{t: t, conn: c, to: to}
}

// request returns the lines of a valid request to uri; edit, then send.
func (u *uac) request(method, uri, id string) []string {
	local := u.conn.LocalAddr().String()
	return []string{
		method + " " + uri + " SIP/2.0",
		"Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK" + id,
		"From: <sip:sipserver@127.0.0.1>;tag=from-" + id,
		"To: <sip:rm@127.0.0.1>",
		"Call-ID: " + id,
		"CSeq: 1 " + method,
		"Contact: <sip:sipserver@" + local + ">",
		"Max-Forwards: 70",
	}
}

func (u *uac) send(lines []string) {
	u.t.Helper()
	msg := strings.Join(lines, "\r\n") + "\r\nContent-Length: 0\r\n\r\n"
	if _, err := u.conn.WriteToUDP([]byte(msg), u.to); err != nil {
		u.t.Fatal(err)
	}
}

// final reads responses until a final one for Call-ID id (and method).
func (u *uac) final(id string, method sip.RequestMethod) *sip.Response {
	u.t.Helper()
	buf := make([]byte, 65535)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_ = u.conn.SetReadDeadline(deadline)
		n, err := u.conn.Read(buf)
		if err != nil {
			u.t.Fatalf("no final response for %s %s: %v", method, id, err)
		}
		msg, err := sip.ParseMessage(append([]byte(nil), buf[:n]...))
		res, ok := msg.(*sip.Response)
		if err == nil && ok && !res.IsProvisional() && res.CallID() != nil && res.CSeq() != nil && res.CallID().Value() == id && res.CSeq().MethodName == method {
			return res
		}
	}
}

func edit(lines []string, name, value string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if strings.HasPrefix(l, name+":") {
			if value != "" {
				out = append(out, name+": "+value)
			}
			continue
		}
		out = append(out, l)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "\n"+name+":") && value != "" {
		out = append(out, name+": "+value)
	}
	return out
}

func rmURI(p *Proxy, user string) string { return "sip:" + user + "@" + p.udpAddr() }

var seq int

func nextID(prefix string) string { seq++; return prefix + "-" + strconv.Itoa(seq) }

func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 3 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testlog.Writer(t), &slog.HandlerOptions{Level: slog.LevelInfo}))
}
