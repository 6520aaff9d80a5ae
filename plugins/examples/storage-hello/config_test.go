package main

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, raw string
		want      Config
		badKey    string // "" when valid
	}{
		{"a directory alone keeps fsync on", `{"dir": "/srv/rec"}`, Config{Dir: "/srv/rec", Fsync: true}, ""},
		{"fsync can be turned off", `{"dir": "/srv/rec", "fsync": false}`, Config{Dir: "/srv/rec"}, ""},
		{"dir is required", `{}`, Config{}, "dir"},
		{"dir must be absolute", `{"dir": "rec"}`, Config{}, "dir"},
		{"an unknown key is rejected", `{"dir": "/srv/rec", "directory": "/x"}`, Config{}, "directory"},
		{"a wrong type names its key", `{"dir": "/srv/rec", "fsync": "yes"}`, Config{}, "fsync"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConfig(json.RawMessage(tc.raw))
			var ce *sdk.ConfigError
			switch {
			case tc.badKey == "" && (err != nil || got != tc.want):
				t.Fatalf("ParseConfig = %+v, %v; want %+v", got, err, tc.want)
			case tc.badKey != "" && (!errors.As(err, &ce) || ce.Key != tc.badKey):
				t.Fatalf("ParseConfig = %v, want a ConfigError for %q", err, tc.badKey)
			}
		})
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := ParseConfig(raw)
		var ce *sdk.ConfigError
		switch {
		case err != nil && !errors.As(err, &ce):
			t.Fatalf("ParseConfig(%q) = %v, not a ConfigError", raw, err)
		case err == nil && cfg.Validate() != nil:
			t.Fatalf("ParseConfig(%q) accepted an invalid %+v", raw, cfg)
		}
	})
}
