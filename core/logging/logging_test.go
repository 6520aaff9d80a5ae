package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestNewWritesInTheChosenFormat(t *testing.T) {
	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"text", func(t *testing.T, out string) {
			if !strings.Contains(out, "msg=hello call_id=abc@host") {
				t.Errorf("text output %q", out)
			}
		}},
		{"JSON", func(t *testing.T, out string) {
			var rec map[string]any
			if err := json.Unmarshal([]byte(out), &rec); err != nil || rec[KeyCallID] != "abc@host" {
				t.Errorf("json output %q (%v)", out, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			log, err := New("info", tt.format, &buf)
			if err != nil {
				t.Fatal(err)
			}
			log.Info("hello", KeyCallID, "abc@host")
			tt.check(t, buf.String())
		})
	}
}

func TestNewDropsRecordsBelowTheLevel(t *testing.T) {
	var buf bytes.Buffer
	log, err := New("WARN", "text", &buf)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("quiet")
	log.Warn("loud")
	if out := buf.String(); strings.Contains(out, "quiet") || !strings.Contains(out, "loud") {
		t.Errorf("output %q, want only the warning", out)
	}
}

func TestParseLevel(t *testing.T) {
	want := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}
	for _, name := range Levels() {
		if got, err := ParseLevel(name); err != nil || got != want[name] {
			t.Errorf("ParseLevel(%q) = %v, %v", name, got, err)
		}
	}
}

func TestNewRejectsUnknownLevelsAndFormats(t *testing.T) {
	if _, err := New("verbose", "text", &bytes.Buffer{}); !errors.Is(err, ErrLevel) {
		t.Errorf("level verbose: %v, want ErrLevel", err)
	}
	if _, err := New("info", "xml", &bytes.Buffer{}); !errors.Is(err, ErrFormat) {
		t.Errorf("format xml: %v, want ErrFormat", err)
	}
}
