package siprec

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// vendorCase is what a vendor variant in testdata/offers must yield.
type vendorCase struct {
	labels  []string
	dirs    []string
	senders []string // AOR of each stream's sender, "" for none
	session string   // first communication session id
	ignored []string
	ext     string // a substring of the extension data
}

var vendorCases = map[string]vendorCase{
	"rfc7866": {labels: []string{"96", "97"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:alice@atlanta.com", "sip:bob@biloxi.com"}, session: "hVpd7YQgRW2nD22h7q60JQ==",
		ext: "<supervisor>sip:alice@atlanta.com</supervisor>"},
	"draft-namespace": {labels: []string{"1", "2"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:+15551000@carrier.example", "sip:7001@pbx.example"}, session: "0000-0001"},
	"prefixed": {labels: []string{"1", "2"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:8001@10.0.0.1", "sip:8002@10.0.0.2"}, session: "5a2ba7f8fd7111e7bde8a24e5d1e3e4c"},
	"metadata-no-xml-suffix": {labels: []string{"caller", "callee"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:alice@example.com", "sip:bob@example.com"}, session: "sess-1"},
	"extra-gtd": {labels: []string{"101", "102"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:+4930123@gw.example", "sip:2001@cc.example"}, session: "c2Vzc2lvbi0x",
		ignored: []string{"application/gtd"}, ext: `<ucid xmlns="http://avaya.com/siprec">00001002161552483590</ucid>`},
	"label-mismatch": {labels: []string{"leg-a", "leg-b"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"", ""}, session: "s"},
	"all-inactive": {labels: []string{"1", "2"}, dirs: []string{"inactive", "inactive"},
		senders: []string{"sip:p@example.com", "sip:q@example.com"}, session: "s9"},
	"plain-sdp": {labels: []string{"", ""}, dirs: []string{"sendonly", "sendonly"}, senders: []string{"", ""}},
	"g722": {labels: []string{"in", "out"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:customer@example.com", "sip:7001@example.com"}, session: "wb"},
	"no-boundary-param": {labels: []string{"1", "2"}, dirs: []string{"sendonly", "sendonly"},
		senders: []string{"sip:a@x", ""}},
}

func TestVendorOffersYieldStreamsAndParticipants(t *testing.T) {
	for _, name := range offerNames(t) {
		want, ok := vendorCases[name]
		if !ok {
			t.Errorf("testdata/offers/%s.txt has no expectation", name)
			continue
		}
		for _, crlf := range []bool{false, true} {
			t.Run(name+lineEnds(crlf), func(t *testing.T) {
				ct, body := readOffer(t, name, crlf)
				o, err := ParseOffer(ct, body)
				if err != nil {
					t.Fatal(err)
				}
				checkOffer(t, o, want)
			})
		}
	}
}

func lineEnds(crlf bool) string {
	if crlf {
		return " with CRLF"
	}
	return " with LF"
}

func checkOffer(t *testing.T, o *Offer, want vendorCase) {
	t.Helper()
	var st State
	if o.Metadata != nil {
		st.Apply(o.Metadata)
	}
	var labels, dirs, senders []string
	for _, s := range o.Streams {
		labels, dirs = append(labels, s.Label), append(dirs, s.Direction)
		p, _ := st.Sender(s.Label)
		senders = append(senders, p.AOR)
	}
	if !slices.Equal(labels, want.labels) || !slices.Equal(dirs, want.dirs) || !slices.Equal(senders, want.senders) {
		t.Errorf("labels %q dirs %q senders %q, want %q %q %q", labels, dirs, senders, want.labels, want.dirs, want.senders)
	}
	if got := strings.Join(st.SessionIDs[:min(1, len(st.SessionIDs))], ""); got != want.session {
		t.Errorf("session id %q, want %q", got, want.session)
	}
	if !slices.Equal(o.Ignored, want.ignored) {
		t.Errorf("ignored %q, want %q", o.Ignored, want.ignored)
	}
	if want.ext != "" && !strings.Contains(strings.Join(st.Extensions, "\n"), want.ext) {
		t.Errorf("extensions %q lack %q", st.Extensions, want.ext)
	}
}

func TestBadOffersGetPreciseErrors(t *testing.T) {
	sdp := "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
	multi := func(parts ...string) string {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString("--B\r\n" + p)
		}
		return b.String() + "--B--\r\n"
	}
	tests := []struct {
		name, ct, body string
		want           error
		says           string
	}{
		{"a text body is not an offer", "text/plain", "hi", ErrUnsupported, "text/plain"},
		{"a broken Content-Type", "multipart/mixed; boundary=", "x", ErrMalformed, "Content-Type"},
		{"a multipart body without a boundary line", "multipart/mixed", "no boundary", ErrMalformed, "boundary"},
		{"a multipart body without SDP", "multipart/mixed;boundary=B",
			multi("Content-Type: application/rs-metadata+xml\r\n\r\n<recording/>\r\n"), ErrUnsupported, "without an application/sdp part"},
		{"metadata that is not XML", "multipart/mixed;boundary=B",
			multi("Content-Type: application/sdp\r\n\r\n"+sdp, "Content-Type: application/rs-metadata+xml\r\n\r\n<recording><oops></recording>\r\n"), ErrMalformed, "rs-metadata"},
		{"metadata with another root", "multipart/mixed;boundary=B",
			multi("Content-Type: application/sdp\r\n\r\n"+sdp, "Content-Type: application/rs-metadata+xml\r\n\r\n<html/>\r\n"), ErrMalformed, "<html>"},
		{"an encoded part", "multipart/mixed;boundary=B",
			multi("Content-Type: application/sdp\r\nContent-Transfer-Encoding: base64\r\n\r\ndj0w\r\n"), ErrMalformed, "base64"},
		{"SDP without m-lines", "application/sdp", "v=0\r\ns=-\r\n", ErrMalformed, "without m-lines"},
		{"an m-line without a port", "application/sdp", "v=0\r\nm=audio x RTP/AVP 0\r\n", ErrMalformed, "port"},
		{"an unterminated multipart body", "multipart/mixed;boundary=B", "--B\r\nContent-Type: application/sdp\r\n\r\nv=0", ErrMalformed, "part 1"},
		{"too many parts", "multipart/mixed;boundary=B", multi(slices.Repeat([]string{"Content-Type: text/plain\r\n\r\nx\r\n"}, maxParts+1)...), ErrMalformed, "more than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseOffer(tc.ct, []byte(tc.body))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err %v, want %v saying %q", err, tc.want, tc.says)
			}
		})
	}
}
