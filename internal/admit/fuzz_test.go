package admit

import (
	"net"
	"testing"

	"github.com/emiago/sipgo/sip"
)

// FuzzScreen feeds datagrams to Screen from a source not allowed (403
// mode: parsed and answered) and from an allowed one over the INVITE
// rate: no input may panic, and a refusal always comes with a request to
// answer that yields a response.
func FuzzScreen(f *testing.F) {
	f.Add([]byte("INVITE sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n" +
		"From: <sip:b@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"))
	f.Add([]byte("ACK sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nFrom: <sip:b@h>;tag=1\r\n" +
		"To: <sip:a@h>;tag=2\r\nCall-ID: c\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"))
	f.Add([]byte("INVITE garbage"))
	f.Add([]byte("SIP/2.0 200 OK\r\n\r\n"))
	allow, _ := ParsePrefixes("allow", []string{"192.0.2.0/24"})
	g, err := New(Config{Allow: allow, InviteRate: 1e-9, InviteBurst: 1})
	if err != nil {
		f.Fatal(err)
	}
	parser := sip.NewParser()
	outsider := &net.UDPAddr{IP: net.IPv4(203, 0, 113, 1), Port: 5060}
	insider := &net.UDPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 5060}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, src := range []net.Addr{outsider, insider, insider} {
			v, req := g.Screen(src, data, parser)
			if (v == Forbidden || v == Busy) != (req != nil) {
				t.Fatalf("verdict %v with request %v", v, req)
			}
			if req != nil && g.Refusal(v, req) == nil {
				t.Fatal("no refusal")
			}
		}
	})
}
