package conference

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
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
