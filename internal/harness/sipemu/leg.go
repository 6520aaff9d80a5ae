package sipemu

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// Leg is one party's dialog with the MCP.
type Leg struct {
	e       *Emulator
	dlg     *sipgo.DialogClientSession
	Party   *Party
	version int

	mu    sync.Mutex
	infos []Info
	bye   chan struct{}
}

// Info is an INFO request the MCP sent on this leg's dialog.
type Info struct {
	ContentType string
	Body        []byte
}

// Invite opens a dialog to requestURI ("sip:msml=<conf>@host:port;dn=…;record")
// carrying the party's offer, points the party at the MCP's answer and ACKs.
func (e *Emulator) Invite(ctx context.Context, requestURI string, party *Party, headers ...sip.Header) (*Leg, error) {
	l := &Leg{e: e, Party: party, version: 1, bye: make(chan struct{})}
	hdrs := append([]sip.Header{sip.NewHeader("Content-Type", "application/sdp")}, headers...)
	if err := e.dial(ctx, requestURI, l, party.SDP(l.version), hdrs...); err != nil {
		return nil, err
	}
	if err := l.point(l.dlg.InviteResponse.Body()); err != nil {
		return nil, err
	}
	return l, l.dlg.Ack(ctx)
}

// dial sends l's INVITE and waits for the final answer; the dialog is
// registered (for the MCP's INFO and BYE) while it lasts.
func (e *Emulator) dial(ctx context.Context, requestURI string, l *Leg, body []byte, hdrs ...sip.Header) error {
	var uri sip.Uri
	if err := sip.ParseUri(requestURI, &uri); err != nil {
		return fmt.Errorf("sipemu: request-uri: %w", err)
	}
	dlg, err := e.dua.Invite(ctx, uri, body, hdrs...)
	if err != nil {
		return err
	}
	l.dlg = dlg
	e.register(l)
	if err := dlg.WaitAnswer(ctx, sipgo.AnswerOptions{}); err != nil {
		e.unregister(l)
		return err
	}
	return nil
}

func (e *Emulator) register(l *Leg) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.legs[l.dlg.InviteRequest.CallID().Value()] = l
}

func (e *Emulator) unregister(l *Leg) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.legs, l.dlg.InviteRequest.CallID().Value())
}

// CallID returns the dialog's Call-ID.
func (l *Leg) CallID() string { return l.dlg.InviteRequest.CallID().Value() }

// point sends the party's audio where the MCP's SDP says.
func (l *Leg) point(sdp []byte) error {
	ap, err := MediaAddr(sdp)
	if err != nil {
		return err
	}
	l.Party.SetRemote(ap)
	return l.Party.keyFrom(sdp)
}

// ThirdPartyReinvite runs the RFC 3725 step SIP Server uses after the first
// INVITE: a re-INVITE without SDP, the MCP's offer in the 200 OK, and the
// party's answer in the ACK.
func (l *Leg) ThirdPartyReinvite(ctx context.Context) error {
	res, err := l.dlg.Do(ctx, sip.NewRequest(sip.INVITE, l.contact()))
	if err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("sipemu: re-INVITE: %d %s", res.StatusCode, res.Reason)
	}
	if err := l.point(res.Body()); err != nil {
		return err
	}
	l.version++
	ack := sip.NewRequest(sip.ACK, l.contact())
	ack.AppendHeader(sip.NewHeader("Content-Type", "application/sdp"))
	ack.SetBody(l.Party.SDP(l.version))
	return l.dlg.WriteRequest(ack)
}

// Reinvite sends a re-INVITE with the party's current SDP (a transfer when the
// party's port or SSRC changed) and ACKs the answer.
func (l *Leg) Reinvite(ctx context.Context) error {
	l.version++
	req := sip.NewRequest(sip.INVITE, l.contact())
	req.AppendHeader(sip.NewHeader("Content-Type", "application/sdp"))
	req.SetBody(l.Party.SDP(l.version))
	res, err := l.dlg.Do(ctx, req)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("sipemu: re-INVITE: %d %s", res.StatusCode, res.Reason)
	}
	if err := l.point(res.Body()); err != nil {
		return err
	}
	return l.dlg.WriteRequest(sip.NewRequest(sip.ACK, l.contact()))
}

// SetParty replaces the far end (a transfer to another phone) without
// signalling; call Reinvite to tell the MCP.
func (l *Leg) SetParty(p *Party) { l.Party = p }

// Info sends an INFO with the given body and returns the final response.
func (l *Leg) Info(ctx context.Context, contentType string, body []byte) (*sip.Response, error) {
	req := sip.NewRequest(sip.INFO, l.contact())
	req.AppendHeader(sip.NewHeader("Content-Type", contentType))
	req.SetBody(body)
	return l.dlg.Do(ctx, req)
}

// Bye ends the dialog.
func (l *Leg) Bye(ctx context.Context) error {
	defer l.e.unregister(l)
	return l.dlg.Bye(ctx)
}

func (l *Leg) contact() sip.Uri {
	if c := l.dlg.InviteResponse.Contact(); c != nil {
		return *c.Address.Clone()
	}
	return *l.dlg.InviteRequest.Recipient.Clone()
}

func (l *Leg) remoteBye() {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.bye:
	default:
		close(l.bye)
	}
}

// ByeReceived is closed when the MCP ended the dialog.
func (l *Leg) ByeReceived() <-chan struct{} { return l.bye }

func (l *Leg) addInfo(req *sip.Request) {
	ct := ""
	if h := req.ContentType(); h != nil {
		ct = h.Value()
	}
	l.mu.Lock()
	l.infos = append(l.infos, Info{ContentType: ct, Body: append([]byte(nil), req.Body()...)})
	l.mu.Unlock()
}

// Infos returns the INFO requests the MCP sent so far.
func (l *Leg) Infos() []Info {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Info(nil), l.infos...)
}

// ErrNoMedia is returned for an SDP without a usable c= and m=audio line.
var ErrNoMedia = errors.New("sipemu: no audio address in SDP")

// MediaAddr returns the audio destination of an SDP body (c= and m=audio).
func MediaAddr(sdp []byte) (netip.AddrPort, error) {
	var addr netip.Addr
	port := -1
	for _, line := range strings.Split(strings.ReplaceAll(string(sdp), "\r\n", "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "c=IN IP4 "), strings.HasPrefix(line, "c=IN IP6 "):
			a, err := netip.ParseAddr(strings.Fields(line[9:])[0])
			if err == nil {
				addr = a
			}
		case strings.HasPrefix(line, "m=audio "):
			f := strings.Fields(line)
			if p, err := strconv.Atoi(f[1]); err == nil {
				port = p
			}
		}
	}
	if !addr.IsValid() || port < 0 {
		return netip.AddrPort{}, ErrNoMedia
	}
	return netip.AddrPortFrom(addr, uint16(port)), nil
}

// Answer returns the MCP's SDP from the 200 OK to the initial INVITE.
func (l *Leg) Answer() []byte { return l.dlg.InviteResponse.Body() }
