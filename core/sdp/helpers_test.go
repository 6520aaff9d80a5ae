package sdp

import (
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pion/sdp/v3"
)

// testLocal is our side in the tests: IPv4, port 30000.
func testLocal() Local {
	return Local{Addr: netip.MustParseAddr("10.0.0.5"), Port: 30000, SessionID: 42, Version: 7}
}

// offerText returns testdata/offers/<name> or, if name has a line break, name.
func offerText(t testing.TB, name string) string {
	t.Helper()
	if strings.Contains(name, "\n") {
		return name
	}
	b, err := os.ReadFile(filepath.Join("testdata", "offers", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mLines returns the fields of every m-line of text, as written.
func mLines(text string) [][]string {
	var out [][]string
	for _, l := range strings.FieldsFunc(text, isLineEnd) {
		if strings.HasPrefix(l, "m=") {
			out = append(out, strings.Fields(l[2:]))
		}
	}
	return out
}

// strict parses b with pion alone, with no help from our normaliser.
func strict(t *testing.T, b []byte) *sdp.SessionDescription {
	t.Helper()
	var d sdp.SessionDescription
	if err := d.Unmarshal(b); err != nil {
		t.Fatalf("pion cannot parse what we wrote: %v\n%s", err, b)
	}
	return &d
}

// attrs returns every value of attribute key.
func attrs(md *sdp.MediaDescription, key string) []string {
	var out []string
	for _, a := range md.Attributes {
		if a.Key == key {
			out = append(out, a.Value)
		}
	}
	return out
}

// checkOurs checks the session part we write: o=, s=, c=, t=.
func checkOurs(t *testing.T, d *sdp.SessionDescription, l Local) {
	t.Helper()
	typ := "IP4"
	if l.Addr.Is6() {
		typ = "IP6"
	}
	o := d.Origin
	if o.Username != "reel" || o.SessionID != l.SessionID || o.SessionVersion != l.Version ||
		o.NetworkType != "IN" || o.AddressType != typ || o.UnicastAddress != l.Addr.String() {
		t.Errorf("o= %+v, want reel %d %d IN %s %s", o, l.SessionID, l.Version, typ, l.Addr)
	}
	c := d.ConnectionInformation
	if c == nil || c.Address == nil || c.AddressType != typ || c.Address.Address != l.Addr.String() {
		t.Errorf("c= %+v, want IN %s %s", c, typ, l.Addr)
	}
	if len(d.TimeDescriptions) != 1 || d.TimeDescriptions[0].Timing != (sdp.Timing{}) {
		t.Errorf("t= %+v, want 0 0", d.TimeDescriptions)
	}
}

// audioLine is what our audio m-line must say.
type audioLine struct {
	port    int
	formats []string // payload types in order
	rtpmaps []string // a=rtpmap values in order
	fmtp    string   // a=fmtp value, "" for none
	ptime   int
	dir     string
}

func checkAudio(t *testing.T, md *sdp.MediaDescription, want audioLine) {
	t.Helper()
	mn := md.MediaName
	if mn.Media != "audio" || mn.Port.Value != want.port || strings.Join(mn.Protos, "/") != "RTP/AVP" {
		t.Errorf("m=%s %d %v, want audio %d RTP/AVP", mn.Media, mn.Port.Value, mn.Protos, want.port)
	}
	if got := strings.Join(mn.Formats, " "); got != strings.Join(want.formats, " ") {
		t.Errorf("formats %q, want %q", got, strings.Join(want.formats, " "))
	}
	if got := strings.Join(attrs(md, "rtpmap"), "|"); got != strings.Join(want.rtpmaps, "|") {
		t.Errorf("rtpmap %q, want %q", got, strings.Join(want.rtpmaps, "|"))
	}
	if got := strings.Join(attrs(md, "fmtp"), "|"); got != want.fmtp {
		t.Errorf("fmtp %q, want %q", got, want.fmtp)
	}
	if got := strings.Join(attrs(md, "ptime"), "|"); got != strconv.Itoa(want.ptime) {
		t.Errorf("ptime %q, want %d", got, want.ptime)
	}
	var dirs []string
	for _, a := range md.Attributes {
		if _, ok := parseDirection(a.Key); ok {
			dirs = append(dirs, a.Key)
		}
	}
	if len(dirs) != 1 || dirs[0] != want.dir {
		t.Errorf("direction attributes %v, want [%s]", dirs, want.dir)
	}
}
