package webdav

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
		{"a URL alone is enough", `{"url": "https://dav.example.com/rec"}`, ""},
		{"every key", `{"url": "http://h/r", "username": "u", "password": "p", "path": "{tenant}/{date:2006/01/02}", "ca_file": "", "timeout": "10s"}`, ""},
		{"url is required", `{}`, "url"},
		{"url must be http or https", `{"url": "ftp://h/r"}`, "url"},
		{"url holds no credentials", `{"url": "http://u:p@h/r"}`, "url"},
		{"a password needs a username", `{"url": "http://h/r", "password": "p"}`, "username"},
		{"password and password_file exclude each other", `{"url": "http://h/r", "username": "u", "password": "p", "password_file": "/f"}`, "password_file"},
		{"a bad timeout", `{"url": "http://h/r", "timeout": "soon"}`, "timeout"},
		{"a bad template", `{"url": "http://h/r", "path": "{who}"}`, "path"},
		{"an unknown key is rejected", `{"url": "http://h/r", "pass": "x"}`, "pass"},
		{"a wrong type names its key", `{"url": 7}`, "url"},
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
	f.Add([]byte(`{"url": "http://h/r", "path": "{tenant}/{date:2006}"}`))
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
