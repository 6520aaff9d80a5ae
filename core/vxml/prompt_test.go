package vxml_test

import (
	"context"
	"testing"
	"time"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/driver"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// TestMarkInLastResultAndShadow: the last <mark> reached before input
// (name or nameexpr) is markname in lastresult$ and the shadow variable,
// marktime the milliseconds since; without a mark both are undefined.
func TestMarkInLastResultAndShadow(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<form>
		<field name="a" type="digits?length=1"><prompt>one <mark name="m1"/> two <mark nameexpr="'m' + 2"/></prompt>
			<filled><log label="a"><value expr="a$.markname + ' ' + a$.marktime + ' ' + application.lastresult$.markname + ' ' + application.lastresult$.marktime"/></log></filled></field>
		<field name="b" type="digits?length=1"><prompt>no marks</prompt>
			<filled><log label="b"><value expr="typeof b$.markname + ' ' + typeof application.lastresult$.marktime"/></log></filled></field>
	</form></vxml>`}
	keys, _ := driver.ParseDTMF("1@1500ms,2@3s")
	expect(t, run(t, files, driver.Script{DTMF: keys}), "prompt one two\nlog a m2 1500 m2 1500\nprompt no marks\nlog b undefined undefined\nexit")
}

// TestMarkReportedByThePlatform: with ReportsMarks, only MarkReached
// events count.
func TestMarkReportedByThePlatform(t *testing.T) {
	base := app(t, map[string]string{"/main.vxml": head + `<form><field name="a" type="digits?length=1">
		<prompt>one <mark name="m1"/> two <mark name="m2"/></prompt>
		<filled><exit expr="a$.markname + ' ' + a$.marktime"/></filled></field></form></vxml>`})
	clk := &fixedClock{t: time.Unix(1e9, 0)}
	s := vxml.New(context.Background(), vxml.Config{Fetcher: fetch.New(fetch.Options{}), Clock: clk, ReportsMarks: true})
	s.Start(base + "/main.vxml")
	if _, err := s.Handle(vxml.MarkReached{Name: "m1"}); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(250 * time.Millisecond)
	acts, err := s.Handle(vxml.DTMF{Key: '5'})
	if err != nil {
		t.Fatal(err)
	}
	if last := acts[len(acts)-1]; last.Kind != vxml.ActExit || last.Text != "m1 250" {
		t.Fatalf("last action %+v, want exit m1 250", last)
	}
}

// TestBargeinTypeHotword: under hotword, keys that cannot match are
// ignored (no nomatch) and the collection goes on; speech is the default.
func TestBargeinTypeHotword(t *testing.T) {
	doc := func(bt string) map[string]string {
		return map[string]string{"/main.vxml": head + `<form><field name="p" type="digits?length=2">
			<prompt bargeintype="` + bt + `">code?</prompt>
			<nomatch><log label="nomatch">x</log><exit/></nomatch><noinput><log label="noinput">x</log><exit/></noinput>
			<filled><log label="p"><value expr="p"/></log></filled></field></form></vxml>`}
	}
	keys, _ := driver.ParseDTMF("123")
	expect(t, run(t, doc("hotword"), driver.Script{DTMF: keys}), "prompt code?\nlog p 12\nexit")
	keys, _ = driver.ParseDTMF("1*@1s,42@2s")
	expect(t, run(t, doc("hotword"), driver.Script{DTMF: keys}), "prompt code?\nlog p 42\nexit")
	expect(t, run(t, doc("speech"), driver.Script{DTMF: keys}), "prompt code?\nlog nomatch x\nexit")
	keys, _ = driver.ParseDTMF("#@1s,12@2s") // a lone termchar is no match either
	expect(t, run(t, doc("hotword"), driver.Script{DTMF: keys}), "prompt code?\nlog p 12\nexit")
	res := run(t, doc("hotword"), driver.Script{DTMF: []driver.Keys{{Keys: "*#"}}})
	expect(t, res, "prompt code?\nlog noinput x\nexit")
	if res.Steps[0].Prompt.BargeinType != "hotword" {
		t.Fatalf("bargeintype %q, want hotword", res.Steps[0].Prompt.BargeinType)
	}
}

// TestFetchAudio: a transition's fetchaudio (attribute, else property)
// comes as an action before the fetch, with the delay and minimum.
func TestFetchAudio(t *testing.T) {
	files := map[string]string{
		"/main.vxml": head + `<property name="fetchaudiodelay" value="1s"/><form><block>
			<goto next="b.vxml" fetchaudio="hold.wav"/></block></form></vxml>`,
		"/b.vxml": head + `<property name="fetchaudio" value="music.wav"/><form><block>
			<data name="d" src="d.xml"/><goto next="c.vxml" fetchaudio=""/></block></form></vxml>`,
		"/d.xml":  `<r/>`,
		"/c.vxml": head + `<form><block>done</block></form></vxml>`,
	}
	res := run(t, files, driver.Script{})
	expect(t, res, "fetchaudio\nfetchaudio\nprompt done\nexit")
	a, b := res.Steps[0].FetchAudio, res.Steps[1].FetchAudio
	if a.URI[len(a.URI)-8:] != "hold.wav" || a.Delay != time.Second || a.Minimum != 5*time.Second {
		t.Fatalf("first fetchaudio %+v", a)
	}
	if b.URI[len(b.URI)-9:] != "music.wav" || b.Delay != 2*time.Second {
		t.Fatalf("second fetchaudio %+v", b)
	}
}

// TestInputmodesWithoutDTMFIgnoresKeys: with inputmodes="voice" keys are
// not input; the field times out.
func TestInputmodesWithoutDTMFIgnoresKeys(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<property name="inputmodes" value="voice"/><form>
		<field name="d" type="digits?length=1"><prompt>digit?</prompt>
			<noinput><log label="noinput">voice only</log><exit/></noinput><filled><log label="d"><value expr="d"/></log></filled></field></form></vxml>`}
	keys, _ := driver.ParseDTMF("5")
	expect(t, run(t, files, driver.Script{DTMF: keys}), "prompt digit?\nlog noinput voice only\nexit")
}

// TestObjectIsUnsupported: visiting an <object> throws
// error.unsupported.objectname; one whose variable is set is not visited.
func TestObjectIsUnsupported(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<form>
		<object name="done" classid="method://x" expr="1"/>
		<object name="o" classid="method://credit-card/gather"/>
		<catch event="error.unsupported.objectname"><log label="caught"><value expr="_event"/></log><exit/></catch></form></vxml>`}
	expect(t, run(t, files, driver.Script{}), "log caught error.unsupported.objectname\nexit")
}

// TestBridgedTransferEndsOnItsGrammar: the caller's keys that match a
// bridged transfer's grammar end it (ActTransferEnd) and fill the item with
// near_end_disconnect; without a match the platform's outcome stands.
func TestBridgedTransferEndsOnItsGrammar(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<form><transfer name="t" dest="tel:+15551234" bridge="true">
		<grammar root="r" ` + srgs + `><rule id="r">* 9</rule></grammar>
		<filled><log label="t"><value expr="t + ' ' + t$.utterance"/></log></filled></transfer></form></vxml>`}
	keys, _ := driver.ParseDTMF("1*9@20s")
	res := run(t, files, driver.Script{DTMF: keys, Transfers: []string{"far_end_disconnect"}})
	expect(t, res, "transfer bridge tel:+15551234\ntransfer-end\nlog t near_end_disconnect *9\nexit")
	if at := res.Steps[1].At; at != 20*time.Second {
		t.Fatalf("transfer ended at %v, want at the keys' 20 s", at)
	}
	keys, _ = driver.ParseDTMF("12")
	expect(t, run(t, files, driver.Script{DTMF: keys, Transfers: []string{"far_end_disconnect"}}),
		"transfer bridge tel:+15551234\nlog t far_end_disconnect undefined\nexit")
}
