package sdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// DecodeConfig decodes the JSON object raw into v (a pointer to the plugin's
// config struct, pre-filled with defaults) and rejects unknown keys. Empty
// input and "null" leave v as it is. Every error is a *ConfigError naming
// the offending key where there is one.
func DecodeConfig(raw json.RawMessage, v any) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return configDecodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return &ConfigError{Err: errors.New("unexpected data after the JSON object")}
	}
	return nil
}

// configDecodeError names the key encoding/json complains about.
func configDecodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &ConfigError{Key: te.Field, Err: err}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if key, uerr := strconv.Unquote(name); uerr == nil {
			return &ConfigError{Key: key, Err: errors.New("unknown key")}
		}
	}
	return &ConfigError{Err: err}
}
