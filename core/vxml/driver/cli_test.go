package driver

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeApp(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "app.vxml")
	if err := os.WriteFile(p, []byte(`<?xml version="1.0"?><vxml xmlns="http://www.w3.org/2001/vxml" version="2.1">`+body+`</vxml>`), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMainRunsAFileWithScriptedInput(t *testing.T) {
	app := writeApp(t, `<form><field name="n" type="digits?length=2"><prompt>two digits</prompt>
		<filled><log label="n"><value expr="n"/></log><exit expr="n"/></filled></field></form>`)
	var out bytes.Buffer
	if err := Main([]string{app, "--dtmf", "42@3s"}, &out, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := "   0.000s prompt two digits\n   3.000s log[n] 42\n   3.000s exit(normal) 42\n"
	if out.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestMainReportsAnAbnormalEnd(t *testing.T) {
	app := writeApp(t, `<form><block><value expr="nope()"/></block></form>`)
	var out bytes.Buffer
	err := Main([]string{app}, &out, &out)
	if !errors.Is(err, ErrAbnormal) || !strings.Contains(out.String(), "exit(error) error.semantic") {
		t.Fatalf("err %v, output\n%s", err, out.String())
	}
}

func TestMainHangupAndFlags(t *testing.T) {
	app := writeApp(t, `<catch event="connection.disconnect.hangup"><log label="bye">gone</log></catch>
		<form><field name="n" type="digits"><prompt>wait</prompt></field></form>`)
	var out bytes.Buffer
	if err := Main([]string{app, "--hangup@30s", "--session", "remote.uri=sip:1000@example.com"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "30.000s log[bye] gone") {
		t.Fatalf("output\n%s", out.String())
	}
	for _, bad := range [][]string{{}, {app, "--dtmf", "12x"}, {app, "--session", "novalue"}} {
		if err := Main(bad, &out, &out); err == nil || errors.Is(err, ErrAbnormal) {
			t.Errorf("%v: err %v, want a usage error", bad, err)
		}
	}
}

func TestParseDTMF(t *testing.T) {
	k, err := ParseDTMF("1234#@2s,9@10s 5")
	if err != nil || len(k) != 3 || k[0].Keys != "1234#" || k[0].At.Seconds() != 2 || !k[1].Timed || k[2].Timed {
		t.Fatalf("%+v %v", k, err)
	}
	if _, err := ParseDTMF("1@soon"); !errors.Is(err, ErrScript) {
		t.Fatal(err)
	}
}
