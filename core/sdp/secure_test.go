package sdp

import (
	"errors"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/sdes"
)

func testSecureLocal(t testing.TB) Local {
	t.Helper()
	keys, err := sdes.NewKeys()
	if err != nil {
		t.Fatal(err)
	}
	l := testLocal()
	l.SRTP, l.Keys = SRTPOptional, keys
	return l
}

func answerWith(t *testing.T, offer string, l Local) (string, Media, error) {
	t.Helper()
	o, err := ParseOffer([]byte(offerText(t, offer)))
	if err != nil {
		t.Fatal(err)
	}
	b, m, err := Answer(o, l, nil)
	return string(b), m, err
}

func TestAnswerSAVPTakesFirstAcceptableCrypto(t *testing.T) {
	l := testSecureLocal(t)
	ans, m, err := answerWith(t, "savp-crypto.sdp", l)
	if err != nil {
		t.Fatal(err)
	}
	if !m.SRTP.Secure() || m.SRTP.Remote.Suite != sdes.AESCM128HMACSHA132 || m.SRTP.Remote.Tag != 2 || m.Proto != "RTP/SAVP" {
		t.Fatalf("chose %+v", m)
	}
	ours, _ := l.key(sdes.AESCM128HMACSHA132)
	ours.Tag = 2
	if m.SRTP.Local != ours {
		t.Fatalf("our key %+v, want %+v", m.SRTP.Local, ours)
	}
	if !strings.Contains(ans, "m=audio 30000 RTP/SAVP 0 101\r\n") || !strings.Contains(ans, "a=crypto:"+ours.Attr()+"\r\n") ||
		strings.Count(ans, "a=crypto") != 1 {
		t.Fatalf("answer:\n%s", ans)
	}
}

func TestSRTPPolicy(t *testing.T) {
	plain := "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
	bestEffort := plain + "a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n"
	noCrypto := strings.Replace(plain, "RTP/AVP", "RTP/SAVP", 1)
	badCrypto := noCrypto + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:short\r\n"
	savpf := strings.Replace(bestEffort, "RTP/AVP", "RTP/SAVPF", 1)
	cases := []struct {
		name, offer string
		policy      SRTP
		secure      bool
		proto       string
		err         error
	}{
		{"required refuses plain", plain, SRTPRequired, false, "", ErrSecurity},
		{"optional takes plain", plain, SRTPOptional, false, "RTP/AVP", nil},
		{"off takes plain", plain, SRTPOff, false, "RTP/AVP", nil},
		{"optional keys best effort", bestEffort, SRTPOptional, true, "RTP/AVP", nil},
		{"required keys best effort", bestEffort, SRTPRequired, true, "RTP/AVP", nil},
		{"off ignores best effort", bestEffort, SRTPOff, false, "RTP/AVP", nil},
		{"savp without crypto", noCrypto, SRTPOptional, false, "", ErrSecurity},
		{"savp with bad crypto", badCrypto, SRTPRequired, false, "", ErrSecurity},
		{"savpf answered savpf", savpf, SRTPOptional, true, "RTP/SAVPF", nil},
		{"off refuses savpf", savpf, SRTPOff, false, "", ErrSecurity},
		{"off falls back to the avp line", "savp-then-avp.sdp", SRTPOff, false, "RTP/AVP", nil},
		{"required takes the savp line", "savp-then-avp.sdp", SRTPRequired, true, "RTP/SAVP", nil},
	}
	for _, c := range cases {
		l := testSecureLocal(t)
		l.SRTP = c.policy
		ans, m, err := answerWith(t, c.offer, l)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s: err %v, want %v", c.name, err, c.err)
			}
			continue
		}
		if err != nil || m.SRTP.Secure() != c.secure || m.Proto != c.proto || strings.Contains(ans, "a=crypto") != c.secure {
			t.Errorf("%s: %+v, %v\n%s", c.name, m, err, ans)
		}
	}
}

func TestAnswerRefusesTheUnchosenSecureLine(t *testing.T) {
	l := testSecureLocal(t)
	l.SRTP = SRTPOff
	ans, _, err := answerWith(t, "savp-then-avp.sdp", l)
	if err != nil || !strings.Contains(ans, "m=audio 0 RTP/SAVP 0\r\n") || !strings.Contains(ans, "m=audio 30000 RTP/AVP 0") {
		t.Fatalf("%v\n%s", err, ans)
	}
}

func TestOfferSAVPAndParseAnswer(t *testing.T) {
	l := testSecureLocal(t)
	l.SRTP = SRTPRequired
	offer := string(MakeOffer(l, SendRecv))
	if !strings.Contains(offer, "m=audio 30000 RTP/SAVP 0 8 101\r\n") || strings.Count(offer, "a=crypto:") != len(sdes.Suites) {
		t.Fatalf("offer:\n%s", offer)
	}
	peer, _ := sdes.NewCrypto(3, sdes.AEADAES128GCM)
	ans := "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
	m, err := ParseAnswer([]byte(ans+"a=crypto:"+peer.Attr()+"\r\n"), l)
	if err != nil || m.SRTP.Remote != peer || m.SRTP.Local != l.Keys[2] {
		t.Fatalf("%+v, %v", m.SRTP, err)
	}
	if _, err := ParseAnswer([]byte(ans), l); !errors.Is(err, ErrSecurity) {
		t.Fatalf("answer without crypto: %v", err)
	}
	peer.Tag = 1 // tag 1 is our AES_CM_128_HMAC_SHA1_80 key, not GCM
	if _, err := ParseAnswer([]byte(ans+"a=crypto:"+peer.Attr()+"\r\n"), l); !errors.Is(err, ErrSecurity) {
		t.Fatalf("answer with a wrong tag: %v", err)
	}
	l.SRTP = SRTPOptional
	if offer := string(MakeOffer(l, SendRecv)); strings.Contains(offer, "crypto") || !strings.Contains(offer, "RTP/AVP") {
		t.Fatalf("optional offers plain RTP:\n%s", offer)
	}
}

func TestParseSRTP(t *testing.T) {
	for in, want := range map[string]SRTP{"": SRTPOptional, "optional": SRTPOptional, "Required": SRTPRequired, "off": SRTPOff} {
		if got, err := ParseSRTP(in); err != nil || got != want {
			t.Errorf("%q: %v, %v", in, got, err)
		}
	}
	if _, err := ParseSRTP("mandatory"); err == nil {
		t.Error("mandatory accepted")
	}
	if err := (Local{Addr: testLocal().Addr, Port: 1, SRTP: SRTPRequired}).Validate(); !errors.Is(err, ErrLocal) {
		t.Errorf("required without keys: %v", err)
	}
}
