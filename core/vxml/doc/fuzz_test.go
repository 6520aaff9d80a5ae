package doc

import "testing"

// FuzzParseVXML: any input is refused with an error or parsed; never a
// panic, never a hang.
func FuzzParseVXML(f *testing.F) {
	f.Add(vxml(`<form id="a"><field name="x" type="digits"><prompt>Say <value expr="1"/></prompt></field></form>`))
	f.Add(vxml(`<form><block><exit expr="1" namelist="a"/></block></form>`))
	f.Add([]byte(`<vxml><form><block><goto next="#a"/></block></form></vxml>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE vxml [<!ENTITY a "aaaa">]><vxml>&a;</vxml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseVXML(data, Limits{MaxBytes: 64 << 10, MaxDepth: 64, MaxElements: 4096})
		if err == nil && d.Root == nil {
			t.Fatal("no error and no root")
		}
	})
}
