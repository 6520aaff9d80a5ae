package msml

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// genesysStart is the dialogstart shape of docs/wire.md §2 with Genesys params.
const genesysStart = `<?xml version="1.0" encoding="UTF-8"?>
<msml version="1.1">
  <dialogstart target="conf:0A1B2C" name="rec" type="application/moml+xml">
    <record dest="http://rec.example/x" format="audio/wav" maxtime="3600s" append="false" beep="true"/>
    <param name="id">REC-42</param>
    <param name="record">source</param>
    <param name="audiosrc">http://tones/beep.wav</param>
    <param name="tonesilenceduration">15000</param>
    <param name="rp.agent" value="Ann"/>
  </dialogstart>
</msml>`

func TestParseAcceptsTheContractAndItsVariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []Op
	}{
		{"the Genesys dialogstart gives its record and every param in order", genesysStart, []Op{&DialogStart{
			Target: Target{Kind: Conf, ID: "0A1B2C"}, Name: "rec", Type: "application/moml+xml",
			Record: Record{Dest: "http://rec.example/x", Format: "audio/wav", MaxTime: time.Hour, Beep: true},
			Params: []Param{{"id", "REC-42"}, {"record", "source"}, {"audiosrc", "http://tones/beep.wav"},
				{"tonesilenceduration", "15000"}, {"rp.agent", "Ann"}},
		}}},
		{"a VoiceXML dialog (PlayApplication) gives its src and params", `<msml version="1.1"><dialogstart target="conn:tag1" name="ivr" type="application/voicexml+xml" src="http://app/pay.vxml?x=1&amp;y=2"><param name="lang">en</param></dialogstart></msml>`,
			[]Op{&DialogStart{Target: Target{Conn, "tag1", ""}, Name: "ivr", Type: TypeVoiceXML, Src: "http://app/pay.vxml?x=1&y=2", Params: []Param{{"lang", "en"}}}}},
		{"several operations keep their order", `<msml version="1.1"><createconference name="c1" deletewhen="nocontrol"><audiomix id="m"><n-loudest n="3"/></audiomix></createconference>
			<join id1="conn:tag1" id2="conf:c1"><stream media="audio"/></join>
			<send target="conf:c1/dialog:rec" event="app.pause" namelist="x"/><dialogend id="conn:tag1/dialog:rec" mark="m3"/></msml>`,
			[]Op{&CreateConference{Name: "c1"}, &Join{ID1: Target{Conn, "tag1", ""}, ID2: Target{Conf, "c1", ""}},
				&Send{Target: Target{Conf, "c1", "rec"}, Event: "app.pause"}, &DialogEnd{ID: Target{Conn, "tag1", "rec"}, Mark: "m3"}}},
		{"a default namespace, a prefix and odd case are all the same MSML", `<m:MSML xmlns:m="urn:ietf:params:xml:ns:msml" Version="1.1"><m:DialogStart xmlns:x="urn:x" x:Target="CONF:c1"><m:Record Format="audio/mp3" MaxTime="500ms" Append="yes"/></m:DialogStart></m:MSML>`,
			[]Op{&DialogStart{Target: Target{Conf, "c1", ""}, Record: Record{Format: "audio/mp3", MaxTime: 500 * time.Millisecond, Append: true}}}},
		{"record may carry a recordexit and the dialog an exit", `<msml xmlns="urn:ietf:params:xml:ns:msml"><dialogstart target="conn:abc"><record><recordexit><send target="source" event="done" namelist="record.len"/></recordexit></record><exit namelist="record.end"/></dialogstart></msml>`,
			[]Op{&DialogStart{Target: Target{Conn, "abc", ""}}}},
		{"a result with a description and ids reads back", `<msml version="1.1"><result response="401" mark="m1"><description>no such conference</description><confid>conf:c</confid><dialogid>conf:c/dialog:rec</dialogid></result></msml>`,
			[]Op{&Result{Response: 401, Mark: "m1", Description: "no such conference", ConfIDs: []string{"conf:c"}, DialogIDs: []string{"conf:c/dialog:rec"}}}},
		{"the dialog exit event reads back its name/value pairs", `<msml version="1.1"><event name="msml.dialog.exit" id="conf:X/dialog:rec"><name>record.len</name><value>16000</value><name>record.end</name><value>terminate</value></event></msml>`,
			[]Op{&Event{Name: "msml.dialog.exit", ID: "conf:X/dialog:rec", Fields: []Field{{"record.len", "16000"}, {"record.end", "terminate"}}}}},
		{"ISO-8859-1 is converted", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><msml><dialogstart target=\"conf:c\"><record/><param name=\"who\">Jos\xe9</param></dialogstart></msml>",
			[]Op{&DialogStart{Target: Target{Conf, "c", ""}, Params: []Param{{"who", "José"}}}}},
		{"an empty msml has no operations", `<msml version="1.1"/>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Ops, tc.want) {
				t.Errorf("got  %s\nwant %s", dump(doc.Ops), dump(tc.want))
			}
		})
	}
}

func TestParseRejectsPrecisely(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]><msml>&lol1;</msml>`
	for _, tc := range []struct {
		name, in string
		want     error
		says     string
	}{
		{"broken XML names the line", "<msml>\n<dialogstart target=\"conf:c\">\n</msml>", ErrSyntax, "line 3"},
		{"an entity-expansion bomb is refused before parsing", bomb, ErrDTD, "<!DOCTYPE"},
		{"an external entity is refused", `<!ENTITY xxe SYSTEM "file:///etc/passwd"><msml/>`, ErrDTD, "<!ENTITY"},
		{"an undeclared entity is malformed", `<msml><dialogstart target="conf:&xxe;"/></msml>`, ErrSyntax, "xxe"},
		{"a body over the limit is refused with its size", "<msml>" + strings.Repeat(" ", MaxBytes) + "</msml>", ErrTooLarge, "65549 bytes"},
		{"deep nesting is refused", strings.Repeat("<msml>", 20) + strings.Repeat("</msml>", 20), ErrLimit, "deeper than 16"},
		{"too many elements are refused", "<msml>" + strings.Repeat("<join id1=\"conn:a\" id2=\"conf:b\"/>", 600) + "</msml>", ErrLimit, "more than 512"},
		{"a long value is refused", `<msml><dialogstart target="conf:c"><record/><param name="x">` + strings.Repeat("v", 5000) + `</param></dialogstart></msml>`, ErrLimit, "<param>"},
		{"another root is unknown", `<vxml/>`, ErrUnknownElement, "<vxml>"},
		{"an unknown operation is named", `<msml><dance/></msml>`, ErrUnknownElement, "<dance> on line 1 inside <msml>"},
		{"a known but unimplemented operation is unsupported", `<msml><destroyconference id="conf:c"/></msml>`, ErrUnsupported, "<destroyconference>"},
		{"a play dialog is unsupported", `<msml><dialogstart target="conf:c"><play><audio uri="x.wav"/></play></dialogstart></msml>`, ErrUnsupported, "MOML <play>"},
		{"a dialog without record or src is unsupported", `<msml><dialogstart target="conf:c"/></msml>`, ErrUnsupported, "neither a <record>"},
		{"a MOML dialog by URI is unsupported", `<msml><dialogstart target="conf:c" src="http://x/app.moml"><record/></dialogstart></msml>`, ErrUnsupported, "src="},
		{"a VoiceXML dialog needs its src", `<msml><dialogstart target="conf:c" type="application/voicexml+xml"/></msml>`, ErrAttribute, "needs src="},
		{"a VoiceXML dialog does not record", `<msml><dialogstart target="conn:c" type="application/voicexml+xml" src="http://x/a.vxml"><record/></dialogstart></msml>`, ErrUnsupported, "also has a <record>"},
		{"another dialog type is unsupported", `<msml><dialogstart target="conf:c" type="text/ccxml" src="x"/></msml>`, ErrUnsupported, "type="},
		{"two records are refused", `<msml><dialogstart target="conf:c"><record/><record/></dialogstart></msml>`, ErrUnknownElement, "second <record>"},
		{"a missing target is named", `<msml><dialogstart><record/></dialogstart></msml>`, ErrAttribute, "no target="},
		{"a bad target is quoted", `<msml><dialogstart target="bridge:c"><record/></dialogstart></msml>`, ErrAttribute, `"bridge:c"`},
		{"a dialog as a dialogstart target is refused", `<msml><dialogstart target="conf:c/dialog:x"><record/></dialogstart></msml>`, ErrAttribute, "name="},
		{"a bad maxtime is quoted", `<msml><dialogstart target="conf:c"><record maxtime="soon"/></dialogstart></msml>`, ErrAttribute, `"soon"`},
		{"a bad boolean is quoted", `<msml><dialogstart target="conf:c"><record beep="maybe"/></dialogstart></msml>`, ErrAttribute, `"maybe"`},
		{"a param without a name is refused", `<msml><dialogstart target="conf:c"><record/><param>x</param></dialogstart></msml>`, ErrAttribute, "<param> on line 1 has no name="},
		{"an unknown event is named", `<msml><send target="conf:c/dialog:rec" event="rewind"/></msml>`, ErrAttribute, `"rewind"`},
		{"a dialogend without id is refused", `<msml><dialogend/></msml>`, ErrAttribute, "no id="},
		{"another MSML version is refused", `<msml version="2.0"/>`, ErrAttribute, `"2.0"`},
		{"text inside msml is refused", `<msml>start</msml>`, ErrSyntax, `"start"`},
		{"a second root is refused", `<msml/><msml/>`, ErrSyntax, "second root"},
		{"a processing instruction is refused", `<msml><?php x?></msml>`, ErrSyntax, "<?php?>"},
		{"another encoding is refused", `<?xml version="1.0" encoding="EBCDIC"?><msml/>`, ErrSyntax, "EBCDIC"},
		{"an empty body is malformed", "  ", ErrSyntax, "no root"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("got %v, want %v saying %q", err, tc.want, tc.says)
			}
		})
	}
}

func TestTargetsParseAndPrint(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		ok      bool
	}{
		{"conf:abc", "conf:abc", true},
		{" CONN:tag-1/Dialog:rec ", "conn:tag-1/dialog:rec", true},
		{"conf:", "", false},
		{"conf:a b", "", false},
		{"conf:a/dialog:", "", false},
		{"conf:a/dialog:x/dialog:y", "", false},
		{"conf:a/stream:x", "", false},
		{"dialog:rec", "", false},
		{"conf:" + strings.Repeat("x", 129), "", false},
	} {
		got, err := ParseTarget(tc.in)
		if (err == nil) != tc.ok || got.String() != tc.out {
			t.Errorf("ParseTarget(%q) = %q, %v", tc.in, got, err)
		}
	}
}

func TestMaxTimeReadsTheUsualDesignations(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"30s": 30 * time.Second, "500ms": 500 * time.Millisecond, "2m": 2 * time.Minute,
		"1.5s": 1500 * time.Millisecond, "45": 45 * time.Second, "infinite": 0,
	} {
		if got, err := parseTime(in); err != nil || got != want {
			t.Errorf("parseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0s", "-1s", "25h", "soon", "+3s", "1e3"} {
		if _, err := parseTime(in); err == nil {
			t.Errorf("parseTime(%q) accepted", in)
		}
	}
}

func TestMarshalWritesTheWireShapes(t *testing.T) {
	dlg := Target{Conf, "X", "rec"}
	for _, tc := range []struct {
		name string
		got  []byte
		want string
	}{
		{"a success names the dialog", Reply(&Result{Response: 200, DialogIDs: []string{dlg.String()}}),
			`<msml version="1.1"><result response="200"><dialogid>conf:X/dialog:rec</dialogid></result></msml>`},
		{"an error escapes its description", Reply(&Result{Response: 400, Description: `bad <x a="1"> & more`}),
			`<msml version="1.1"><result response="400"><description>bad &lt;x a=&#34;1&#34;&gt; &amp; more</description></result></msml>`},
		{"the dialog exit carries length, end and id", Notify(DialogExit(dlg, 16020*time.Millisecond, EndMaxTime, "R1")),
			`<msml version="1.1"><event name="msml.dialog.exit" id="conf:X/dialog:rec"><name>record.len</name><value>16020</value>` +
				`<name>record.end</name><value>maxtime</value><name>record.recordid</name><value>R1</value></event></msml>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if string(tc.got) != tc.want {
				t.Errorf("got  %s\nwant %s", tc.got, tc.want)
			}
		})
	}
}

func TestMarshalThenParseGivesTheSameDocument(t *testing.T) {
	doc, err := Parse([]byte(genesysStart))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(Marshal(doc))
	if err != nil {
		t.Fatalf("%v\n%s", err, Marshal(doc))
	}
	if !reflect.DeepEqual(doc, again) {
		t.Errorf("got  %s\nwant %s", dump(again.Ops), dump(doc.Ops))
	}
}

func dump(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		fmt.Fprintf(&b, "%s %+v", op.Element(), op)
		b.WriteString("; ")
	}
	return b.String()
}
