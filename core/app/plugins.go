package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/pluginhost"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/storage/localdir"
)

// builtins are the plugins served in-process when an entry has no binary.
var builtins = map[string]func() sdk.Plugin{
	"localdir": func() sdk.Plugin { return localdir.New() },
}

// startPlugins launches and configures the configured plugins (the
// embedded default: the built-in localdir), after ending the plugin
// processes a crashed predecessor on the same data dir left running. A bad
// configuration fails here, naming the plugin and the key.
func (m *MCP) startPlugins() (*pluginhost.Host, error) {
	specs := make([]pluginhost.Spec, 0, len(m.cfg.Plugins))
	for _, p := range m.cfg.Plugins {
		s, err := specOf(p, m.cfg.PluginConfig(p))
		if err != nil {
			return nil, err
		}
		specs = append(specs, s)
	}
	if err := os.MkdirAll(m.cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	ph := m.cfg.PluginHost
	return pluginhost.Start(context.Background(), specs, pluginhost.Options{Log: m.log, Dir: ph.Dir,
		CallTimeout: ph.CallTimeout, PingInterval: ph.PingInterval, BackoffMax: ph.BackoffMax,
		StateDir: m.cfg.DataDir})
}

func specOf(p config.Plugin, block map[string]any) (pluginhost.Spec, error) {
	raw, err := json.Marshal(block)
	if err != nil {
		return pluginhost.Spec{}, fmt.Errorf("plugins: %q: config: %w", p.Name, err)
	}
	s := pluginhost.Spec{Name: p.Name, Binary: p.Binary, SHA256: p.SHA256, Config: raw, StreamFiles: p.StreamFiles}
	for _, k := range p.Kinds {
		s.Kinds = append(s.Kinds, sdk.Kind(k))
	}
	if p.Binary == "" {
		newPlugin, ok := builtins[p.Name]
		if !ok {
			return pluginhost.Spec{}, fmt.Errorf("plugins: %q has no binary and is not built in", p.Name)
		}
		s.Builtin = newPlugin()
	}
	return s, nil
}
