package main

import (
	"strings"
	"testing"

	"github.com/reel-project/reel/internal/harness/ports"
)

func TestStartUpRefusalsNameTheFlagOrKeyAndTheFix(t *testing.T) {
	busy := ports.Hold(t)
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{name: "an admin port in use", args: []string{"--sip-listen", "127.0.0.1:0", "--http-listen", busy},
			want: []string{"http.listen (from --http-listen): " + busy + " is in use by another process", "choose another port"}},
		{name: "a SIP port in use", args: []string{"--sip-listen", busy, "--http-listen", "127.0.0.1:0"},
			want: []string{"sip.listen (from --sip-listen): " + busy + " is in use by another process"}},
		{name: "a SIP port in use, from the environment", args: []string{"--http-listen", "127.0.0.1:0"},
			env: map[string]string{"REEL_SIP_LISTEN": busy}, want: []string{"sip.listen (from REEL_SIP_LISTEN): "}},
		{name: "an unknown REEL_ variable", args: []string{"--sip-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"},
			env: map[string]string{"REEL_HEALTH_INTERVALL": "2s"}, want: []string{"config: REEL_HEALTH_INTERVALL: unknown variable", "did you mean REEL_HEALTH_INTERVAL?"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			err := run(append(tc.args, "--mcps", "127.0.0.1:5070"))
			if err == nil {
				t.Fatal("reel-rm started")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Count(err.Error(), "listen") > 1 && strings.Contains(err.Error(), "listen tcp") {
				t.Errorf("error %q repeats the listener's prefixes", err)
			}
		})
	}
}

func TestARefusedStartLeavesNoListenerBehind(t *testing.T) {
	http, sip := ports.Free(t), ports.Hold(t)
	if err := run([]string{"--sip-listen", sip, "--http-listen", http, "--mcps", "127.0.0.1:5070"}); err == nil {
		t.Fatal("reel-rm started on a busy SIP port")
	}
	c, err := ports.Listen("tcp", http)
	if err != nil {
		t.Fatalf("admin port %s still held after the refused start: %v", http, err)
	}
	c.Close()
}
