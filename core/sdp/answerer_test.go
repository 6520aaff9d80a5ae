package sdp

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

// edit returns the Genesys offer with old replaced by new (old must occur).
func edit(t testing.TB, old, new string) string {
	t.Helper()
	base := offerText(t, "genesys-sipserver.sdp")
	if !strings.Contains(base, old) {
		t.Fatalf("edit: %q not in the base offer", old)
	}
	return strings.Replace(base, old, new, 1)
}

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

// genesysRemote is the Media of the unedited Genesys offer.
func genesysRemote() Media {
	return Media{Addr: ip("10.10.1.20"), Port: 40000, RTCPAddr: ip("10.10.1.20"), RTCPPort: 40001, Proto: "RTP/AVP",
		Codec: PCMU, EventPT: 101, PtimeMs: 20, Direction: SendRecv}
}

// genesysLine is our answer's audio line for the unedited Genesys offer.
func genesysLine() audioLine {
	return audioLine{port: 30000, formats: []string{"0", "101"},
		rtpmaps: []string{"0 PCMU/8000", "101 telephone-event/8000"}, fmtp: "101 0-15", ptime: 20, dir: "sendrecv"}
}

type answerCase struct {
	name   string
	offer  string       // a file in testdata/offers, or the text itself
	local  func(*Local) // changes to testLocal, may be nil
	force  *Direction
	chosen int          // the m-line we answer; every other one is refused
	remote func(*Media) // changes to genesysRemote
	line   func(*audioLine)
}

func answerCases(t testing.TB) []answerCase {
	return []answerCase{
		{name: "a Genesys SIP Server offer gets PCMU and telephone-event 101", offer: "genesys-sipserver.sdp"},
		{name: "a Polycom offer skips G.722 and G.722.1 and gets PCMU with events at 127",
			offer: "polycom-vvx.sdp", remote: func(m *Media) {
				*m = Media{Addr: ip("192.168.1.50"), Port: 2222, RTCPAddr: ip("192.168.1.50"), RTCPPort: 2223, Proto: "RTP/AVP",
					Codec: PCMU, EventPT: 127, PtimeMs: 20}
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp = []string{"0", "127"}, []string{"0 PCMU/8000", "127 telephone-event/8000"}, "127 0-15"
			}},
		{name: "an Asterisk offer in PCMA-first order gets PCMA and events 0-16", offer: "asterisk.sdp",
			remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort, m.Codec = ip("172.16.0.10"), 10056, ip("172.16.0.10"), 10057, PCMA
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp = []string{"8", "101"}, []string{"8 PCMA/8000", "101 telephone-event/8000"}, "101 0-16"
			}},
		{name: "video first: audio is answered in position 1 and video and BFCP are refused",
			offer: "video-then-audio.sdp", chosen: 1, remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort, m.EventPT = ip("198.51.100.7"), 49170, ip("198.51.100.7"), 49171, 96
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp = []string{"0", "96"}, []string{"0 PCMU/8000", "96 telephone-event/8000"}, "96 0-15"
			}},
		{name: "an IPv6 offer with a=rtcp on another address", offer: "ipv6.sdp",
			local: func(l *Local) { l.Addr = ip("2001:db8::5") },
			remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort = ip("2001:db8::10"), 16384, ip("2001:db8::11"), 16385
			}},
		{name: "sipp's minimal offer gets PCMU without events", offer: "sipp-uac.sdp",
			remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort, m.EventPT = ip("127.0.0.1"), 6000, ip("127.0.0.1"), 6001, -1
			}, line: func(l *audioLine) { l.formats, l.rtpmaps, l.fmtp = []string{"0"}, []string{"0 PCMU/8000"}, "" }},
		{name: "a sendonly recorder fork is answered recvonly", offer: "recorder-sendonly.sdp",
			force: ptr(RecvOnly),
			remote: func(m *Media) {
				*m = Media{Addr: ip("10.20.0.4"), Port: 31000, RTCPAddr: ip("10.20.0.4"), RTCPPort: 31001, Codec: PCMA, Proto: "RTP/AVP",
					EventPT: 101, PtimeMs: 20, Direction: SendOnly}
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.dir = []string{"8", "101"}, []string{"8 PCMA/8000", "101 telephone-event/8000"}, "recvonly"
			}},
		{name: "a sendrecv offer to a receive-only recorder is answered recvonly", offer: "genesys-sipserver.sdp",
			force: ptr(RecvOnly),
			line:  func(l *audioLine) { l.dir = "recvonly" }},
		{name: "a recvonly offer to a receive-only recorder is answered inactive",
			offer: edit(t, "a=sendrecv", "a=recvonly"), force: ptr(RecvOnly),
			remote: func(m *Media) { m.Direction = RecvOnly },
			line:   func(l *audioLine) { l.dir = "inactive" }},
		{name: "we put a sendrecv party on hold by forcing sendonly", offer: "genesys-sipserver.sdp",
			force: ptr(SendOnly), line: func(l *audioLine) { l.dir = "sendonly" }},
		{name: "hold with sendonly is answered recvonly", offer: edit(t, "a=sendrecv", "a=sendonly"),
			remote: func(m *Media) { m.Direction = SendOnly },
			line:   func(l *audioLine) { l.dir = "recvonly" }},
		{name: "hold with inactive is answered inactive", offer: edit(t, "a=sendrecv", "a=inactive"),
			remote: func(m *Media) { m.Direction = Inactive },
			line:   func(l *audioLine) { l.dir = "inactive" }},
		{name: "hold with a session-level sendonly is answered recvonly",
			offer:  strings.Replace(edit(t, "a=sendrecv\n", ""), "t=0 0\n", "t=0 0\na=sendonly\n", 1),
			remote: func(m *Media) { m.Direction = SendOnly },
			line:   func(l *audioLine) { l.dir = "recvonly" }},
		{name: "a media-level sendrecv overrides a session-level sendonly",
			offer: edit(t, "t=0 0\n", "t=0 0\na=sendonly\n")},
		{name: "legacy hold with c=0.0.0.0 is answered recvonly", offer: edit(t, "c=IN IP4 10.10.1.20", "c=IN IP4 0.0.0.0"),
			remote: func(m *Media) {
				m.Addr, m.RTCPAddr, m.Direction = ip("0.0.0.0"), ip("0.0.0.0"), SendOnly
			}, line: func(l *audioLine) { l.dir = "recvonly" }},
		{name: "the SRTP line is refused and the plain RTP line answered", offer: "srtp-and-rtp.sdp", chosen: 1,
			remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort = ip("203.0.113.9"), 20002, ip("203.0.113.9"), 20003
			}},
		{name: "a second usable audio line is refused", offer: edit(t, "a=sendrecv\n", "a=sendrecv\nm=audio 40002 RTP/AVP 0\n")},
		{name: "a sloppy gateway: lower case, lines out of order, unknown lines, media c= wins",
			offer: "sloppy.sdp", remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort, m.Codec, m.EventPT = ip("192.0.2.2"), 8000, ip("192.0.2.2"), 8001, PCMA, 97
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp = []string{"8", "97"}, []string{"8 PCMA/8000", "97 telephone-event/8000"}, "97 0-11,16"
			}},
		{name: "no final line end, static PT without rtpmap, ptime 30 echoed", offer: "no-final-newline.sdp",
			remote: func(m *Media) {
				m.Addr, m.Port, m.RTCPAddr, m.RTCPPort, m.EventPT, m.PtimeMs = ip("192.0.2.1"), 8000, ip("192.0.2.1"), 8001, -1, 30
			}, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp, l.ptime = []string{"0"}, []string{"0 PCMU/8000"}, "", 30
			}},
		{name: "ptime 10 is echoed", offer: edit(t, "a=ptime:20", "a=ptime:10"),
			remote: func(m *Media) { m.PtimeMs = 10 }, line: func(l *audioLine) { l.ptime = 10 }},
		{name: "a maxptime below ours lowers the packet time", offer: edit(t, "a=ptime:20", "a=maxptime:10"),
			remote: func(m *Media) { m.PtimeMs = 10 }, line: func(l *audioLine) { l.ptime = 10 }},
		{name: "without a=ptime our packet time is used", offer: edit(t, "a=ptime:20\n", ""),
			local: func(l *Local) { l.PtimeMs = 30 }, remote: func(m *Media) { m.PtimeMs = 30 }, line: func(l *audioLine) { l.ptime = 30 }},
		{name: "a remote a=rtcp port is used", offer: edit(t, "a=ptime:20", "a=ptime:20\na=rtcp:40101"),
			remote: func(m *Media) { m.RTCPPort = 40101 }},
		{name: "telephone-event at 16000 only is not echoed", offer: edit(t, "telephone-event/8000", "telephone-event/16000"),
			remote: func(m *Media) { m.EventPT = -1 },
			line:   func(l *audioLine) { l.formats, l.rtpmaps, l.fmtp = []string{"0"}, []string{"0 PCMU/8000"}, "" }},
		{name: "telephone-event at 96 is echoed at 96", offer: strings.ReplaceAll(edit(t, " 101\n", " 96\n"), "101 ", "96 "),
			remote: func(m *Media) { m.EventPT = 96 }, line: func(l *audioLine) {
				l.formats, l.rtpmaps, l.fmtp = []string{"0", "96"}, []string{"0 PCMU/8000", "96 telephone-event/8000"}, "96 0-15"
			}},
		{name: "events we do not know are left out of the answer's fmtp", offer: edit(t, "101 0-15", "101 0-15,32,66"),
			line: func(l *audioLine) {}},
		{name: "no events when we do not want them", offer: "genesys-sipserver.sdp", local: func(l *Local) { l.EventPT = -1 },
			remote: func(m *Media) { m.EventPT = -1 },
			line:   func(l *audioLine) { l.formats, l.rtpmaps, l.fmtp = []string{"0"}, []string{"0 PCMU/8000"}, "" }},
		{name: "the offerer's order wins over our preference", offer: "genesys-sipserver.sdp",
			local: func(l *Local) { l.Codecs = []Codec{PCMA, PCMU} }},
		{name: "a PCMA-only offer gets PCMA", offer: edit(t, "RTP/AVP 0 8 18 101", "RTP/AVP 8 101"),
			remote: func(m *Media) { m.Codec = PCMA }, line: func(l *audioLine) {
				l.formats, l.rtpmaps = []string{"8", "101"}, []string{"8 PCMA/8000", "101 telephone-event/8000"}
			}},
		{name: "PCMU on a dynamic payload type keeps that type", offer: edit(t, "RTP/AVP 0 8 18 101", "RTP/AVP 98 101\na=rtpmap:98 pcmu/8000"),
			remote: func(m *Media) { m.Codec.PT = 98 }, line: func(l *audioLine) {
				l.formats, l.rtpmaps = []string{"98", "101"}, []string{"98 PCMU/8000", "101 telephone-event/8000"}
			}},
	}
}

func TestAnswer(t *testing.T) {
	for _, tc := range answerCases(t) {
		for _, crlf := range []bool{false, true} {
			name := tc.name
			if crlf {
				name += " (CRLF)"
			}
			t.Run(name, func(t *testing.T) { runAnswerCase(t, tc, crlf) })
		}
	}
}

func runAnswerCase(t *testing.T, tc answerCase, crlf bool) {
	text := offerText(t, tc.offer)
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	local, want, line := testLocal(), genesysRemote(), genesysLine()
	for _, f := range []func(){func() { call(tc.local, &local) }, func() { call(tc.remote, &want) }, func() { call(tc.line, &line) }} {
		f()
	}
	offer, err := ParseOffer([]byte(text))
	if err != nil {
		t.Fatalf("ParseOffer: %v", err)
	}
	answer, remote, err := Answer(offer, local, tc.force)
	if err != nil {
		t.Fatalf("Answer: %v", err)
	}
	if remote != want {
		t.Errorf("remote\n got %+v\nwant %+v", remote, want)
	}
	d := strict(t, answer)
	checkOurs(t, d, local)
	offered := mLines(text)
	if len(d.MediaDescriptions) != len(offered) {
		t.Fatalf("%d m-lines, offer had %d", len(d.MediaDescriptions), len(offered))
	}
	for i, md := range d.MediaDescriptions {
		if i == tc.chosen {
			checkAudio(t, md, line)
			continue
		}
		mn := md.MediaName
		if mn.Media != offered[i][0] || mn.Port.Value != 0 || strings.Join(mn.Protos, "/") != offered[i][2] ||
			strings.Join(mn.Formats, " ") != strings.Join(offered[i][3:], " ") || len(md.Attributes) != 0 {
			t.Errorf("m-line %d: %+v, want refused %v with port 0", i, mn, offered[i])
		}
	}
}

func ptr(d Direction) *Direction { return &d }

func call[T any](f func(*T), v *T) {
	if f != nil {
		f(v)
	}
}

func TestAnswerRefusesAT38Line(t *testing.T) {
	text := edit(t, "a=sendrecv\n", "a=sendrecv\nm=image 40002 udptl t38\na=T38FaxVersion:0\n")
	offer, err := ParseOffer([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	answer, _, err := Answer(offer, testLocal(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// pion does not know m=image, so check the text itself.
	if !strings.HasSuffix(string(answer), "a=sendrecv\r\nm=image 0 udptl t38\r\n") {
		t.Errorf("answer does not end with the refused image line:\n%s", answer)
	}
	if _, err := ParseOffer(answer); err != nil {
		t.Errorf("our own answer does not parse: %v", err)
	}
}

func TestParseOfferKeepsTheOrigin(t *testing.T) {
	offer, err := ParseOffer([]byte(offerText(t, "video-then-audio.sdp")))
	if err != nil {
		t.Fatal(err)
	}
	if offer.SessionID != 2890844526 || offer.Version != 2890844527 {
		t.Errorf("o= %d %d, want 2890844526 2890844527", offer.SessionID, offer.Version)
	}
}

func TestAnswerErrors(t *testing.T) {
	big := edit(t, "a=sendrecv", "a=sendrecv\n"+strings.Repeat("a=x-padding:0123456789abcdef\n", 3000))
	tests := []struct {
		name  string
		offer string
		local func(*Local)
		want  error
	}{
		{"an empty body is malformed", "", nil, ErrMalformed},
		{"text that is not SDP is malformed", "hello world\n", nil, ErrMalformed},
		{"an offer without o= is malformed", edit(t, "o=- 1234567890 1 IN IP4 10.10.1.20\n", ""), nil, ErrMalformed},
		{"an offer without any c= is malformed", edit(t, "c=IN IP4 10.10.1.20\n", ""), nil, ErrMalformed},
		{"a host name in c= is malformed", edit(t, "c=IN IP4 10.10.1.20", "c=IN IP4 pbx.example.com"), nil, ErrMalformed},
		{"a control character is malformed", edit(t, "s=Genesys", "s=Gen\x00esys"), nil, ErrMalformed},
		{"a body over 64 KiB is malformed", big, nil, ErrMalformed},
		{"an m-line without formats is malformed", edit(t, "RTP/AVP 0 8 18 101", "RTP/AVP"), nil, ErrMalformed},
		{"a port out of range is malformed", edit(t, "m=audio 40000", "m=audio 70000"), nil, ErrMalformed},
		{"a video-only offer has no audio", offerText(t, "video-then-audio.sdp")[:strings.Index(offerText(t, "video-then-audio.sdp"), "m=audio")], nil, ErrNoAudio},
		{"a T.38 re-INVITE with audio at port 0 has no audio", "t38-reinvite.sdp", nil, ErrNoAudio},
		{"an SRTP-only offer with srtp off is refused", edit(t, "RTP/AVP", "RTP/SAVP"), nil, ErrSecurity},
		{"a multicast offer has no audio", edit(t, "c=IN IP4 10.10.1.20", "c=IN IP4 224.2.1.1/127"), nil, ErrNoAudio},
		{"an offer without m-lines has no audio", edit(t, "a=sendrecv\n", "")[:strings.Index(offerText(t, "genesys-sipserver.sdp"), "m=")], nil, ErrNoAudio},
		{"a G.729-only offer has no common codec", edit(t, "RTP/AVP 0 8 18 101", "RTP/AVP 18 101"), nil, ErrNoCommonCodec},
		{"stereo PCMU is not our PCMU", strings.Replace(edit(t, "RTP/AVP 0 8 18 101", "RTP/AVP 0 101"), "PCMU/8000", "PCMU/8000/2", 1), nil, ErrNoCommonCodec},
		{"PCMU when we only take PCMA has no common codec", "sipp-uac.sdp", func(l *Local) { l.Codecs = []Codec{PCMA} }, ErrNoCommonCodec},
		{"ptime 40 is refused", edit(t, "a=ptime:20", "a=ptime:40"), nil, ErrBadPtime},
		{"ptime 5 is refused", edit(t, "a=ptime:20", "a=ptime:5"), nil, ErrBadPtime},
		{"maxptime 5 is refused", edit(t, "a=ptime:20", "a=maxptime:5"), nil, ErrBadPtime},
		{"a local without address is a local error", "genesys-sipserver.sdp", func(l *Local) { l.Addr = netip.Addr{} }, ErrLocal},
		{"a local with port 0 is a local error", "genesys-sipserver.sdp", func(l *Local) { l.Port = 0 }, ErrLocal},
		{"a local with ptime 40 is a local error", "genesys-sipserver.sdp", func(l *Local) { l.PtimeMs = 40 }, ErrLocal},
		{"a local event PT that is a codec's is a local error", "genesys-sipserver.sdp", func(l *Local) { l.Codecs = []Codec{{PT: 101, Name: "PCMU", ClockRate: 8000}} }, ErrLocal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.offer
			if tc.offer != "" {
				text = offerText(t, tc.offer)
			}
			local := testLocal()
			call(tc.local, &local)
			offer, err := ParseOffer([]byte(text))
			if err == nil {
				_, _, err = Answer(offer, local, nil)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if err.Error() == tc.want.Error() {
				t.Errorf("error %q carries no detail", err)
			}
		})
	}
}

func TestAnswerWithoutOffer(t *testing.T) {
	if _, _, err := Answer(nil, testLocal(), nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("Answer(nil) = %v, want ErrMalformed", err)
	}
}
