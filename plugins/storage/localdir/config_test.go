package localdir

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

func TestBadConfigsNameTheirKey(t *testing.T) {
	for _, tt := range []struct{ name, raw, key string }{
		{"dir missing", `{}`, "dir"},
		{"dir relative", `{"dir":"rel"}`, "dir"},
		{"path without name", `{"dir":"/x","path":"{recording_id}"}`, "path"},
		{"path escaping", `{"dir":"/x","path":"../{name}"}`, "path"},
		{"unknown key", `{"dir":"/x","bucket":"b"}`, "bucket"},
		{"wrong type", `{"dir":"/x","fsync":"yes"}`, "fsync"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(json.RawMessage(tt.raw))
			var ce *sdk.ConfigError
			if !errors.As(err, &ce) || ce.Key != tt.key {
				t.Errorf("ParseConfig(%s) = %v, want a ConfigError for %q", tt.raw, err, tt.key)
			}
		})
	}
}

func TestPathTemplate(t *testing.T) {
	c := Config{Dir: "/d", Path: "{recording_id}/{name}"}
	if got := c.path(sdk.Key{RecordingID: "r", Name: "n.wav"}); got != "/d/r/n.wav" {
		t.Errorf("path = %s", got)
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add(`{"dir":"/x","path":"{name}"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := ParseConfig(json.RawMessage(raw))
		if err == nil && c.Validate() != nil {
			t.Fatal("ParseConfig accepted an invalid config")
		}
	})
}
