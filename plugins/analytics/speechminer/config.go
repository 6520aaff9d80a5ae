package speechminer

import (
	"encoding/json"
	"strings"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
// URL is the default destination folder; a recording's "dest" metadata
// overrides it.
type Config struct {
	httpput.Settings
}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config {
	return Config{Settings: httpput.Settings{Timeout: httpput.DefaultTimeout}}
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

// Validate checks every key and names the first bad one; an S3 destination
// is refused with the way to get one.
func (c Config) Validate() error {
	if isS3(c.URL) {
		return sdk.ConfigErrorf("url", "%v", errS3)
	}
	return c.Settings.Validate()
}

// isS3 reports a GVP-style "S3:bucket[/prefix]" destination.
func isS3(dest string) bool { return len(dest) >= 3 && strings.EqualFold(dest[:3], "s3:") }
