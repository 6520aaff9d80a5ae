package sdktest

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// Factory returns a fresh, unconfigured plugin and a valid configuration
// for it (a JSON object). Backing state must be new on every call, e.g.
// under t.TempDir(), and cleaned up with t.Cleanup.
type Factory func(t *testing.T) (sdk.Plugin, json.RawMessage)

// UnknownKey is the key the suites add to a valid configuration to check
// that the plugin rejects unknown keys and names them.
const UnknownKey = "sdktest_unknown_key"

// startConfigured serves the factory's plugin, wrapped by wrap when not nil,
// and configures it.
func startConfigured(t *testing.T, f Factory, wrap func(sdk.Plugin) sdk.Plugin, opts ...host.Option) *host.Client {
	t.Helper()
	p, cfg := f(t)
	if wrap != nil {
		p = wrap(p)
	}
	c := Start(t, p, opts...)
	if err := c.Configure(context.Background(), cfg); err != nil {
		t.Fatalf("Configure with the factory's configuration: %v", err)
	}
	return c
}

// checkInfo runs the checks every kind shares: GetInfo and Configure.
func checkInfo(t *testing.T, f Factory, kind sdk.Kind) {
	t.Run("GetInfo names the plugin, its version and kind", func(t *testing.T) {
		p, _ := f(t)
		c := Start(t, p)
		if info := c.Info(); info.Name == "" || info.Version == "" {
			t.Errorf("Info() = %+v, want a name and a version", info)
		}
		if !slices.Contains(c.Kinds(), kind) {
			t.Errorf("Kinds() = %v, want %s among them", c.Kinds(), kind)
		}
	})
	t.Run("Configure rejects an unknown key and names it", func(t *testing.T) {
		p, cfg := f(t)
		err := Start(t, p).Configure(context.Background(), withUnknownKey(t, cfg))
		var ce *sdk.ConfigError
		if !errors.As(err, &ce) || ce.Key != UnknownKey {
			t.Fatalf("Configure = %v, want a *sdk.ConfigError for key %q", err, UnknownKey)
		}
		if !sdk.IsPermanent(err) {
			t.Errorf("a configuration error must be permanent: %v", err)
		}
	})
	t.Run("Configure rejects a block that is not an object", func(t *testing.T) {
		p, _ := f(t)
		err := Start(t, p).Configure(context.Background(), json.RawMessage(`["not", "an", "object"]`))
		var ce *sdk.ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("Configure = %v, want a *sdk.ConfigError", err)
		}
	})
}

func withUnknownKey(t *testing.T, cfg json.RawMessage) json.RawMessage {
	t.Helper()
	m := map[string]json.RawMessage{}
	if len(cfg) > 0 {
		if err := json.Unmarshal(cfg, &m); err != nil {
			t.Fatalf("the factory's configuration is not a JSON object: %v", err)
		}
	}
	m[UnknownKey] = json.RawMessage(`true`)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
