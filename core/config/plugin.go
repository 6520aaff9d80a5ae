package config

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Plugin is one entry of the plugins list: a process the MCP launches and
// delivers recordings through.
type Plugin struct {
	Name   string   `mapstructure:"name"`   // names its destinations: <kind>/<name>
	Kinds  []string `mapstructure:"kinds"`  // storage, metadata, analytics
	Binary string   `mapstructure:"binary"` // path or file name (plugin dir, then $PATH); empty: built in
	SHA256 string   `mapstructure:"sha256"` // optional pin of the binary
	// StreamFiles sends files' bytes through the plugin connection instead
	// of their spool paths (for a plugin that cannot see the spool).
	StreamFiles bool           `mapstructure:"stream_files"`
	Config      map[string]any `mapstructure:"config"` // passed to the plugin as JSON
}

// PluginKinds are the kinds a plugin entry may list.
var PluginKinds = []string{"storage", "metadata", "analytics"}

// BuiltinPlugins are the plugins an entry with no binary may name.
var BuiltinPlugins = []string{"localdir"}

// DefaultPlugins is the embedded default: the built-in localdir plugin
// storing files and their metadata sidecars in the recordings directory.
func DefaultPlugins() []Plugin {
	return []Plugin{{
		Name: "localdir", Kinds: []string{"storage", "metadata"},
		Config: map[string]any{"dir": "${recording_dir}"},
	}}
}

// PluginConfig returns p's config block with ${data_dir} and
// ${recording_dir} replaced in every string value.
func (c MCP) PluginConfig(p Plugin) map[string]any {
	r := strings.NewReplacer("${data_dir}", c.DataDir, "${recording_dir}", c.RecordingDir())
	return expand(p.Config, r).(map[string]any)
}

func expand(v any, r *strings.Replacer) any {
	switch t := v.(type) {
	case string:
		return r.Replace(t)
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = expand(x, r)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = expand(x, r)
		}
		return out
	case nil:
		return map[string]any{}
	}
	return v
}

// validatePlugins checks a plugins list.
func validatePlugins(list []Plugin) []error {
	var errs []error
	seen := map[string]bool{}
	for i, p := range list {
		key := fmt.Sprintf("plugins[%d]", i)
		switch {
		case p.Name == "":
			errs = append(errs, invalid(key+".name", "must not be empty"))
		case seen[p.Name]:
			errs = append(errs, invalid(key+".name", "%q twice", p.Name))
		case p.Binary == "" && !slices.Contains(BuiltinPlugins, p.Name):
			errs = append(errs, invalid(key+".binary", "required: %q is not built in (%v)", p.Name, BuiltinPlugins))
		}
		seen[p.Name] = true
		errs = append(errs, validateKinds(key+".kinds", p.Kinds)...)
	}
	return errs
}

func validateKinds(key string, kinds []string) []error {
	if len(kinds) == 0 {
		return []error{invalid(key, "must name at least one of %v", PluginKinds)}
	}
	for _, k := range kinds {
		if !slices.Contains(PluginKinds, k) {
			return []error{invalid(key, "%q is not one of %v", k, PluginKinds)}
		}
	}
	return nil
}

func (s Spool) validate() []error {
	var errs []error
	if s.Workers < 1 {
		errs = append(errs, invalid("spool.workers", "%d, want at least 1", s.Workers))
	}
	errs = append(errs, positive("spool.attempt_timeout", s.AttemptTimeout)...)
	errs = append(errs, positive("spool.backoff_base", s.BackoffBase)...)
	errs = append(errs, positive("spool.backoff_max", s.BackoffMax)...)
	if s.BackoffMax < s.BackoffBase {
		errs = append(errs, invalid("spool.backoff_max", "%s is below spool.backoff_base %s", s.BackoffMax, s.BackoffBase))
	}
	return append(errs, positive("spool.horizon", s.Horizon)...)
}

func (p PluginHost) validate() []error {
	var errs []error
	errs = append(errs, positive("plugin_host.call_timeout", p.CallTimeout)...)
	errs = append(errs, positive("plugin_host.ping_interval", p.PingInterval)...)
	return append(errs, positive("plugin_host.backoff_max", p.BackoffMax)...)
}

func positive(key string, d time.Duration) []error {
	if d <= 0 {
		return []error{invalid(key, "%s, want more than 0", d)}
	}
	return nil
}
