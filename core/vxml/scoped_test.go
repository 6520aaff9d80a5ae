package vxml_test

import (
	"context"
	"testing"

	"github.com/reel-project/reel/core/vxml/driver"
	"github.com/reel-project/reel/core/vxml/fetch"
)

const srgs = `xmlns="http://www.w3.org/2001/06/grammar" mode="dtmf" version="1.0"`

// TestDocumentScopedGrammars: a form's grammar of document scope (its own
// scope=, or the form's) and a menu with scope="document" are active in
// the other dialogs of the document; a match enters that dialog and fills
// it. Dialog-scoped grammars are not; a modal field hears only its own.
func TestDocumentScopedGrammars(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `
		<form id="ask"><field name="n" type="digits?length=3"><prompt>number?</prompt>
			<filled><log label="n"><value expr="n"/></log></filled>
			<nomatch><log label="nomatch">dialog scope</log><exit/></nomatch></field></form>
		<form id="help" scope="document"><grammar root="r" ` + srgs + `><rule id="r">* 1<tag>out.topic = "billing";</tag></rule></grammar>
			<field name="topic"><prompt>never asked</prompt></field>
			<block><log label="help"><value expr="topic"/></log></block></form>
		<form id="quiet"><grammar root="r" ` + srgs + `><rule id="r">* 2<tag>out.x = "1";</tag></rule></grammar>
			<field name="x"><prompt>x?</prompt></field></form>
		<menu id="top" scope="document"><choice dtmf="* 0" next="#zero">zero</choice></menu>
		<form id="zero"><block><log label="zero">menu</log></block></form>
	</vxml>`}
	for keys, want := range map[string]string{
		"123": "prompt number?\nlog n 123\nexit",
		"*1":  "prompt number?\nlog help billing\nexit",
		"*0":  "prompt number?\nlog zero menu\nexit",
		"*2":  "prompt number?\nlog nomatch dialog scope\nexit",
	} {
		k, _ := driver.ParseDTMF(keys)
		expect(t, run(t, files, driver.Script{DTMF: k}), want)
	}
}

func TestModalFieldIgnoresDocumentGrammars(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `
		<form id="modal"><field name="m" type="digits?length=3" modal="true"><prompt>modal?</prompt>
			<nomatch><log label="nomatch">modal</log><exit/></nomatch></field></form>
		<form id="help" scope="document"><grammar root="r" ` + srgs + `><rule id="r">* 1<tag>out.topic = "billing";</tag></rule></grammar>
			<field name="topic"/><block><log label="help"><value expr="topic"/></log></block></form>
	</vxml>`}
	k, _ := driver.ParseDTMF("*1")
	expect(t, run(t, files, driver.Script{DTMF: k}), "prompt modal?\nlog nomatch modal\nexit")
}

// TestApplicationRootGrammarInLeaf: a document-scoped form of the
// application root is active in a leaf; matching it enters the root's
// dialog with the root's variables intact; a root menu's "#id" is the root's.
func TestApplicationRootGrammarInLeaf(t *testing.T) {
	files := map[string]string{
		"/root.vxml": head + `<var name="visits" expr="41"/>
			<menu id="m" scope="document"><choice dtmf="9" next="#nine">nine</choice></menu>
			<form id="nine"><block><log label="root">nine</log></block></form>
			<form id="op" scope="document"><grammar root="r" ` + srgs + `><rule id="r">0<tag>out.who = "operator";</tag></rule></grammar>
				<field name="who"/><block><log label="root"><value expr="who + ' ' + (visits + 1)"/></log></block></form></vxml>`,
		"/main.vxml": `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" version="2.1" application="root.vxml">
			<form><field name="acct" type="digits?length=4"><prompt>account?</prompt></field></form></vxml>`,
	}
	k, _ := driver.ParseDTMF("0")
	expect(t, run(t, files, driver.Script{DTMF: k}), "prompt account?\nlog root operator 42\nexit")
	k, _ = driver.ParseDTMF("9")
	expect(t, run(t, files, driver.Script{DTMF: k}), "prompt account?\nlog root nine\nexit")
}

// TestXMLBase: relative URIs resolve against the document's xml:base.
func TestXMLBase(t *testing.T) {
	files := map[string]string{
		"/main.vxml": `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" version="2.1" xml:base="/sub/dir/">
			<form><block><goto next="next.vxml"/></block></form></vxml>`,
		"/sub/dir/next.vxml": head + `<form><block><log label="at">sub/dir</log></block></form></vxml>`,
	}
	expect(t, run(t, files, driver.Script{}), "log at sub/dir\nexit")
}

// TestSessionVariablesAreReadOnly: a script can neither add a session
// variable nor change one; <assign> to one is error.semantic.
func TestSessionVariablesAreReadOnly(t *testing.T) {
	files := map[string]string{"/main.vxml": head + `<catch event="error.semantic"><log label="semantic">assign</log><exit/></catch>
		<form><block><script>session.added = 1; session.connection.protocol.name = "h323"; session.connection.extra = 2;</script>
			<log label="s"><value expr="typeof session.added + ' ' + session.connection.protocol.name + ' ' + typeof session.connection.extra"/></log>
			<assign name="session.connection.aai" expr="'x'"/></block></form></vxml>`}
	expect(t, run(t, files, driver.Script{}), "log s undefined sip undefined\nlog semantic assign\nexit")
}

// TestGotoFromLeafToRootKeepsRootVariables: a <goto> from a leaf to its
// own root keeps the root's variables (VoiceXML 2.0 §1.5.2); a <submit>
// there initialises them again.
func TestGotoFromLeafToRootKeepsRootVariables(t *testing.T) {
	for how, want := range map[string]string{"goto": "log n 5\nexit", "submit": "log n 0\nexit"} {
		files := map[string]string{
			"/root.vxml": head + `<var name="n" expr="0"/><form><block><assign name="n" expr="5"/><goto next="main.vxml"/></block></form>
				<form id="show"><block><log label="n"><value expr="n"/></log></block></form></vxml>`,
			"/main.vxml": `<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" version="2.1" application="root.vxml">
				<form><block><` + how + ` next="root.vxml#show"/></block></form></vxml>`,
		}
		res := driver.Run(context.Background(), fetch.New(fetch.Options{}), nil, app(t, files)+"/root.vxml", driver.Script{})
		expect(t, res, want)
	}
}
