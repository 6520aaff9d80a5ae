package rps

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
		{"a URL alone is enough", `{"url": "https://rp.example.com/api/contact-centers/acme/recordings"}`, ""},
		{"every key", `{"url": "http://h/r", "username": "u", "password": "p", "ca_file": "", "timeout": "5s", "headers": {"X-Tenant": "acme"}}`, ""},
		{"url is required", `{"username": "u"}`, "url"},
		{"url must be http or https", `{"url": "file:///x"}`, "url"},
		{"a bad timeout", `{"url": "http://h/r", "timeout": "-1s"}`, "timeout"},
		{"a header the plugin sets", `{"url": "http://h/r", "headers": {"content-type": "text/plain"}}`, "headers.content-type"},
		{"a bad header name", `{"url": "http://h/r", "headers": {"X Tenant": "a"}}`, "headers.X Tenant"},
		{"a header value with a line break", `{"url": "http://h/r", "headers": {"X-A": "a\r\nB: c"}}`, "headers.X-A"},
		{"an unknown key is rejected", `{"url": "http://h/r", "header": {}}`, "header"},
		{"a wrong type names its key", `{"url": "http://h/r", "timeout": 5}`, "timeout"},
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
	f.Add([]byte(`{"url": "http://h/r", "headers": {"X-Tenant": "acme"}}`))
	f.Add([]byte(`{"url": "https://h", "username": "u", "password": "p", "timeout": "1s"}`))
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
