package sipua

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestMalformedRequestsGet400AndFriends(t *testing.T) {
	cases := []struct {
		name    string
		method  string
		header  string // header to replace ("" value removes it)
		value   string
		body    string
		want    int
		wantHdr string // a header the response must carry
	}{
		{"missing Call-ID", "OPTIONS", "Call-ID", "", "", 400, ""},
		{"missing From tag", "INVITE", "From", "<sip:sipserver@127.0.0.1>", "", 400, ""},
		{"missing To", "INFO", "To", "", "", 400, ""},
		{"CSeq method mismatch", "INVITE", "CSeq", "1 BYE", "", 400, ""},
		{"INVITE without Contact", "INVITE", "Contact", "", "", 400, ""},
		{"INVITE with a non-SDP body", "INVITE", "Content-Type", "text/plain", "hello", 415, "Accept"},
		{"Require of an unknown extension", "INVITE", "Require", "100rel", "", 420, "Unsupported"},
		{"a multipart offer to a leg that takes only SDP", "INVITE", "Content-Type", "multipart/mixed;boundary=B",
			"--B\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--B--\r\n", 415, "Accept"},
		{"missing Via (sipgo answers)", "OPTIONS", "Via", "", "", 400, ""},
	}
	transports(t, func(t *testing.T, tr string) {
		u := startUA(t, newFakeMedia(), nil)
		r := dialRaw(t, tr, u)
		for i, tc := range cases {
			id := "bad-" + strconv.Itoa(i)
			r.send(edit(r.request(tc.method, id), tc.header, tc.value), tc.body)
			res, err := r.response()
			if err != nil {
				t.Fatalf("%s: no response: %v", tc.name, err)
			}
			if res.StatusCode != tc.want {
				t.Errorf("%s: %d %s, want %d", tc.name, res.StatusCode, res.Reason, tc.want)
			}
			if tc.wantHdr != "" && header(res, tc.wantHdr) == "" {
				t.Errorf("%s: response without %s", tc.name, tc.wantHdr)
			}
		}
		r.send(r.request("OPTIONS", "still-alive"), "")
		r.expect("still-alive", 200)
	})
}

func TestUnparseableRequestsAreDropped(t *testing.T) {
	// No response can be routed for these (the bad CSeq stops the parse
	// before a CSeq exists): over UDP the datagram is dropped, over TCP the
	// stream has no framing left and the connection is closed.
	garbage := map[string]func(r *raw){
		"bad CSeq": func(r *raw) { r.send(edit(r.request("INVITE", "bad-cseq"), "CSeq", "one INVITE"), "") },
		"not SIP":  func(r *raw) { r.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n") },
		"binary":   func(r *raw) { r.write("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n") },
	}
	for name, send := range garbage {
		t.Run(name+"/UDP", func(t *testing.T) {
			u := startUA(t, newFakeMedia(), nil)
			r := dialRaw(t, "UDP", u)
			send(r)
			r.send(r.request("OPTIONS", "after"), "")
			r.expect("after", 200) // the first answer is for the request after
		})
		t.Run(name+"/TCP", func(t *testing.T) {
			u := startUA(t, newFakeMedia(), nil)
			r := dialRaw(t, "TCP", u)
			send(r)
			if res, err := r.response(); !errors.Is(err, io.EOF) && !isReset(err) {
				t.Errorf("got %v, %v; want the connection closed", res, err)
			}
		})
	}
}

func isReset(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && strings.Contains(op.Err.Error(), "reset")
}

func TestWrongVersionGets505(t *testing.T) {
	u := startUA(t, newFakeMedia(), nil)
	r := dialRaw(t, "UDP", u)
	lines := r.request("OPTIONS", "v3")
	lines[0] = strings.Replace(lines[0], "SIP/2.0", "SIP/3.0", 1)
	r.send(lines, "")
	r.expect("v3", 505)
}

// logRecords keeps the records a logger wrote.
type logRecords struct {
	mu      sync.Mutex
	records []slog.Record
}

func (l *logRecords) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecords) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r.Clone())
	return nil
}
func (l *logRecords) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecords) WithGroup(string) slog.Handler      { return l }

// count returns how many records have call_id id and status code.
func (l *logRecords) count(id string, code int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.records {
		var gotID bool
		var gotCode bool
		r.Attrs(func(a slog.Attr) bool {
			gotID = gotID || (a.Key == "call_id" && a.Value.String() == id)
			gotCode = gotCode || (a.Key == "status" && a.Value.Int64() == int64(code))
			return true
		})
		if gotID && gotCode {
			n++
		}
	}
	return n
}

func TestFailedRequestIsLoggedOnceWithFixedKeys(t *testing.T) {
	u, logs := startLoggedUA(t)
	r := dialRaw(t, "UDP", u)
	r.send(edit(r.request("INVITE", "log-me"), "From", "<sip:x@127.0.0.1>"), "")
	r.expect("log-me", 400)
	r.send(r.request("OPTIONS", "sync"), "")
	r.expect("sync", 200)
	if n := logs.count("log-me", 400); n != 1 {
		t.Errorf("%d log records with call_id=log-me status=400, want 1", n)
	}
}
