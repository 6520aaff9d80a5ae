package conference

import (
	"bytes"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const partyOffer = "v=0\r\no=- 17 17 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
	"m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\na=sendrecv\r\n"

var oLine = regexp.MustCompile(`(?m)^o=reel (\d+) (\d+) `)

// sdpVersion returns the o= session id and version of our description.
func sdpVersion(t *testing.T, desc []byte) (id, version string) {
	t.Helper()
	m := oLine.FindSubmatch(desc)
	if m == nil {
		t.Fatalf("no o=reel line in\n%s", desc)
	}
	return string(m[1]), string(m[2])
}

// RFC 3264 §8: the version goes up by one when the description changes and
// stays when it does not; the session id stays for the dialog.
func TestOurSDPVersionChangesOnlyWithTheDescription(t *testing.T) {
	e := newEngine(t, nil)
	l := join(t, e, "sdpver", true)
	answer := func(offer string) []byte {
		t.Helper()
		b, err := l.Answer([]byte(offer))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := answer(partyOffer)
	id, v1 := sdpVersion(t, first)
	if again := answer(partyOffer); !bytes.Equal(again, first) {
		t.Errorf("an unchanged re-offer got a different answer:\n%s\nthen\n%s", first, again)
	}
	hold := answer(strings.Replace(partyOffer, "a=sendrecv", "a=sendonly", 1))
	idH, vH := sdpVersion(t, hold)
	if !bytes.Contains(hold, []byte("a=recvonly")) {
		t.Fatalf("hold answer is not recvonly:\n%s", hold)
	}
	back := answer(partyOffer)
	idB, vB := sdpVersion(t, back)
	offer, err := l.Offer()
	if err != nil {
		t.Fatal(err)
	}
	idO, vO := sdpVersion(t, offer)
	if got := []string{idH, idB, idO}; got[0] != id || got[1] != id || got[2] != id {
		t.Errorf("session ids %s then %v, want one for the dialog", id, got)
	}
	if got, want := []string{v1, vH, vB, vO}, []string{v1, plus(t, v1, 1), plus(t, v1, 2), plus(t, v1, 3)}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("versions %v, want %v", got, want)
	}
}

func plus(t *testing.T, v string, n uint64) string {
	t.Helper()
	x, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatUint(x+n, 10)
}

// The load generator's SIP socket once received a leg's RTCP: the party's
// SDP said nothing of RTCP, so the MCP sent it to the port above the RTP
// port, where the SIP Server's socket happened to be. A party that names its
// RTCP port (a=rtcp, RFC 3605) gets RTCP there and nowhere else.
func TestRTCPGoesToThePortTheSDPNames(t *testing.T) {
	e := newEngine(t, nil)
	l := join(t, e, "rtcp-port", true)
	rtpSock, named := udp(t), udp(t)
	offer := strings.NewReplacer("40000", strconv.Itoa(port(rtpSock)),
		"a=ptime:20", "a=ptime:20\r\na=rtcp:"+strconv.Itoa(port(named))).Replace(partyOffer)
	if _, err := l.Answer([]byte(offer)); err != nil {
		t.Fatal(err)
	}
	l.Close("test") // sends an RTCP BYE
	if b := readUDP(t, named); len(b) < 8 || b[1] != 200 && b[1] != 201 {
		t.Fatalf("the named RTCP port got % x, want an RTCP compound", b)
	}
	if st := l.sess.Stats(); st.RTCPSent != 1 {
		t.Fatalf("RTCPSent = %d, want the one compound read at the named port", st.RTCPSent)
	}
}

func udp(t *testing.T) *net.UDPConn {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func port(c *net.UDPConn) int { return c.LocalAddr().(*net.UDPAddr).Port }

func readUDP(t *testing.T, c *net.UDPConn) []byte {
	t.Helper()
	buf := make([]byte, 1500)
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := c.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	return buf[:n]
}
