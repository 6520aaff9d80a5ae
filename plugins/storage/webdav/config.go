package webdav

import (
	"encoding/json"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	httpput.Settings
	// Path is the folder template below url; the file keeps its name.
	Path string `json:"path"`
}

// DefaultPath keeps one folder per recording.
const DefaultPath = "{recording_id}"

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config {
	return Config{Settings: httpput.Settings{Timeout: httpput.DefaultTimeout}, Path: DefaultPath}
}

// ParseConfig decodes raw over the defaults, rejecting unknown keys, and
// validates the result.
func ParseConfig(raw json.RawMessage) (Config, error) {
	cfg := DefaultConfig()
	if err := httpput.DecodeConfig(raw, &cfg); err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// Validate checks every key and names the first bad one.
func (c Config) Validate() error {
	if err := c.Settings.Validate(); err != nil {
		return err
	}
	if _, err := ParseTemplate(c.Path); err != nil {
		return sdk.ConfigErrorf("path", "%v", err)
	}
	return nil
}
