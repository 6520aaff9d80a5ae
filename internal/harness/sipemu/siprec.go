package sipemu

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/emiago/sipgo/sip"
)

// siprecBoundary separates the parts of InviteSIPREC's body.
const siprecBoundary = "reel-sipemu-siprec"

// InviteSIPREC opens a SIPREC recording session (RFC 7866) as an SBC
// forking a call: one INVITE with Require: siprec whose multipart body
// offers each party's stream sendonly (labels "1", "2", …) with RFC 7865
// metadata naming the parties sip:party<N>@src; each party is pointed
// at its m-line of the answer. The Leg's Party is the first one.
func (e *Emulator) InviteSIPREC(ctx context.Context, requestURI, session string, parties []*Party, headers ...sip.Header) (*Leg, error) {
	l := &Leg{e: e, Party: parties[0], version: 1, bye: make(chan struct{})}
	hdrs := append([]sip.Header{sip.NewHeader("Content-Type", "multipart/mixed;boundary="+siprecBoundary),
		sip.NewHeader("Require", "siprec")}, headers...)
	if err := e.dial(ctx, requestURI, l, siprecBody(session, parties), hdrs...); err != nil {
		return nil, err
	}
	dlg := l.dlg
	ports := answerPorts(dlg.InviteResponse.Body())
	if len(ports) != len(parties) {
		return nil, fmt.Errorf("sipemu: answer with %d m-lines for %d streams", len(ports), len(parties))
	}
	ap, err := MediaAddr(dlg.InviteResponse.Body())
	if err != nil {
		return nil, err
	}
	for i, p := range parties {
		p.SetRemote(netip.AddrPortFrom(ap.Addr(), uint16(ports[i])))
	}
	return l, dlg.Ack(ctx)
}

// siprecBody is the multipart offer: SDP with one sendonly m-line per
// party, and the metadata.
func siprecBody(session string, parties []*Party) []byte {
	var sdp, meta strings.Builder
	sdp.WriteString("v=0\r\no=sbc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
	// Compact: an INVITE over UDP must stay under sipgo's MTU limit.
	meta.WriteString(`<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>` +
		`<session session_id="` + session + `"/>`)
	for i, p := range parties {
		n := strconv.Itoa(i + 1)
		name := map[uint8]string{0: "PCMU", 8: "PCMA"}[p.pt]
		fmt.Fprintf(&sdp, "m=audio %d RTP/AVP %d\r\na=rtpmap:%d %s/8000\r\na=sendonly\r\na=label:%s\r\n",
			p.Port(), p.pt, p.pt, name, n)
		meta.WriteString(`<participant participant_id="p` + n + `"><nameID aor="sip:party` + n + `@src"/></participant>` +
			`<stream stream_id="s` + n + `"><label>` + n + `</label></stream>` +
			`<participantstreamassoc participant_id="p` + n + `"><send>s` + n + `</send></participantstreamassoc>`)
	}
	meta.WriteString("</recording>")
	return []byte("--" + siprecBoundary + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp.String() +
		"\r\n--" + siprecBoundary + "\r\nContent-Type: application/rs-metadata+xml\r\n\r\n" +
		meta.String() + "\r\n--" + siprecBoundary + "--\r\n")
}

// answerPorts are the ports of an answer's m-lines, in order.
func answerPorts(sdp []byte) []int {
	var out []int
	for line := range strings.Lines(string(sdp)) {
		if f := strings.Fields(line); len(f) > 1 && strings.HasPrefix(f[0], "m=") {
			p, _ := strconv.Atoi(f[1])
			out = append(out, p)
		}
	}
	return out
}
