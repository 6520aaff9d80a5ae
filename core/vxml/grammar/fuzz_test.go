package grammar

import (
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
)

// FuzzParseSRGS compiles arbitrary XML as a grammar and matches arbitrary
// input against what compiles: errors are fine, panics and hangs are not.
func FuzzParseSRGS(f *testing.F) {
	f.Add([]byte(pin), "1234#")
	f.Add([]byte(`<grammar root="r" tag-format="semantics/1.0"><rule id="r"><item repeat="0-">1<tag>out = (out|0) + 1;</tag></item></rule></grammar>`), "111")
	f.Add([]byte(`<grammar root="r"><rule id="r"><one-of><item><ruleref uri="#r"/>1</item><item>2</item></one-of></rule></grammar>`), "21")
	f.Add([]byte(`<grammar root="r"><rule id="r"><ruleref special="NULL"/><ruleref special="VOID"/></rule></grammar>`), "")
	f.Fuzz(func(t *testing.T, data []byte, input string) {
		root, err := doc.Parse(data, doc.Limits{MaxBytes: 16 << 10, MaxDepth: 32, MaxElements: 512})
		if err != nil {
			return
		}
		g, err := ParseSRGS(root, nil)
		if err != nil {
			return
		}
		if len(input) > 64 {
			input = input[:64]
		}
		vm := goja.New()
		vm.SetMaxCallStackSize(64)
		t0 := time.AfterFunc(time.Second, func() { vm.Interrupt("budget") }) // a tag may loop
		defer t0.Stop()
		if m := g.Match(input); m.Complete {
			_, _ = m.Value(vm)
		}
	})
}

// FuzzMatch matches arbitrary DTMF input against the SRGS examples and the
// builtins.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", "1234#", "*9", "12*8", "0000000000000000", "9*", "#"} {
		f.Add(s)
	}
	gs := []Grammar{mustSRGS(f, pin, nil)}
	for _, b := range []string{"boolean", "digits?minlength=2;maxlength=4", "number", "currency", "date", "time", "phone"} {
		g, err := Builtin(b)
		if err != nil {
			f.Fatal(err)
		}
		gs = append(gs, g)
	}
	vm := goja.New()
	f.Fuzz(func(t *testing.T, input string) {
		for _, g := range gs {
			m := g.Match(input)
			if m.Complete {
				if _, err := m.Value(vm); err != nil {
					t.Fatalf("%T on %q: %v", g, input, err)
				}
			}
		}
	})
}
