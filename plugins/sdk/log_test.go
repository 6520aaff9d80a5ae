package sdk

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"
	"time"
)

// TestLoggerWritesHCLogJSON checks the keys and formats go-plugin's host
// parses (plugin/log_entry.go): @message, @level, @timestamp.
func TestLoggerWritesHCLogJSON(t *testing.T) {
	var buf bytes.Buffer
	l := newLogger(&buf, slog.LevelDebug-4)
	l.Log(t.Context(), slog.LevelDebug-4, "tracing", "recording_id", "r1")
	l.Warn("disk nearly full", "free_mb", 12)
	want := []struct{ level, msg string }{{"trace", "tracing"}, {"warn", "disk nearly full"}}
	dec := json.NewDecoder(&buf)
	for _, w := range want {
		var line map[string]any
		if err := dec.Decode(&line); err != nil {
			t.Fatal(err)
		}
		if line["@level"] != w.level || line["@message"] != w.msg {
			t.Errorf("line %v, want @level %q @message %q", line, w.level, w.msg)
		}
		if _, err := time.Parse(hclogTime, line["@timestamp"].(string)); err != nil {
			t.Errorf("@timestamp: %v", err)
		}
	}
}

func TestLoggerDropsLinesBelowTheHostsLevel(t *testing.T) {
	t.Setenv(LogLevelEnv, "WARN")
	var buf bytes.Buffer
	l := newLogger(&buf, logLevel())
	l.Info("quiet")
	if buf.Len() != 0 {
		t.Errorf("an Info line passed a WARN level: %s", buf.String())
	}
}
