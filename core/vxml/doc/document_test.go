package doc

import (
	"errors"
	"strings"
	"testing"
)

func vxml(body string) []byte {
	return []byte(`<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" version="2.1">` + body + `</vxml>`)
}

func TestParseVXMLFindsDialogs(t *testing.T) {
	d, err := ParseVXML(vxml(`<form id="a"><block/></form><menu id="m"/><form/>`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Dialogs) != 3 || d.Dialog("") != d.Dialogs[0] || d.Dialog("m").Name != "menu" || d.Dialog("x") != nil {
		t.Fatal("dialogs not indexed")
	}
}

func TestCheckRefusesWhatTheSpecForbids(t *testing.T) {
	for name, body := range map[string]string{
		"exit with expr and namelist":     `<form><block><exit expr="1" namelist="a"/></block></form>`,
		"audio with neither src nor expr": `<form><block><audio/></block></form>`,
		"grammar with src and content":    `<form><field name="f"><grammar src="g.grxml"><rule id="r">1</rule></grammar></field></form>`,
		"grammar with src and srcexpr":    `<form><field name="f"><grammar src="a" srcexpr="'b'"/></field></form>`,
		"empty grammar":                   `<form><field name="f"><grammar/></field></form>`,
		"script with src and srcexpr":     `<form><block><script src="a.js" srcexpr="'b.js'"/></block></form>`,
		"goto without a target":           `<form><block><goto/></block></form>`,
		"goto with two targets":           `<form><block><goto next="#a" nextitem="b"/></block></form>`,
		"assign without expr":             `<form><block><assign name="x"/></block></form>`,
		"if without cond":                 `<form><block><if/></block></form>`,
		"throw without event":             `<form><block><throw/></block></form>`,
		"duplicate dialog id":             `<form id="a"/><form id="a"/>`,
	} {
		if _, err := ParseVXML(vxml(body), Limits{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

func TestParseRefusesBadXMLAndOversizedDocuments(t *testing.T) {
	cases := map[string]struct {
		data []byte
		want error
	}{
		"not well-formed":   {[]byte(`<vxml><form></vxml>`), ErrSyntax},
		"empty":             {nil, ErrSyntax},
		"not vxml":          {[]byte(`<html/>`), ErrInvalid},
		"too big":           {vxml(strings.Repeat(" ", 2000)), ErrTooLarge},
		"too deep":          {vxml(strings.Repeat("<if cond='1'>", 40) + strings.Repeat("</if>", 40)), ErrTooLarge},
		"too many elements": {vxml(strings.Repeat("<form/>", 120)), ErrTooLarge},
	}
	lim := Limits{MaxBytes: 1500, MaxDepth: 32, MaxElements: 100}
	for name, tc := range cases {
		if _, err := ParseVXML(tc.data, lim); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

func TestGvpNamespacedAttribute(t *testing.T) {
	d, err := ParseVXML(vxml(`<form><block><log xmlns:gvp="`+NSGVP+`" gvp:dest="record">pause;</log></block></form>`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	log := d.Dialogs[0].First("block").First("log")
	if v, ok := log.AttrNS(NSGVP, "dest"); !ok || v != "record" {
		t.Fatalf("gvp:dest = %q, %t", v, ok)
	}
	if log.Has("dest") {
		t.Fatal("a namespaced attribute answered to its bare name")
	}
}
