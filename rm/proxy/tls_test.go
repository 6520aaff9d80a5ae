package proxy

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/siptls"
	"github.com/reel-project/reel/internal/testpki"
)

// tlsProxy runs a proxy with a UDP and a mutual-TLS listener in front of
// a fake MCP reached over UDP, and returns a client TLS configuration.
func tlsProxy(t testing.TB, code int) (*Proxy, *fakeMCP, *tls.Config) {
	t.Helper()
	dir := t.TempDir()
	ca, err := testpki.NewCA(dir, "rm")
	if err != nil {
		t.Fatal(err)
	}
	rmKey, _ := ca.Issue(dir, "reel-rm")
	cliKey, _ := ca.Issue(dir, "sipserver")
	mat, err := siptls.New(siptls.Files{Cert: rmKey.CertPath, Key: rmKey.KeyPath, CA: ca.CertPath, VerifyClients: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mcp := startFake(t, code)
	p := startProxyWith(t, "127.0.0.1:0", func(c *Config) {
		c.Transports = []string{"udp", "tls"}
		c.TLSListen, c.TLS = "127.0.0.1:0", mat
	}, mcp.addr())
	p.deps.Pool.Nodes()[0].Transport = "UDP" // set before any request
	pair, _ := tls.X509KeyPair(cliKey.CertPEM, cliKey.KeyPEM)
	return p, mcp, &tls.Config{RootCAs: ca.Pool(), Certificates: []tls.Certificate{pair}, ServerName: "127.0.0.1"}
}

// tlsUAC is a SIP Server on one TLS connection.
type tlsUAC struct {
	conn *tls.Conn
	r    *bufio.Reader
}

func dialTLS(t testing.TB, p *Proxy, conf *tls.Config) *tlsUAC {
	t.Helper()
	c, err := tls.Dial("tcp", p.TLSAddr().String(), conf)
	if err != nil {
		t.Fatal(err)
	}
	return &tlsUAC{conn: c, r: bufio.NewReader(c)}
}

// invite sends an INVITE with Call-ID id and returns its final response.
func (u *tlsUAC) invite(p *Proxy, id string) (*sip.Response, error) {
	local := u.conn.LocalAddr().String()
	msg := "INVITE sip:msml=" + id + "@" + p.TLSAddr().String() + ";dn=7001;transport=tls SIP/2.0\r\n" +
		"Via: SIP/2.0/TLS " + local + ";branch=z9hG4bK" + id + "\r\nFrom: <sip:sipserver@127.0.0.1>;tag=f" + id + "\r\n" +
		"To: <sip:rm@127.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\n" +
		"Contact: <sip:sipserver@" + local + ";transport=tls>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
	if _, err := io.WriteString(u.conn, msg); err != nil {
		return nil, err
	}
	for {
		res, err := u.read()
		if err != nil || !res.IsProvisional() {
			return res, err
		}
	}
}

// read reads one response off the stream.
func (u *tlsUAC) read() (*sip.Response, error) {
	tp := textproto.NewReader(u.r)
	lines, err := tp.ReadLine()
	if err != nil {
		return nil, err
	}
	var head strings.Builder
	head.WriteString(lines + "\r\n")
	length := 0
	for {
		l, err := tp.ReadLine()
		if err != nil {
			return nil, err
		}
		head.WriteString(l + "\r\n")
		if l == "" {
			break
		}
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			length, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(u.r, body); err != nil {
		return nil, err
	}
	msg, err := sip.ParseMessage(append([]byte(head.String()), body...))
	if err != nil {
		return nil, err
	}
	res, ok := msg.(*sip.Response)
	if !ok {
		return nil, fmt.Errorf("not a response: %T", msg)
	}
	return res, nil
}

// An INVITE over TLS goes on to an MCP over UDP with two Record-Routes,
// the one of the side it leaves by (UDP) on top; the 200 comes back
// over TLS with both.
func TestInviteOverTLSToAnMCPOverUDP(t *testing.T) {
	p, mcp, conf := tlsProxy(t, 200)
	u := dialTLS(t, p, conf)
	defer u.conn.Close()
	res, err := u.invite(p, "tls-1")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("INVITE over TLS: %v %v", res, err)
	}
	invs := mcp.received(sip.INVITE)
	if len(invs) != 1 {
		t.Fatalf("the MCP got %d INVITEs", len(invs))
	}
	inv := invs[0]
	var rr []string
	for _, h := range inv.GetHeaders("Record-Route") {
		rr = append(rr, h.Value())
	}
	_, tlsPort, _ := strings.Cut(p.TLSAddr().String(), ":")
	_, udpPort, _ := strings.Cut(p.udpAddr(), ":")
	want := []string{"<sip:127.0.0.1:" + udpPort + ";lr>", "<sip:127.0.0.1:" + tlsPort + ";transport=tls;lr>"}
	if !slices.Equal(rr, want) {
		t.Errorf("Record-Route %q, want %q", rr, want)
	}
	if v := inv.Via(); v == nil || v.Transport != "UDP" {
		t.Errorf("top Via %v, want UDP", v)
	}
	if got := res.GetHeaders("Record-Route"); len(got) != 2 {
		t.Errorf("200 OK carries %d Record-Routes, want 2", len(got))
	}
}

// BenchmarkTLSHandshakeInvite is a new SIP Server connection per INVITE:
// mutual-TLS handshake, INVITE through the proxy to an MCP over UDP, 200
// back, connection closed. conns/s is how many the proxy takes in series.
func BenchmarkTLSHandshakeInvite(b *testing.B) {
	p, _, conf := tlsProxy(b, 200)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		u := dialTLS(b, p, conf)
		res, err := u.invite(p, "hs-"+strconv.Itoa(i))
		if err != nil || res.StatusCode != 200 {
			b.Fatalf("%v %v", res, err)
		}
		_ = u.conn.Close()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "conns/s")
}

// BenchmarkTLSKeptInvite is INVITE → 200 on one kept TLS connection,
// in series; p99-ms is the 99th percentile of the round trips.
func BenchmarkTLSKeptInvite(b *testing.B) {
	p, _, conf := tlsProxy(b, 200)
	u := dialTLS(b, p, conf)
	defer u.conn.Close()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		res, err := u.invite(p, "kept-"+strconv.Itoa(i))
		if err != nil || res.StatusCode != 200 {
			b.Fatalf("%v %v", res, err)
		}
		lat = append(lat, time.Since(start))
	}
	reportP99(b, lat)
}

// reportP99 reports the 99th percentile of lat in milliseconds.
func reportP99(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100])/float64(time.Millisecond), "p99-ms")
}
