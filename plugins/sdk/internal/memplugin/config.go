package memplugin

import (
	"encoding/json"
	"regexp"

	"github.com/reel-project/reel/plugins/sdk"
)

// Config is memplugin's configuration block.
type Config struct {
	// Scheme is the URI scheme of the locations Put returns.
	Scheme string `json:"scheme"`
}

var schemeRE = regexp.MustCompile(`^[a-z][a-z0-9+.-]*$`)

// ParseConfig decodes raw strictly over the defaults and validates it.
func ParseConfig(raw json.RawMessage) (Config, error) {
	cfg := Config{Scheme: "mem"}
	if err := sdk.DecodeConfig(raw, &cfg); err != nil {
		return Config{}, err
	}
	return cfg, cfg.Validate()
}

// Validate checks every key.
func (c Config) Validate() error {
	if !schemeRE.MatchString(c.Scheme) {
		return sdk.ConfigErrorf("scheme", "%q is not a URI scheme", c.Scheme)
	}
	return nil
}
