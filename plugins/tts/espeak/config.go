package espeak

import (
	"encoding/json"
	"regexp"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
)

// Config is the plugin's configuration block. Every key is in README.md.
type Config struct {
	// Binary is the espeak-ng executable, a path or a name on PATH.
	Binary string `json:"binary"`
	// Voice is the voice when a request names none (espeak-ng -v).
	Voice string `json:"voice"`
	// Rate is the speaking rate in words per minute (espeak-ng -s), 80–450.
	Rate int `json:"rate"`
	// TimeoutMS bounds one synthesis, in milliseconds.
	TimeoutMS int `json:"timeout_ms"`
}

// DefaultConfig is the configuration before the operator's block.
func DefaultConfig() Config {
	return Config{Binary: "espeak-ng", Voice: "en-us", Rate: 160, TimeoutMS: 10000}
}

// voiceName is what a voice may look like: espeak-ng names and language
// tags ("en-us", "mb-en1", "en+f3"); never a leading "-", so that a voice
// cannot be read as an option.
var voiceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_+-]{0,63}$`)

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
	case c.Binary == "":
		return sdk.ConfigErrorf("binary", "is required")
	case !voiceName.MatchString(c.Voice):
		return sdk.ConfigErrorf("voice", "%q is not a voice name", c.Voice)
	case c.Rate < 80 || c.Rate > 450:
		return sdk.ConfigErrorf("rate", "must be 80 to 450 words per minute, got %d", c.Rate)
	case c.TimeoutMS < 100 || c.TimeoutMS > 600000:
		return sdk.ConfigErrorf("timeout_ms", "must be 100 to 600000, got %d", c.TimeoutMS)
	}
	return nil
}

func (c Config) timeout() time.Duration { return time.Duration(c.TimeoutMS) * time.Millisecond }
