package espeak

import (
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestParseConfigNamesTheBadKey(t *testing.T) {
	for raw, key := range map[string]string{
		`{"binary": ""}`:    "binary",
		`{"voice": "-x"}`:   "voice",
		`{"rate": 20}`:      "rate",
		`{"timeout_ms": 5}`: "timeout_ms",
		`{"unknown": 1}`:    "unknown",
	} {
		_, err := ParseConfig([]byte(raw))
		var ce *sdk.ConfigError
		if !errors.As(err, &ce) || ce.Key != key {
			t.Errorf("%s: %v, want a ConfigError for %q", raw, err, key)
		}
	}
	if c, err := ParseConfig([]byte(`{}`)); err != nil || c != DefaultConfig() {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
}
