package sdk_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

type testConfig struct {
	Dir  string `json:"dir"`
	Auth struct {
		User string `json:"user"`
	} `json:"auth"`
	Retries int `json:"retries"`
}

func TestDecodeConfigNamesTheBadKey(t *testing.T) {
	cases := []struct {
		name, raw, key string
	}{
		{"an unknown key", `{"dir": "/x", "dri": "/y"}`, "dri"},
		{"a nested unknown key", `{"auth": {"usr": "a"}}`, "usr"},
		{"a wrong type", `{"retries": "three"}`, "retries"},
		{"a wrong nested type", `{"auth": {"user": 7}}`, "auth.user"},
		{"an array instead of an object", `[1]`, ""},
		{"data after the object", `{"dir": "/x"} {"dir": "/y"}`, ""},
		{"broken JSON", `{"dir": `, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cfg testConfig
			err := sdk.DecodeConfig(json.RawMessage(tc.raw), &cfg)
			var ce *sdk.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("DecodeConfig(%s) = %v, want a *ConfigError", tc.raw, err)
			}
			if ce.Key != tc.key {
				t.Errorf("key = %q, want %q (%v)", ce.Key, tc.key, err)
			}
		})
	}
}

func TestDecodeConfigKeepsDefaultsForMissingKeys(t *testing.T) {
	for _, raw := range []string{``, `null`, ` {} `, `{"auth": {"user": "u"}}`} {
		cfg := testConfig{Dir: "/default", Retries: 3}
		if err := sdk.DecodeConfig(json.RawMessage(raw), &cfg); err != nil {
			t.Fatalf("DecodeConfig(%q): %v", raw, err)
		}
		if cfg.Dir != "/default" || cfg.Retries != 3 {
			t.Errorf("DecodeConfig(%q) lost a default: %+v", raw, cfg)
		}
	}
}

func TestConfigErrorSaysKeyAndProblem(t *testing.T) {
	err := sdk.ConfigErrorf("dir", "must be absolute, got %q", "rel")
	if got, want := err.Error(), `config key "dir": must be absolute, got "rel"`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
}

func FuzzDecodeConfig(f *testing.F) {
	for _, s := range []string{`{"dir":"/x"}`, `{"auth":{"user":"u"}}`, `[1]`, `{"retries":"x"}`, `null`, `{"a":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var cfg testConfig
		err := sdk.DecodeConfig(raw, &cfg)
		var ce *sdk.ConfigError
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("DecodeConfig(%q) = %v, not a *ConfigError", raw, err)
		}
	})
}
