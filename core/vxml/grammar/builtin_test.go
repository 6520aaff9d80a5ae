package grammar

import (
	"errors"
	"testing"

	"github.com/dop251/goja"
)

func TestBuiltins(t *testing.T) {
	vm := goja.New()
	for _, tc := range []struct {
		spec, in       string
		complete, more bool
		value          string
	}{
		{"boolean", "1", true, false, "true"},
		{"boolean", "2", true, false, "false"},
		{"boolean", "3", false, false, ""},
		{"boolean?y=7;n=9", "9", true, false, "false"},
		{"digits", "123", true, true, "123"},
		{"digits?length=4", "123", false, true, ""},
		{"digits?length=4", "1234", true, false, "1234"},
		{"digits?minlength=2;maxlength=3", "1", false, true, ""},
		{"digits?minlength=2;maxlength=3", "12", true, true, "12"},
		{"digits", "12*", false, false, ""},
		{"builtin:dtmf/digits?length=2", "42", true, false, "42"},
		{"number", "12*5", true, true, "12.5"},
		{"number", "12*", false, true, ""},
		{"currency", "12*50", true, false, "12.50"},
		{"date", "20261207", true, false, "20261207"},
		{"date", "2026", false, true, ""},
		{"time", "0930", true, false, "0930h"},
		{"phone", "8005551212*12", true, true, "8005551212x12"},
	} {
		g, err := Builtin(tc.spec)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		m := g.Match(tc.in)
		if m.Complete != tc.complete || m.More != tc.more {
			t.Errorf("%s on %q: complete %t more %t, want %t %t", tc.spec, tc.in, m.Complete, m.More, tc.complete, tc.more)
			continue
		}
		if tc.complete {
			v, _ := m.Value(vm)
			if v.String() != tc.value {
				t.Errorf("%s on %q = %v, want %s", tc.spec, tc.in, v, tc.value)
			}
		}
	}
}

func TestBuiltinErrors(t *testing.T) {
	if _, err := Builtin("creditcard"); !errors.Is(err, ErrUnsupportedBuiltin) {
		t.Errorf("unknown type: %v", err)
	}
	for _, spec := range []string{"digits?minlength=5;maxlength=2", "digits?length=x", "digits?length"} {
		if _, err := Builtin(spec); !errors.Is(err, ErrGrammar) {
			t.Errorf("%s: %v", spec, err)
		}
	}
}

func TestLiteralAndSet(t *testing.T) {
	set := Set{Literal{Keys: "1 2", Value: "a"}, Literal{Keys: "3", Value: "b"}}
	if m := set.Match("1"); m.Complete || !m.More {
		t.Fatal("prefix of 12")
	}
	v, _ := set.Match("12").Value(goja.New())
	if v.String() != "a" {
		t.Fatalf("12 = %v", v)
	}
}
