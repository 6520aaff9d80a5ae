package sipua

import (
	"errors"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"loopback UDP", Config{ListenUDP: "127.0.0.1:5060"}, true},
		{"all interfaces with a contact host", Config{ListenTCP: ":5060", ContactHost: "mcp1.example.com"}, true},
		{"all interfaces without a contact host", Config{ListenUDP: "0.0.0.0:5060"}, false},
		{"no listener", Config{ContactHost: "h"}, false},
		{"bad address", Config{ListenUDP: "5060", ContactHost: "h"}, false},
		{"bad contact port", Config{ListenUDP: "127.0.0.1:0", ContactPort: 70000}, false},
	}
	for _, tc := range cases {
		err := tc.cfg.Validate()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrConfig)) {
			t.Errorf("%s: Validate() = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
	if _, err := New(Config{ListenUDP: "127.0.0.1:0"}, nil, nil); !errors.Is(err, ErrConfig) {
		t.Errorf("New with nil Media: %v, want ErrConfig", err)
	}
}
