package localdir

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	// Dir is the directory files are stored under. Required, absolute;
	// created if missing.
	Dir string `json:"dir"`
	// Path is the file's path under Dir: {recording_id} and {name} are
	// replaced. Default "{name}" (every file directly in Dir).
	Path string `json:"path"`
	// Fsync flushes every file and its directory before Put returns.
	Fsync bool `json:"fsync"`
}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config { return Config{Path: "{name}", Fsync: true} }

// ParseConfig decodes raw over the defaults, rejecting unknown keys, and
// validates the result.
func ParseConfig(raw json.RawMessage) (Config, error) {
	cfg := DefaultConfig()
	if err := sdk.DecodeConfig(raw, &cfg); err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// Validate checks every key and names the first bad one.
func (c Config) Validate() error {
	switch {
	case c.Dir == "":
		return sdk.ConfigErrorf("dir", "is required")
	case !filepath.IsAbs(c.Dir):
		return sdk.ConfigErrorf("dir", "must be an absolute path, got %q", c.Dir)
	case !strings.Contains(c.Path, "{name}"):
		return sdk.ConfigErrorf("path", "must contain {name}, got %q", c.Path)
	case filepath.IsAbs(c.Path) || strings.Contains(c.Path, ".."):
		return sdk.ConfigErrorf("path", "must be relative without \"..\", got %q", c.Path)
	}
	return nil
}

// path is where key is stored.
func (c Config) path(key sdk.Key) string {
	rel := strings.NewReplacer("{recording_id}", key.RecordingID, "{name}", key.Name).Replace(c.Path)
	return filepath.Join(c.Dir, filepath.FromSlash(rel))
}
