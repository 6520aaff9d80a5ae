package logging

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Output formats accepted by New.
const (
	FormatText = "text" // logfmt-style key=value lines (slog.TextHandler)
	FormatJSON = "json" // one JSON object per line (slog.JSONHandler)
)

// levels are the level names accepted by New, least severe first.
var levels = []string{"debug", "info", "warn", "error"}

// Levels returns the level names New accepts, least severe first.
func Levels() []string { return slices.Clone(levels) }

// New returns a logger writing records at level or above to w in format.
// Level is one of Levels and format FormatText or FormatJSON, both
// case-insensitive.
func New(level, format string, w io.Writer) (*slog.Logger, error) {
	lv, err := ParseLevel(level)
	if err != nil {
		return nil, err
	}
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: lv}
	if strings.EqualFold(format, FormatJSON) {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// ParseLevel returns the slog level named by s (one of Levels).
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("%w %q (want one of %s)", ErrLevel, s, strings.Join(levels, ", "))
}

// CheckFormat returns an error unless s is FormatText or FormatJSON.
func CheckFormat(s string) error {
	if strings.EqualFold(s, FormatText) || strings.EqualFold(s, FormatJSON) {
		return nil
	}
	return fmt.Errorf("%w %q (want %s or %s)", ErrFormat, s, FormatText, FormatJSON)
}
