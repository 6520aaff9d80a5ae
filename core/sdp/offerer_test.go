package sdp

import (
	"errors"
	"strings"
	"testing"
)

func TestMakeOffer(t *testing.T) {
	tests := []struct {
		name  string
		local func(*Local)
		dir   Direction
		line  audioLine
	}{
		{"the default offer has PCMU, PCMA and events 0-16", nil, SendRecv, audioLine{formats: []string{"0", "8", "101"},
			rtpmaps: []string{"0 PCMU/8000", "8 PCMA/8000", "101 telephone-event/8000"}, fmtp: "101 0-16", ptime: 20, dir: "sendrecv"}},
		{"a hold offer is sendonly", nil, SendOnly, audioLine{formats: []string{"0", "8", "101"},
			rtpmaps: []string{"0 PCMU/8000", "8 PCMA/8000", "101 telephone-event/8000"}, fmtp: "101 0-16", ptime: 20, dir: "sendonly"}},
		{"our codec order, event PT and ptime are used", func(l *Local) {
			l.Codecs, l.EventPT, l.PtimeMs = []Codec{PCMA}, 96, 30
		}, SendRecv, audioLine{formats: []string{"8", "96"}, rtpmaps: []string{"8 PCMA/8000", "96 telephone-event/8000"},
			fmtp: "96 0-16", ptime: 30, dir: "sendrecv"}},
		{"no events are offered when EventPT is -1", func(l *Local) { l.EventPT = -1 }, SendRecv, audioLine{formats: []string{"0", "8"},
			rtpmaps: []string{"0 PCMU/8000", "8 PCMA/8000"}, ptime: 20, dir: "sendrecv"}},
		{"an IPv6 offer", func(l *Local) { l.Addr = ip("2001:db8::5") }, SendRecv, audioLine{formats: []string{"0", "8", "101"},
			rtpmaps: []string{"0 PCMU/8000", "8 PCMA/8000", "101 telephone-event/8000"}, fmtp: "101 0-16", ptime: 20, dir: "sendrecv"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			local := testLocal()
			call(tc.local, &local)
			b := MakeOffer(local, tc.dir)
			if b == nil {
				t.Fatal("MakeOffer gave nil")
			}
			d := strict(t, b)
			checkOurs(t, d, local)
			if len(d.MediaDescriptions) != 1 {
				t.Fatalf("%d m-lines, want 1", len(d.MediaDescriptions))
			}
			tc.line.port = local.Port
			checkAudio(t, d.MediaDescriptions[0], tc.line)
		})
	}
}

func TestMakeOfferRefusesABadLocal(t *testing.T) {
	local := testLocal()
	local.Port = 65535
	if err := local.Validate(); !errors.Is(err, ErrLocal) {
		t.Errorf("Validate with port 65535 = %v, want ErrLocal (no room for RTCP)", err)
	}
	if b := MakeOffer(local, SendRecv); b != nil {
		t.Errorf("MakeOffer with port 65535 = %q, want nil", b)
	}
	if b := MakeOffer(testLocal(), 9); b != nil {
		t.Errorf("MakeOffer with direction 9 = %q, want nil", b)
	}
	if err := testLocal().Validate(); err != nil {
		t.Errorf("Validate(testLocal()) = %v", err)
	}
}

// answerTo is a typical answer to our default offer from 10.1.1.1:5004.
func answerTo(old, new string) string {
	return strings.Replace("v=0\r\no=- 9 9 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"+
		"m=audio 5004 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"+
		"a=fmtp:101 0-15\r\na=ptime:20\r\n", old, new, 1)
}

func TestParseAnswer(t *testing.T) {
	base := Media{Addr: ip("10.1.1.1"), Port: 5004, RTCPAddr: ip("10.1.1.1"), RTCPPort: 5005, Codec: PCMA, Proto: "RTP/AVP",
		EventPT: 101, PtimeMs: 20, Direction: SendRecv}
	tests := []struct {
		name   string
		answer string
		local  func(*Local)
		want   func(*Media)
	}{
		{"an answer with PCMA and events at 101", answerTo("", ""), nil, nil},
		{"an answer with its own event payload type is sent with that type",
			strings.ReplaceAll(answerTo("", ""), "101", "96"), nil, func(m *Media) { m.EventPT = 96 }},
		{"an answer listing two codecs: its first one of ours is used", answerTo("RTP/AVP 8 101", "RTP/AVP 18 0 8 101"),
			nil, func(m *Media) { m.Codec = PCMU }},
		{"a recvonly answer: the remote will not send", answerTo("a=ptime:20", "a=ptime:20\r\na=recvonly"), nil,
			func(m *Media) { m.Direction = RecvOnly }},
		{"a c=0.0.0.0 answer: the remote does not receive", answerTo("c=IN IP4 10.1.1.1", "c=IN IP4 0.0.0.0"), nil,
			func(m *Media) { m.Addr, m.RTCPAddr, m.Direction = ip("0.0.0.0"), ip("0.0.0.0"), SendOnly }},
		{"an answer without events when we offered none", answerTo("", ""), func(l *Local) { l.EventPT = -1 },
			func(m *Media) { m.EventPT = -1 }},
		{"an answer with extra m-lines uses the first", answerTo("", "") + "m=video 0 RTP/AVP 31\r\n", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			local, want := testLocal(), base
			call(tc.local, &local)
			call(tc.want, &want)
			got, err := ParseAnswer([]byte(tc.answer), local)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestParseAnswerErrors(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		local  func(*Local)
		want   error
	}{
		{"an answer that is not SDP is malformed", "SIP/2.0 200 OK\r\n", nil, ErrMalformed},
		{"an answer without m-line has no audio", "v=0\r\no=- 9 9 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n", nil, ErrNoAudio},
		{"an answer with port 0 refused our stream", answerTo("m=audio 5004", "m=audio 0"), nil, ErrNoAudio},
		{"an answer with a codec we did not offer", answerTo("", ""),
			func(l *Local) { l.Codecs = []Codec{PCMU} }, ErrNoCommonCodec},
		{"an answer with ptime 40", answerTo("a=ptime:20", "a=ptime:40"), nil, ErrBadPtime},
		{"a bad local", answerTo("", ""), func(l *Local) { l.PtimeMs = 5 }, ErrLocal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			local := testLocal()
			call(tc.local, &local)
			if _, err := ParseAnswer([]byte(tc.answer), local); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestThirdPartyCallControl plays RFC 3725 flow I between two Reel legs: one
// offers, the other answers, the first reads the answer.
func TestThirdPartyCallControl(t *testing.T) {
	a, b := testLocal(), testLocal()
	b.Addr, b.Port, b.Codecs, b.EventPT = ip("10.0.0.6"), 40000, []Codec{PCMA}, 96
	o, err := ParseOffer(MakeOffer(a, SendRecv))
	if err != nil {
		t.Fatal(err)
	}
	answer, atB, err := Answer(o, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	atA, err := ParseAnswer(answer, a)
	if err != nil {
		t.Fatal(err)
	}
	if atB.Addr != a.Addr || atB.Port != a.Port || atB.Codec != PCMA || atB.EventPT != 101 {
		t.Errorf("B sees %+v", atB)
	}
	if atA.Addr != b.Addr || atA.Port != b.Port || atA.Codec != PCMA || atA.EventPT != 101 || atA.Direction != SendRecv {
		t.Errorf("A sees %+v", atA)
	}
}
