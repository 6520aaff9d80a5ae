package speechminer

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, raw string
		badKey    string // "" when valid
	}{
		{"a URL alone is enough", `{"url": "https://sm.example.com/import"}`, ""},
		{"every key", `{"url": "http://h/r", "username": "u", "password": "p", "ca_file": "", "timeout": "5s"}`, ""},
		{"url is required", `{}`, "url"},
		{"an S3 destination points to storage/s3", `{"url": "S3:bucket/sm"}`, "url"},
		{"a bad timeout", `{"url": "http://h/r", "timeout": "0s"}`, "timeout"},
		{"an unknown key is rejected", `{"url": "http://h/r", "dest": "x"}`, "dest"},
		{"a wrong type names its key", `{"url": "http://h/r", "username": 1}`, "username"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig(json.RawMessage(tc.raw))
			var ce *sdk.ConfigError
			switch {
			case tc.badKey == "" && err != nil:
				t.Fatalf("ParseConfig = %v", err)
			case tc.badKey != "" && (!errors.As(err, &ce) || ce.Key != tc.badKey):
				t.Fatalf("ParseConfig = %v, want a ConfigError for %q", err, tc.badKey)
			}
		})
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(`{"url": "http://h/r"}`))
	f.Add([]byte(`{"url": "s3:b", "username": "u", "password": "p", "timeout": "1s"}`))
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
