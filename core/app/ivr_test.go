package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/internal/harness/oracle"
	"github.com/reel-project/reel/internal/harness/sipemu"
	"github.com/reel-project/reel/msml"
)

const vxmlHead = `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" xmlns:gvp="http://www.genesyslab.com/2006/vxml21-extension" version="2.1">`

// cardApp is the card-payment application: a greeting, pause; while the
// caller keys 16 digits, resume; and a confirmation.
const cardApp = vxmlHead + `<form id="pay">
  <block><log gvp:dest="record">start;</log>
    <prompt bargein="false"><audio src="welcome.wav"/></prompt>
    <log gvp:dest="record">pause;</log></block>
  <field name="card" type="digits?length=16">
    <prompt><audio src="enter.wav"/></prompt>
    <filled><log gvp:dest="record">resume;</log><prompt bargein="false"><audio src="thanks.wav"/></prompt></filled>
  </field>
  <block><log gvp:dest="record">stop;</log><exit namelist="card"/></block>
</form></vxml>`

// toneWAV is an 8 kHz PCM16 WAV of a sine.
func toneWAV(hz float64, d time.Duration) []byte {
	n := int(d.Seconds() * 8000)
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + 2*n))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1))
	w(uint16(1))
	w(uint32(8000))
	w(uint32(16000))
	w(uint16(2))
	w(uint16(16))
	b.WriteString("data")
	w(uint32(2 * n))
	for i := range n {
		w(int16(8000 * math.Sin(2*math.Pi*hz*float64(i)/8000)))
	}
	return b.Bytes()
}

// ivrServer serves the application and its prompts.
func ivrServer(t *testing.T, docs map[string]string) string {
	t.Helper()
	wavs := map[string][]byte{"/welcome.wav": toneWAV(1000, time.Second), "/enter.wav": toneWAV(600, 2*time.Second),
		"/thanks.wav": toneWAV(800, 500*time.Millisecond)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := wavs[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "audio/wav")
			w.Header().Set("Cache-Control", "max-age=600")
			_, _ = w.Write(b)
			return
		}
		if d, ok := docs[r.URL.Path]; ok {
			_, _ = io.WriteString(w, d)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func dialogURI(mcp, app string) string {
	return "sip:dialog@" + mcp + ";voicexml=" + url.QueryEscape(app)
}

// newEmulator is a SIP emulator facing the MCP at addr until the test ends.
func newEmulator(t *testing.T, addr string) *sipemu.Emulator {
	t.Helper()
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return emu
}

// dialIVR calls the application at app as an RFC 5552 caller with a party
// of its own (closed when the test ends).
func dialIVR(t *testing.T, emu *sipemu.Emulator, addr, app string) (*sipemu.Leg, error) {
	t.Helper()
	party, err := sipemu.NewParty(0, 0x5552)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { party.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return emu.Invite(ctx, dialogURI(addr, app), party)
}

// dtmfFreq are the row and column frequencies of each key (ITU-T Q.23).
var dtmfFreq = map[rune][2]float64{'1': {697, 1209}, '2': {697, 1336}, '3': {697, 1477}, '4': {770, 1209},
	'5': {770, 1336}, '6': {770, 1477}, '7': {852, 1209}, '8': {852, 1336}, '9': {852, 1477}, '0': {941, 1336}}

// keyInBand sends keys as µ-law DTMF tones, 100 ms on and 100 ms off, one
// frame per tick.
func keyInBand(t *testing.T, p *sipemu.Party, keys string, tick *time.Ticker) {
	t.Helper()
	frame := make([]byte, 160)
	pcm := make([]int16, 160)
	for _, k := range keys {
		f := dtmfFreq[k]
		for i := range 10 {
			for j := range pcm {
				pcm[j] = 0
				if i < 5 {
					n := float64(i*160+j) / 8000
					pcm[j] = int16(6000*math.Sin(2*math.Pi*f[0]*n) + 6000*math.Sin(2*math.Pi*f[1]*n))
				}
			}
			g711.MuLaw.EncodeTo(frame, pcm)
			if err := p.SendFrame(frame, false); err != nil {
				t.Fatal(err)
			}
			<-tick.C
		}
	}
}

// heard counts the frames with audio a party received.
func heard(p *sipemu.Party) int {
	n := 0
	for _, pk := range p.Received() {
		if oracle.RMS(decode(g711.MuLaw, pk.Payload)) > 500 {
			n++
		}
	}
	return n
}

func TestIVRCardPaymentRecordsWithThePausedSpanSilent(t *testing.T) {
	m, addr := startMCP(t, func(c *config.MCP) { c.Recording.Formats = []string{"wav-pcmu"} })
	base := ivrServer(t, map[string]string{"/card.vxml": cardApp})
	leg, err := dialIVR(t, newEmulator(t, addr), addr, base+"/card.vxml")
	if err != nil {
		t.Fatalf("INVITE: %v", err)
	}
	party := leg.Party
	speech := audio(t, g711.MuLaw, 10, 20)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	sent, keyed := 0, false
	limit := time.After(20 * time.Second)
	for {
		select {
		case <-leg.ByeReceived():
			goto done
		case <-tick.C:
		case <-limit:
			t.Fatal("no BYE: the application did not get its 16 keys")
		}
		// The greeting is 1 s; once the caller heard more than that, the
		// digit prompt plays: key the card number over it.
		if !keyed && heard(party) > 60 {
			// Half the card as in-band tones, half as RFC 4733 events
			// (other keys: the same key on two paths within 800 ms is
			// one press, core/dtmf's Deduper).
			keyInBand(t, party, "41111111", tick)
			if err := party.QueueDigits("23456789", 3); err != nil {
				t.Fatal(err)
			}
			keyed = true
		}
		off := sent * 160 % len(speech)
		if err := party.SendFrame(speech[off:off+160], sent == 0); err != nil {
			t.Fatal(err)
		}
		sent++
	}
done:
	docs := waitSidecars(t, m.cfg.RecordingDir(), 1)
	wav := recordedWAV(t, m.cfg.RecordingDir())
	pcm, err := oracle.DecodePCM(wav)
	if err != nil {
		t.Fatal(err)
	}
	file := docs[0].MediaFiles[0]
	checkPausedSpan(t, pcm, file.Completeness.PausedMs)
	if got := events(docs[0]); got != "start pause resume stop" {
		t.Errorf("event history %q, want start pause resume stop", got)
	}
	if file.Parameters["voicexml"] != base+"/card.vxml" {
		t.Errorf("parameters %v lack the application URL", file.Parameters)
	}
}

// events lists the event history's names.
func events(d recmeta.Document) string {
	var names []string
	for _, e := range d.EventHistory {
		names = append(names, e.Event)
	}
	return strings.Join(names, " ")
}

// recordedWAV is the one WAV in dir.
func recordedWAV(t *testing.T, dir string) string {
	t.Helper()
	w, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	if len(w) != 1 {
		t.Fatalf("WAV files %v, want one", w)
	}
	return w[0]
}

// checkPausedSpan finds, in 100 ms windows of the stereo recording, the
// longest run where both channels are silent: it must be the paused time
// (within a window either side), and the recording must hold the greeting
// (right) and the caller (left) before it and the confirmation after it.
func checkPausedSpan(t *testing.T, pcm []int16, pausedMs int64) {
	t.Helper()
	const win = 800 // samples per channel in 100 ms
	left, right := oracle.Channel(pcm, 2, 0), oracle.Channel(pcm, 2, 1)
	loud := func(ch []int16, i int) bool { return oracle.RMS(ch[i*win:(i+1)*win]) > 300 }
	n := len(left) / win
	bestAt, best, run := 0, 0, 0
	for i := range n {
		if oracle.MaxAbs(left[i*win:(i+1)*win]) == 0 && oracle.MaxAbs(right[i*win:(i+1)*win]) == 0 {
			run++
			if run > best {
				best, bestAt = run, i-run+1
			}
			continue
		}
		run = 0
	}
	if pausedMs < 900 { // 16 keys of 60 ms each
		t.Fatalf("paused %d ms; keying 16 digits takes longer", pausedMs)
	}
	if math.Abs(float64(best*100)-float64(pausedMs)) > 200 {
		t.Errorf("silent run of %d ms at %.1f s, paused %d ms", best*100, float64(bestAt)/10, pausedMs)
	}
	greeting, caller := 0, 0
	for i := range bestAt {
		if loud(right, i) {
			greeting++
		}
		if loud(left, i) {
			caller++
		}
	}
	if greeting < 8 || caller < 5 {
		t.Errorf("before the pause: %d windows of greeting (want ~10), %d of the caller", greeting, caller)
	}
	after := 0
	for i := bestAt + best; i < n; i++ {
		if loud(right, i) {
			after++
		}
	}
	if after < 4 {
		t.Errorf("after the pause: %d windows of the confirmation prompt (want ~5)", after)
	}
}

// TestMSMLVoiceXMLDialogCollectsDigitsAndReportsItsExit is Genesys
// PlayApplication: a VoiceXML dialog on one leg of a conference plays into
// it, takes that leg's keys and ends with msml.dialog.exit carrying the
// exit namelist; <dialogend> stops one that waits.
func TestMSMLVoiceXMLDialogCollectsDigitsAndReportsItsExit(t *testing.T) {
	_, addr := startMCP(t, nil)
	pin := vxmlHead + `<form><field name="pin" type="digits?length=4"><prompt><audio src="enter.wav"/></prompt></field>
	  <block><exit namelist="pin"/></block></form></vxml>`
	wait := vxmlHead + `<form><field name="x" type="digits"><prompt><audio src="enter.wav"/></prompt>
	  <noinput><reprompt/></noinput></field></form></vxml>`
	base := ivrServer(t, map[string]string{"/pin.vxml": pin, "/wait.vxml": wait})
	emu, err := sipemu.New(addr, "udp")
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c := setUpMSMLCall(t, emu, msmlURI(addr, "pa-conf", ""))
	dialog := "conn:" + c.a.CallID() + "/dialog:ivr"
	start := func(app string) *msml.Result {
		return ok(t, c.a, `<msml version="1.1"><dialogstart target="conn:`+c.a.CallID()+`" name="ivr" type="application/voicexml+xml" src="`+base+app+`"/></msml>`)
	}
	if r := start("/pin.vxml"); len(r.DialogIDs) != 1 || r.DialogIDs[0] != dialog {
		t.Fatalf("dialog ids %v, want %s", r.DialogIDs, dialog)
	}
	waitFor(t, func() bool { return heard(c.a.Party) > 5 })
	for _, k := range "2468" {
		if err := c.a.Party.SendDigit(k, 3); err != nil {
			t.Fatal(err)
		}
	}
	e := exits(t, c.a, 1)[0]
	if e.ID != dialog || fieldsOf(e) != "pin=2468 dialog.end=exit" {
		t.Fatalf("exit %s: %s, want pin=2468 dialog.end=exit", e.ID, fieldsOf(e))
	}
	start("/wait.vxml")
	ok(t, c.a, endBody(dialog))
	if e := exits(t, c.a, 2)[1]; fieldsOf(e) != "dialog.end=terminate" {
		t.Fatalf("exit after dialogend: %s", fieldsOf(e))
	}
	bad := info(t, c.a, `<msml version="1.1"><dialogstart target="conn:`+c.a.CallID()+`" name="ivr" type="application/voicexml+xml" src="`+base+`/none.vxml"/></msml>`)
	if bad.Response != 500 || !strings.Contains(bad.Description, "none.vxml") {
		t.Errorf("a missing application: %d %q, want 500 naming it", bad.Response, bad.Description)
	}
	c.hangUp(t)
}

func fieldsOf(e *msml.Event) string {
	var s []string
	for _, f := range e.Fields {
		s = append(s, f.Name+"="+f.Value)
	}
	return strings.Join(s, " ")
}

// TestIVRBadInput: applications that cannot start are refused with RFC
// 5552's response; one that never matches, one whose caller hangs up
// mid-prompt end as the application says, and nothing keeps running.
func TestIVRBadInput(t *testing.T) {
	m, addr := startMCP(t, nil)
	nomatch := vxmlHead + `<form><field name="x"><grammar mode="dtmf" version="1.0" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r"><item>0000</item></rule></grammar>
	  <prompt><audio src="enter.wav"/></prompt><nomatch count="2"><exit expr="'gave up'"/></nomatch><nomatch><reprompt/></nomatch></field></form></vxml>`
	hangup := vxmlHead + `<form><field name="x" type="digits"><prompt><audio src="enter.wav"/><audio src="enter.wav"/></prompt></field>
	  <catch event="connection.disconnect.hangup"><log gvp:dest="record">stop;</log><exit expr="'caller left'"/></catch></form></vxml>`
	loop := vxmlHead + `<form id="a"><block><goto next="#a"/></block></form></vxml>`
	base := ivrServer(t, map[string]string{"/bad.vxml": "<vxml><form>", "/nomatch.vxml": nomatch,
		"/hangup.vxml": hangup, "/loop.vxml": loop})
	emu := newEmulator(t, addr)
	invite := func(app string) (*sipemu.Leg, error) { return dialIVR(t, emu, addr, app) }
	for _, tc := range []struct{ name, app, status string }{
		{"a missing document is 404", base + "/missing.vxml", "404"},
		{"an invalid document is 500", base + "/bad.vxml", "500"},
		{"an unreachable server is 500", "http://127.0.0.1:1/app.vxml", "500"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := invite(tc.app); err == nil || !strings.Contains(err.Error(), tc.status) {
				t.Fatalf("INVITE: %v, want %s", err, tc.status)
			}
		})
	}
	t.Run("a grammar that never matches ends the application, which hangs up", func(t *testing.T) {
		leg, err := invite(base + "/nomatch.vxml")
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			waitFor(t, func() bool { return heard(leg.Party) > 0 })
			if err := leg.Party.SendDigit('9', 3); err != nil {
				t.Fatal(err)
			}
			_ = leg.Party.SendDigit('#', 3)
		}
		select {
		case <-leg.ByeReceived():
		case <-time.After(20 * time.Second):
			t.Fatal("no BYE after the application gave up")
		}
	})
	t.Run("a script that loops is answered and hung up", func(t *testing.T) {
		leg, err := invite(base + "/loop.vxml")
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-leg.ByeReceived():
		case <-time.After(20 * time.Second):
			t.Fatal("no BYE after error.noresource")
		}
	})
	t.Run("a caller who hangs up mid-prompt ends the application", func(t *testing.T) {
		leg, err := invite(base + "/hangup.vxml")
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, func() bool { return heard(leg.Party) > 5 })
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := leg.Bye(ctx); err != nil {
			t.Fatal(err)
		}
	})
	waitFor(t, func() bool { return m.engine.Legs() == 0 && m.ivrs.running.Load() == 0 })
}

// TestIVRBlindTransferIsAReferThenBye: <transfer type="blind"> sends a
// REFER on the caller's dialog (RFC 5552); once accepted the application
// hears connection.disconnect.transfer and the call ends with a BYE.
func TestIVRBlindTransferIsAReferThenBye(t *testing.T) {
	_, addr := startMCP(t, nil)
	app := vxmlHead + `<form><transfer name="t" type="blind" dest="sip:agent@example.com"/>
	  <catch event="connection.disconnect.transfer"><log gvp:dest="record">stop;</log><exit expr="'transferred'"/></catch></form></vxml>`
	base := ivrServer(t, map[string]string{"/xfer.vxml": app})
	leg, err := dialIVR(t, newEmulator(t, addr), addr, base+"/xfer.vxml")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-leg.ByeReceived():
	case <-time.After(20 * time.Second):
		t.Fatal("no BYE after the transfer")
	}
	if got := leg.Refers(); len(got) != 1 || got[0] != "<sip:agent@example.com>" {
		t.Fatalf("REFERs %q, want one to <sip:agent@example.com>", got)
	}
}

// TestSippCallsAnIVRWithRFC4733Digits: sipp, a real external UAC, calls an
// RFC 5552 URI and keys 1234 from SIPp's telephone-event captures; the
// application hangs up only when it got exactly those keys and the aai.
func TestSippCallsAnIVRWithRFC4733Digits(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts sipp")
	}
	sipp, err := exec.LookPath("sipp")
	if err != nil {
		t.Fatal("sipp not installed (Debian sip-tester; make deps installs it)")
	}
	_, addr := startMCP(t, nil)
	app := vxmlHead + `<form id="pin"><field name="pin" type="digits?length=4"><prompt><audio src="enter.wav"/></prompt></field>
	  <block><if cond="pin == '1234' &amp;&amp; session.connection.aai == 'sipp'"><exit/></if><goto next="#hold"/></block></form>
	  <form id="hold"><field name="x" type="digits"><property name="timeout" value="60s"/></field></form></vxml>`
	base := ivrServer(t, map[string]string{"/pin.vxml": app})
	b, err := os.ReadFile("testdata/sipp/uac_ivr.xml")
	if err != nil {
		t.Fatal(err)
	}
	pcaps, _ := filepath.Abs("../../testdata/rtp-dtmf")
	scenario := filepath.Join(t.TempDir(), "uac_ivr.xml")
	s := strings.NewReplacer("VXML_URI", url.QueryEscape(base+"/pin.vxml"), "PCAP_DIR", pcaps).Replace(string(b))
	if err := os.WriteFile(scenario, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sipp, addr, "-sf", scenario, "-m", "1", "-l", "1",
		"-i", "127.0.0.1", "-p", strconv.Itoa(freeUDPPort(t)), "-mi", "127.0.0.1", "-mp", strconv.Itoa(freeUDPPort(t)),
		"-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", filepath.Join(t.TempDir(), "err.log"))
	cmd.Dir = t.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sipp failed (no BYE: the application did not get 1234): %v\n%s", err, tail(out))
	}
}
