package rps

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/reel-project/reel/plugins/internal/httpput"
	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	httpput.Settings
	// Headers are sent with every POST, e.g. a tenant or API-key header.
	Headers map[string]string `json:"headers"`
}

// reserved are headers the plugin sets itself.
var reserved = []string{"Authorization", "Content-Type", "Content-Length", "Idempotency-Key", "Host", "Expect"}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config {
	return Config{Settings: httpput.Settings{Timeout: "30s"}}
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
	for name, value := range c.Headers {
		if err := checkHeader(name, value); err != nil {
			return err
		}
	}
	return nil
}

func checkHeader(name, value string) error {
	key := "headers." + name
	switch {
	case name == "" || strings.ContainsFunc(name, notToken):
		return sdk.ConfigErrorf(key, "is not a valid header name")
	case strings.ContainsAny(value, "\r\n\x00"):
		return sdk.ConfigErrorf(key, "value holds a line break or NUL")
	}
	for _, r := range reserved {
		if http.CanonicalHeaderKey(name) == r {
			return sdk.ConfigErrorf(key, "is set by the plugin")
		}
	}
	return nil
}

// notToken reports a rune not allowed in a header name (RFC 9110 token).
func notToken(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return false
	}
	return !strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}
