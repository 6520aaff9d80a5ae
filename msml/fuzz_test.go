package msml

import (
	"errors"
	"reflect"
	"testing"
)

var seeds = []string{
	genesysStart,
	`<msml version="1.1"><send target="conf:c1/dialog:rec" event="pause"/><send target="conf:c1/dialog:rec" event="app.resume"/><dialogend id="conf:c1/dialog:rec"/></msml>`,
	`<msml><createconference name="c1"/><join id1="conn:a" id2="conf:c1"/></msml>`,
	`<msml version="1.1"><result response="200"><dialogid>conf:X/dialog:rec</dialogid></result></msml>`,
	`<msml version="1.1"><event name="msml.dialog.exit" id="conf:X/dialog:rec"><name>record.len</name><value>1</value></event></msml>`,
	`<!DOCTYPE x [<!ENTITY a "b">]><msml/>`,
	`<m:msml xmlns:m="urn:x"><m:dialogstart target="conn:t"><m:record maxtime="1.5s"/><m:param name="n" value=" v "/></m:dialogstart></m:msml>`,
	"<msml><dialogstart target=\"conf:c\"><record/><param name=\"a\">x&#xD;y&#9;</param></dialogstart></msml>",
}

// FuzzParse: no panic; errors only from our sentinels; every document that
// parses comes back equal through Marshal and Parse.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := Parse(b)
		if err != nil {
			if !ours(err) {
				t.Fatalf("error outside our sentinels: %v", err)
			}
			return
		}
		out := Marshal(doc)
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Marshal wrote what Parse refuses: %v\n%s", err, out)
		}
		if doc.Version == "" {
			doc.Version = Version
		}
		if !reflect.DeepEqual(doc, again) {
			t.Fatalf("round trip changed the document\nin:  %q\nout: %s", b, out)
		}
	})
}

func ours(err error) bool {
	for _, s := range []error{ErrSyntax, ErrDTD, ErrTooLarge, ErrLimit, ErrUnknownElement, ErrAttribute, ErrUnsupported} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
