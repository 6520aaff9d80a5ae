package vxml_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/driver"
	"github.com/reel-project/reel/core/vxml/fetch"
)

const head = `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" xmlns:gvp="http://www.genesyslab.com/2006/vxml21-extension" version="2.1">`

// app serves documents by path; "/echo" answers a submit with a document
// that logs what it received.
func app(t *testing.T, files map[string]string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/echo" {
			_ = r.ParseMultipartForm(1 << 20)
			got := r.Method + " " + r.FormValue("card")
			if r.MultipartForm != nil {
				for k, fh := range r.MultipartForm.File {
					got += " " + k + ":" + itoa(fh[0].Size)
				}
			}
			io.WriteString(w, head+`<form><block><log label="echo">`+got+`</log></block></form></vxml>`)
			return
		}
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func run(t *testing.T, files map[string]string, sc driver.Script) driver.Result {
	t.Helper()
	base := app(t, files)
	return driver.Run(context.Background(), fetch.New(fetch.Options{}), nil, base+"/main.vxml", sc)
}

// trace is the steps as "kind text" lines, for comparisons.
func trace(res driver.Result) string {
	var lines []string
	for _, st := range res.Steps {
		switch st.Kind {
		case vxml.ActPrompt:
			lines = append(lines, "prompt "+driver.PromptText(st.Prompt))
		case vxml.ActLog:
			lines = append(lines, "log "+st.Label+" "+st.Text)
		case vxml.ActTransfer:
			lines = append(lines, "transfer "+st.Transfer.Type+" "+st.Transfer.Dest)
		default:
			lines = append(lines, strings.TrimSpace(string(st.Kind)+" "+st.Text))
		}
	}
	return strings.Join(lines, "\n")
}

func expect(t *testing.T, res driver.Result, want string) {
	t.Helper()
	if got := trace(res); got != strings.TrimSpace(want) {
		t.Fatalf("trace:\n%s\nwant:\n%s", got, strings.TrimSpace(want))
	}
}

func TestRecordingControlFromLog(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<form><block>
		<log gvp:dest="record">start;</log>
		<prompt>card number?</prompt>
		<log gvp:dest="record">pause;</log><log gvp:dest="record">resume; bogus; stop;</log>
		<log label="note">not a command</log>
	</block></form></vxml>`}, driver.Script{})
	expect(t, res, `
recording start
prompt card number?
recording pause
recording resume
recording stop
log note not a command
exit `)
	if !res.Normal {
		t.Fatal("not a normal end")
	}
}

func TestDigitsFieldWithTermcharAndFilled(t *testing.T) {
	doc := head + `<form><field name="pin" type="digits?maxlength=6"><prompt>PIN?</prompt>
		<filled><log label="pin"><value expr="pin + ' ' + pin$.inputmode + ' ' + application.lastresult$.utterance"/></log></filled>
	</field></form></vxml>`
	keys, _ := driver.ParseDTMF("1234#")
	res := run(t, map[string]string{"/main.vxml": doc}, driver.Script{DTMF: keys})
	expect(t, res, `
prompt PIN?
log pin 1234 dtmf 1234
exit `)
}

func TestInterdigitTimeoutEndsInput(t *testing.T) {
	doc := head + `<property name="interdigittimeout" value="2s"/><form><field name="n" type="digits?minlength=2"><prompt>n?</prompt>
		<filled><log label="n"><value expr="n"/></log></filled></field></form></vxml>`
	keys, _ := driver.ParseDTMF("42")
	res := run(t, map[string]string{"/main.vxml": doc}, driver.Script{DTMF: keys})
	expect(t, res, "prompt n?\nlog n 42\nexit")
	if at := res.Steps[1].At; at.Seconds() != 2 {
		t.Fatalf("filled at %v, want after the 2 s interdigit timeout", at)
	}
}

func TestNoinputNomatchCountsAndReprompt(t *testing.T) {
	doc := head + `<form><field name="yes" type="boolean"><prompt count="1">first</prompt><prompt count="2">second</prompt>
		<noinput>silence</noinput>
		<nomatch count="1">nomatch one<reprompt/></nomatch>
		<nomatch count="2"><log label="n">two</log><exit expr="'out'"/></nomatch>
	</field></form></vxml>`
	keys, _ := driver.ParseDTMF("9,9")
	res := run(t, map[string]string{"/main.vxml": doc}, driver.Script{DTMF: keys})
	expect(t, res, `
prompt first
prompt nomatch one
prompt second
log n two
exit out`)
}

func TestMenuChoosesByDTMF(t *testing.T) {
	res := run(t, map[string]string{
		"/main.vxml": head + `<menu dtmf="true"><prompt>Say <enumerate/></prompt>
			<choice next="#a">sales</choice><choice next="other.vxml">support</choice></menu>
			<form id="a"><block>sales</block></form></vxml>`,
		"/other.vxml": head + `<form><block>support desk</block></form></vxml>`,
	}, driver.Script{DTMF: []driver.Keys{{Keys: "2"}}})
	expect(t, res, "prompt Say sales support\nprompt support desk\nexit")
}

func TestRunawayScriptIsErrorSemantic(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="error.semantic"><log label="caught"><value expr="_event"/></log></catch>
		<form><block><script>while (true) {}</script></block></form></vxml>`}, driver.Script{})
	expect(t, res, "log caught error.semantic\nexit")
}

func TestEndlessTransitionsAreBounded(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="error.noresource"><log label="caught">loop</log><goto next="#a"/></catch>
		<form id="a"><block><goto next="#a"/></block></form></vxml>`}, driver.Script{})
	if res.Normal || !strings.Contains(res.Exit, "error.noresource") {
		t.Fatalf("exit %q normal %t", res.Exit, res.Normal)
	}
	if !strings.Contains(trace(res), "log caught loop") {
		t.Fatal("error.noresource was not catchable once")
	}
}

func TestOversizedDocumentIsBadfetch(t *testing.T) {
	big := head + `<form><block>` + strings.Repeat("x", 2<<20) + `</block></form></vxml>`
	res := run(t, map[string]string{
		"/main.vxml": head + `<catch event="error.badfetch"><log label="caught"><value expr="_event"/></log></catch>
			<form><block><goto next="big.vxml"/></block></form></vxml>`,
		"/big.vxml": big,
	}, driver.Script{})
	expect(t, res, "log caught error.badfetch\nexit")
}

func TestMissingDocumentIsBadfetchHTTP404(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="error.badfetch.http.404"><log label="c"><value expr="_event"/></log></catch>
		<form><block><goto next="nope.vxml"/></block></form></vxml>`}, driver.Script{})
	expect(t, res, "log c error.badfetch.http.404\nexit")
}

func TestRecordThenSubmitMultipart(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<form><var name="card" expr="'x'"/>
		<record name="msg" beep="true" maxtime="10s"><prompt>speak</prompt>
			<filled><log label="len"><value expr="msg$.duration"/></log></filled></record>
		<block><submit next="echo" method="post" enctype="multipart/form-data" namelist="card msg"/></block></form></vxml>`}, driver.Script{})
	expect(t, res, "prompt speak\nrecord\nlog len 2000\nlog echo POST x msg:16000\nexit")
}

func TestTransferOutcomes(t *testing.T) {
	doc := head + `<catch event="connection.disconnect"><log label="ev"><value expr="_event"/></log></catch>
		<form><transfer name="t" dest="tel:+15551234" bridge="true" connecttimeout="5s">
		<filled><log label="t"><value expr="t"/></log></filled></transfer></form></vxml>`
	for outcome, want := range map[string]string{
		"busy":                        "log t busy",
		"maxtime":                     "log t maxtime_disconnect",
		"answered_then_caller_hangup": "log ev connection.disconnect.hangup",
	} {
		res := run(t, map[string]string{"/main.vxml": doc}, driver.Script{Transfers: []string{outcome}})
		expect(t, res, "transfer bridge tel:+15551234\n"+want+"\nexit")
	}
}

func TestHangupRunsTheDisconnectHandler(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="connection.disconnect.hangup"><log label="bye">hung up</log></catch>
		<form><field name="f" type="digits"><prompt>wait</prompt></field></form></vxml>`}, driver.Script{HangupAt: 2e9})
	expect(t, res, "prompt wait\nlog bye hung up\nexit")
}

func TestDataAndForeach(t *testing.T) {
	res := run(t, map[string]string{
		"/main.vxml": head + `<form><block><data name="d" src="items.xml"/>
			<var name="names" expr="[]"/>
			<script>var els = d.documentElement.getElementsByTagName('item'); for (var i = 0; i &lt; els.length; i++) names.push(els[i].getAttribute('n'));</script>
			<foreach item="n" array="names"><log label="item"><value expr="n"/></log></foreach></block></form></vxml>`,
		"/items.xml": `<items><item n="a"/><item n="b"/></items>`,
	}, driver.Script{})
	expect(t, res, "log item a\nlog item b\nexit")
}

func TestSubdialogParamsAndReturn(t *testing.T) {
	res := run(t, map[string]string{
		"/main.vxml": head + `<form><subdialog name="r" src="sub.vxml"><param name="x" expr="20"/>
			<filled><log label="r"><value expr="r.y"/></log></filled></subdialog></form></vxml>`,
		"/sub.vxml": head + `<form><var name="x" expr="1"/><var name="y"/><block><assign name="y" expr="x + 1"/><return namelist="y"/></block></form></vxml>`,
	}, driver.Script{})
	expect(t, res, "log r 21\nexit")
}

func TestRepeatedCPUOverrunsEndTheSession(t *testing.T) {
	lim := vxml.DefaultLimits
	lim.ScriptBudget = 20 * time.Millisecond
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="error.semantic"><log label="caught">again</log><script>while (true) {}</script></catch>
		<form><block><script>while (true) {}</script></block></form></vxml>`}, driver.Script{Limits: lim})
	if res.Normal || !strings.Contains(res.Exit, "CPU budget") {
		t.Fatalf("exit %q normal %t", res.Exit, res.Normal)
	}
}

func TestHostileGrammarTagIsInterrupted(t *testing.T) {
	lim := vxml.DefaultLimits
	lim.ScriptBudget = 20 * time.Millisecond
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="error.semantic"><log label="caught"><value expr="_event"/></log><exit/></catch>
		<form><field name="f"><grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r">1<tag>while (true) {}</tag></rule></grammar></field></form></vxml>`},
		driver.Script{Limits: lim, DTMF: []driver.Keys{{Keys: "1"}}})
	expect(t, res, "log caught error.semantic\nexit")
}

func TestEventCountersCountPrefixes(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<form><field name="f" type="digits">
		<prompt><value expr="missing + 1"/></prompt>
		<catch event="error" count="1"><log label="first"><value expr="_event"/></log></catch>
		<catch event="error" count="2"><log label="second"><value expr="_event"/></log><exit/></catch>
		</field></form></vxml>`}, driver.Script{})
	expect(t, res, "log first error.semantic\nlog second error.semantic\nexit")
}

func TestThrowMessage(t *testing.T) {
	res := run(t, map[string]string{"/main.vxml": head + `<catch event="ev"><log label="m"><value expr="_event + ' ' + typeof _message"/></log></catch>
		<form><block><throw event="ev.a"/></block><block><throw event="ev.b" messageexpr="'x' + 1"/></block></form></vxml>`}, driver.Script{})
	expect(t, res, "log m ev.a undefined\nlog m ev.b string\nexit")
}

func TestDocumentLinkIsActiveInFields(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<link dtmf="0" next="#operator"/>
		<link event="help"><grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r">* 9</rule></grammar></link>
		<form><field name="acct" type="digits?length=4"><prompt>account?</prompt>
			<help>help text</help><filled><log label="acct"><value expr="acct"/></log></filled></field></form>
		<form id="operator"><block>transferring</block></form></vxml>`}
	for keys, want := range map[string]string{
		"0":       "prompt account?\nprompt transferring\nexit",
		"*9,1234": "prompt account?\nprompt help text\nlog acct 1234\nexit",
		"1234":    "prompt account?\nlog acct 1234\nexit",
	} {
		k, _ := driver.ParseDTMF(keys)
		expect(t, run(t, files, driver.Script{DTMF: k}), want)
	}
}

func TestMaxageAttributeRefetches(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		if r.URL.Path == "/next.vxml" {
			hits++
			io.WriteString(w, head+`<form><block><log label="hit">`+strconv.Itoa(hits)+`</log></block></form></vxml>`)
			return
		}
		io.WriteString(w, head+`<form><block><goto next="next.vxml" maxage="0"/></block></form></vxml>`)
	}))
	defer srv.Close()
	f := fetch.New(fetch.Options{})
	for i := 0; i < 2; i++ {
		driver.Run(context.Background(), f, nil, srv.URL+"/main.vxml", driver.Script{})
	}
	if hits != 2 {
		t.Fatalf("%d fetches of a document requested with maxage=0, want 2", hits)
	}
}

// TestMixedInitiative is VoiceXML 2.0 §2.3.3's <initial> pattern with a
// DTMF form grammar: one entry fills two fields; what is left is asked for.
func TestMixedInitiative(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<form>
		<grammar mode="dtmf" root="trip" xmlns="http://www.w3.org/2001/06/grammar">
			<rule id="trip"><ruleref uri="#city"/><tag>out.from = rules.city;</tag>
				<item repeat="0-1">* <ruleref uri="#city"/><tag>out.to = rules.city;</tag></item></rule>
			<rule id="city"><one-of><item>1<tag>out = "paris";</tag></item><item>2<tag>out = "rome";</tag></item></one-of></rule>
		</grammar>
		<initial name="start"><prompt>from star to?</prompt></initial>
		<field name="from"><prompt>from?</prompt></field>
		<field name="to"><prompt>to?</prompt><grammar mode="dtmf" root="c" xmlns="http://www.w3.org/2001/06/grammar"><rule id="c"><one-of><item>1<tag>out="paris";</tag></item><item>2<tag>out="rome";</tag></item></one-of></rule></grammar></field>
		<filled mode="all"><log label="trip"><value expr="from + '-' + to"/></log></filled>
	</form></vxml>`}
	for keys, want := range map[string]string{
		"1*2": "prompt from star to?\nlog trip paris-rome\nexit",
		"2,1": "prompt from star to?\nprompt to?\nlog trip rome-paris\nexit",
	} {
		k, _ := driver.ParseDTMF(keys)
		expect(t, run(t, files, driver.Script{DTMF: k}), want)
	}
}

// TestSessionAPI drives a Session directly, as a call will: Wait's
// deadline on the injected clock, Tick, DTMF, and the errors for events
// out of turn.
func TestSessionAPI(t *testing.T) {
	base := app(t, map[string]string{"/main.vxml": head + `<form><field name="d" type="digits?length=1"><prompt>digit?</prompt>
		<noinput>again</noinput></field><block><exit expr="d"/></block></form></vxml>`})
	clk := &fixedClock{t: time.Unix(1e9, 0)}
	s := vxml.New(context.Background(), vxml.Config{Fetcher: fetch.New(fetch.Options{}), Clock: clk})
	if acts := s.Start(base + "/main.vxml"); len(acts) != 1 || acts[0].Kind != vxml.ActPrompt {
		t.Fatalf("start: %+v", acts)
	}
	w := s.Wait()
	if w.Kind != vxml.WaitInput || w.Deadline.Sub(clk.t) != 5*time.Second {
		t.Fatalf("wait %+v", w)
	}
	if _, err := s.Handle(vxml.TransferDone{Result: "busy"}); !errors.Is(err, vxml.ErrNotWaiting) {
		t.Fatalf("transfer outcome out of turn: %v", err)
	}
	if acts, _ := s.Handle(vxml.Tick{}); len(acts) != 0 {
		t.Fatalf("a tick before the deadline did something: %+v", acts)
	}
	clk.t = w.Deadline
	if acts, _ := s.Handle(vxml.Tick{}); len(acts) != 1 || driver.PromptText(acts[0].Prompt) != "again" {
		t.Fatalf("noinput: %+v", acts)
	}
	acts, err := s.Handle(vxml.DTMF{Key: '7'})
	if err != nil || len(acts) != 1 || acts[0].Kind != vxml.ActExit || acts[0].Text != "7" || !s.Ended() {
		t.Fatalf("digit: %+v %v", acts, err)
	}
	if _, err := s.Handle(vxml.DTMF{Key: '1'}); !errors.Is(err, vxml.ErrEnded) {
		t.Fatalf("after the end: %v", err)
	}
}
