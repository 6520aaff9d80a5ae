package sipua

import (
	"bytes"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"
)

// raw is a socket that speaks SIP as plain text, to send what no SIP stack
// would build.
type raw struct {
	t      *testing.T
	tr     string
	conn   net.Conn
	stream *sip.ParserStream
	got    []*sip.Response
}

func dialRaw(t *testing.T, tr string, u *UA) *raw {
	t.Helper()
	udp, tcp := u.Addr()
	addr := udp
	if tr == "TCP" {
		addr = tcp
	}
	conn, err := net.Dial(strings.ToLower(tr), addr.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &raw{t: t, tr: tr, conn: conn, stream: sip.NewParser().NewSIPStream()}
}

// request returns the lines of a valid request; edit them, then send.
func (r *raw) request(method, id string) []string {
	local := r.conn.LocalAddr().String()
	return []string{
		method + " sip:msml=conf1@" + r.conn.RemoteAddr().String() + " SIP/2.0",
		"Via: SIP/2.0/" + r.tr + " " + local + ";branch=z9hG4bK" + sip.GenerateTagN(12),
		"From: <sip:sipserver@127.0.0.1>;tag=from1",
		"To: <sip:msml=conf1@127.0.0.1>",
		"Call-ID: " + id,
		"CSeq: 1 " + method,
		"Contact: <sip:sipserver@" + local + ">",
		"Max-Forwards: 70",
	}
}

func (r *raw) send(lines []string, body string) {
	r.t.Helper()
	msg := strings.Join(lines, "\r\n") + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	r.write(msg)
}

func (r *raw) write(data string) {
	r.t.Helper()
	if _, err := r.conn.Write([]byte(data)); err != nil {
		r.t.Fatal(err)
	}
}

// response reads the next final response; io.EOF if the UA closed the connection.
func (r *raw) response() (*sip.Response, error) {
	r.t.Helper()
	buf := make([]byte, 65536)
	for {
		for len(r.got) > 0 {
			res := r.got[0]
			r.got = r.got[1:]
			if !res.IsProvisional() {
				return res, nil
			}
		}
		_ = r.conn.SetReadDeadline(time.Now().Add(hang))
		n, err := r.conn.Read(buf)
		if err != nil {
			return nil, err
		}
		if r.tr == "UDP" {
			r.stream.Reset()
		}
		err = r.stream.ParseSIPStream(buf[:n], func(m sip.Message) {
			if res, ok := m.(*sip.Response); ok {
				r.got = append(r.got, res)
			}
		})
		if err != nil && !errors.Is(err, sip.ErrParseSipPartial) {
			r.t.Fatalf("unparseable response: %v", err)
		}
	}
}

func (r *raw) expect(id string, code int) *sip.Response {
	r.t.Helper()
	res, err := r.response()
	if err != nil {
		r.t.Fatalf("%s: no response: %v", id, err)
	}
	if got := callIDOf(res); got != id || res.StatusCode != code {
		r.t.Fatalf("got %d %s for call %q, want %d for %q", res.StatusCode, res.Reason, got, code, id)
	}
	return res
}

func callIDOf(res *sip.Response) string {
	if h := res.CallID(); h != nil {
		return h.Value()
	}
	return ""
}

func edit(lines []string, name, value string) []string {
	out := make([]string, 0, len(lines)+1)
	found := false
	for _, l := range lines {
		if strings.HasPrefix(strings.ToLower(l), strings.ToLower(name)+":") {
			found = true
			if value == "" {
				continue
			}
			l = name + ": " + value
		}
		out = append(out, l)
	}
	if !found && value != "" {
		out = append(out, name+": "+value)
	}
	return out
}

// sync sends OPTIONS until one is answered: over UDP a flood may have
// filled the socket buffer, and the first ones may be lost.
func (r *raw) sync() {
	r.t.Helper()
	for i := range 20 {
		id := "sync-" + strconv.Itoa(i)
		r.send(r.request("OPTIONS", id), "")
		_ = r.conn.SetReadDeadline(time.Now().Add(hang / 10))
		buf := make([]byte, 65536)
		n, err := r.conn.Read(buf)
		if err == nil && bytes.Contains(buf[:n], []byte("SIP/2.0 200")) {
			return
		}
	}
	r.t.Fatal("no answer to 20 OPTIONS")
}
