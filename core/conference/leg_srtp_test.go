package conference

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/sdes"
	"github.com/reel-project/reel/core/sdp"
)

// srtpHost plans every call with one SRTP policy.
type srtpHost struct{ policy sdp.SRTP }

func (h srtpHost) Plan(requri.Target) Plan                      { return Plan{SRTP: h.policy} }
func (srtpHost) Prepare(string, time.Time, recmeta.Meta) string { return "" }
func (srtpHost) Done(Finished)                                  {}

var cryptoLine = regexp.MustCompile(`(?m)^a=crypto:(.*)\r$`)

// A re-INVITE re-keys: every answer and offer carries a fresh key, the
// session speaks SRTP, and a secure leg's 3PCC offer stays RTP/SAVP under the
// optional policy.
func TestLegRekeysOnEveryDescription(t *testing.T) {
	e := newEngine(t, func(c *Config) { c.Host = srtpHost{sdp.SRTPOptional} })
	l := join(t, e, "rekey", false)
	peer, err := sdes.NewCrypto(5, sdes.AESCM128HMACSHA180)
	if err != nil {
		t.Fatal(err)
	}
	offer := strings.Replace(partyOffer, "RTP/AVP", "RTP/SAVP", 1) + "a=crypto:" + peer.Attr() + "\r\n"
	var keys [][]byte
	for range 2 {
		ans, err := l.Answer([]byte(offer))
		if err != nil {
			t.Fatal(err)
		}
		m := cryptoLine.FindSubmatch(ans)
		if m == nil || !bytes.HasPrefix(m[1], []byte("5 AES_CM_128_HMAC_SHA1_80 inline:")) {
			t.Fatalf("answer:\n%s", ans)
		}
		keys = append(keys, m[1])
	}
	if bytes.Equal(keys[0], keys[1]) || !l.sess.Secure() {
		t.Fatalf("the re-INVITE kept our key (%s) or the leg is not secure", keys[0])
	}
	off, err := l.Offer()
	if err != nil || !bytes.Contains(off, []byte("RTP/SAVP")) || len(cryptoLine.FindAll(off, -1)) != len(sdes.Suites) {
		t.Fatalf("offer of a secure leg (%v):\n%s", err, off)
	}
}

func TestRequiredLegRefusesPlainRTP(t *testing.T) {
	e := newEngine(t, func(c *Config) { c.Host = srtpHost{sdp.SRTPRequired} })
	l := join(t, e, "required", false)
	if _, err := l.Answer([]byte(partyOffer)); !errors.Is(err, sdp.ErrSecurity) {
		t.Fatalf("plain offer: %v", err)
	}
	if l.sess.Secure() {
		t.Fatal("a refused offer keyed the leg")
	}
}
