package main

import (
	"encoding/json"
	"path/filepath"

	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	// Dir is the directory recordings are stored under, as
	// <dir>/<recording id>/<file name>. Required, absolute; created if missing.
	Dir string `json:"dir"`
	// Fsync flushes every file and its directory to disk before Put returns.
	Fsync bool `json:"fsync"`
}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config { return Config{Fsync: true} }

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
	}
	return nil
}

// path is where key is stored.
func (c Config) path(key sdk.Key) string {
	return filepath.Join(c.Dir, key.RecordingID, key.Name)
}
