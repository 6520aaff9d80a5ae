package httpput

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/reel-project/reel/plugins/sdk"
)

// DecodeConfig is sdk.DecodeConfig for a config struct that embeds
// Settings: encoding/json names an embedded field "Settings.url", the
// operator wrote "url".
func DecodeConfig(raw json.RawMessage, v any) error {
	err := sdk.DecodeConfig(raw, v)
	var ce *sdk.ConfigError
	if errors.As(err, &ce) {
		ce.Key = strings.TrimPrefix(ce.Key, "Settings.")
	}
	return err
}
