package sipua

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/emiago/sipgo/sip"
)

// TestLargeResponsesReachTheSender: a response over 1,300 bytes (here a 200
// echoing a 3 KB To header) used to be refused by sipgo over UDP and never
// sent; a 400 to the same request too.
func TestLargeResponsesReachTheSender(t *testing.T) {
	to := "<sip:msml=conf1@127.0.0.1;pad=" + strings.Repeat("x", 3000) + ">"
	transports(t, func(t *testing.T, tr string) {
		u := startUA(t, newFakeMedia(), nil)
		r := dialRaw(t, tr, u)
		r.send(edit(r.request("OPTIONS", "big-200"), "To", to), "")
		if res := r.expect("big-200", 200); len(header(res, "To")) < 3000 {
			t.Errorf("To of %d bytes, want the 3 KB echo", len(header(res, "To")))
		}
		r.send(edit(edit(r.request("OPTIONS", "big-400"), "To", to), "From", "<sip:x@127.0.0.1>"), "")
		r.expect("big-400", 400)
	})
}

// TestResponseTooBigForADatagramBecomes513: a body no datagram can carry is
// answered 513 over UDP instead of nothing; over TCP it is sent.
func TestResponseTooBigForADatagramBecomes513(t *testing.T) {
	transports(t, func(t *testing.T, tr string) {
		m := newFakeMedia()
		u := startUA(t, m, nil)
		body := bytes.Repeat([]byte("y"), MaxDatagram+1)
		u.HandleInfo("application/msml+xml", func(ctxT, *Dialog, string, []byte) (int, string, []byte) {
			return 200, "application/msml+xml", body
		})
		c := newPeer(t, tr, u).newCall(ruri)
		c.established(m)
		want := map[string]int{"UDP": 513, "TCP": 200}[tr]
		if res := c.do(sip.INFO, "application/msml+xml", []byte("<msml/>")); res.StatusCode != want {
			t.Errorf("INFO: %d, want %d", res.StatusCode, want)
		}
	})
}

// TestDatagramsOver32KiBAreReadWhole: sipgo read 32 KiB of a datagram and
// dropped the rest with the request; now the whole request is read and
// answered (413 for a body over MaxBody, 200 within it).
func TestDatagramsOver32KiBAreReadWhole(t *testing.T) {
	u := startUA(t, newFakeMedia(), func(c *Config) { c.MaxBody = 48 << 10 })
	r := dialRaw(t, "UDP", u)
	r.send(r.request("OPTIONS", "40k"), strings.Repeat("z", 40<<10))
	r.expect("40k", 200)
	r.send(r.request("OPTIONS", "60k"), strings.Repeat("z", 60<<10))
	r.expect("60k", 413)
}

// TestContentLengthBeyondTheDatagramGets400 (RFC 3261 §18.3).
func TestContentLengthBeyondTheDatagramGets400(t *testing.T) {
	u := startUA(t, newFakeMedia(), nil)
	r := dialRaw(t, "UDP", u)
	r.write(strings.Join(r.request("OPTIONS", "short"), "\r\n") + "\r\nContent-Length: 99\r\n\r\nv=0")
	if res := r.expect("short", 400); res.Reason != "Content-Length Exceeds Datagram" {
		t.Errorf("reason %q", res.Reason)
	}
}

// TestGarbageFloodLogsFewShortLines: 350 unparseable 32 KB datagrams from
// one address used to write 350 ERROR lines carrying the whole payload.
func TestGarbageFloodLogsFewShortLines(t *testing.T) {
	u, logs := startLoggedUA(t)
	r := dialRaw(t, "UDP", u)
	junk := "\x16\x03" + strings.Repeat("garbage ", 4<<10)
	for range 350 {
		r.write(junk)
	}
	r.sync()
	logs.mu.Lock()
	defer logs.mu.Unlock()
	n, size := 0, 0
	for _, rec := range logs.records {
		if rec.Level >= slog.LevelWarn {
			t.Errorf("%s record %q", rec.Level, rec.Message)
		}
		if rec.Level < slog.LevelInfo {
			continue // sipgo's debug bookkeeping
		}
		n++
		rec.Attrs(func(a slog.Attr) bool { size += len(a.Value.String()); return true })
	}
	if n > 5 || size > 2048 {
		t.Errorf("%d records of %d bytes for one source's garbage, want at most 5 short ones", n, size)
	}
}

// FuzzReadFilter: any datagram is passed on only if sipgo can parse it, and
// nothing panics on the way (the 400 goes to a local socket of the test).
func FuzzReadFilter(f *testing.F) {
	f.Add([]byte("OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n" +
		"To: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 99\r\n\r\nv=0"))
	f.Add([]byte("ACK sip:h SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>\r\n" +
		"i: c\r\nCSeq: 1 ACK\r\nl: 4\r\n\r\n"))
	f.Add([]byte("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"))
	f.Add([]byte("SIP/2.0 200 OK\r\nCSeq: x\r\n\r\n"))
	u, err := New(Config{ListenUDP: "127.0.0.1:0"}, newFakeMedia(), nil)
	if err != nil {
		f.Fatal(err)
	}
	defer u.closeListeners()
	src, _ := u.Addr() // answers go back to the UA's own socket, unread
	props := sip.TransportReadProps{Transport: "UDP", RemoteAddr: src}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := u.readFilter(props, data)
		if err != nil {
			t.Fatalf("filter error %v", err)
		}
		if out != nil {
			if _, err := sip.ParseMessage(out); err != nil {
				t.Errorf("passed on an unparseable datagram: %v", err)
			}
		}
	})
}

// BenchmarkReadFilter is the cost readFilter adds to every UDP datagram (a
// parse sipgo then repeats), for a GIR INVITE with SDP.
func BenchmarkReadFilter(b *testing.B) {
	inv := []byte("INVITE sip:msml=conf1@127.0.0.1:5060;dn=1001;record SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1-1-0\r\nFrom: \"SIP Server\" <sip:sipserver@127.0.0.1:5070>;tag=1SIPpTag001\r\n" +
		"To: <sip:msml=conf1@127.0.0.1:5060>\r\nCall-ID: 1-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:sipserver@127.0.0.1:5070>\r\n" +
		"Max-Forwards: 70\r\nX-Genesys-CallUUID: 0123456789ABCDEF1\r\nContent-Type: application/sdp\r\nContent-Length: 167\r\n\r\n" +
		"v=0\r\no=party 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\n" +
		"a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n")
	u, err := New(Config{ListenUDP: "127.0.0.1:0"}, newFakeMedia(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer u.closeListeners()
	src, _ := u.Addr()
	props := sip.TransportReadProps{Transport: "UDP", RemoteAddr: src}
	if out, _ := u.readFilter(props, inv); out == nil {
		b.Fatal("the INVITE does not pass")
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = u.readFilter(props, inv)
	}
}
