package host

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records parses the JSON lines written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	dec := json.NewDecoder(bytes.NewReader(b.buf.Bytes()))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func jsonLogger(w *syncBuffer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

func TestHCLoggerMapsLevelsAndArgs(t *testing.T) {
	var buf syncBuffer
	l := newHCLogger(jsonLogger(&buf, slog.LevelInfo)).With("plugin", "p").Named("ignored")
	l.Debug("dropped")
	l.Warn("kept", "free_mb", 12)
	recs := buf.records(t)
	if len(recs) != 1 || recs[0]["level"] != "WARN" || recs[0]["msg"] != "kept" || recs[0]["plugin"] != "p" {
		t.Fatalf("records = %v, want one WARN 'kept' with plugin=p", recs)
	}
	if l.GetLevel() != hclog.Info || l.IsDebug() || !l.IsInfo() {
		t.Errorf("GetLevel = %v, IsDebug %v: want Info", l.GetLevel(), l.IsDebug())
	}
}

func TestLineLoggerLogsWholeLines(t *testing.T) {
	var buf syncBuffer
	w := newLineLogger(jsonLogger(&buf, slog.LevelInfo), slog.LevelWarn, "stderr")
	for _, part := range []string{"first li", "ne\nsecond line\nthird"} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	recs := buf.records(t)
	if len(recs) != 2 || recs[0]["msg"] != "first line" || recs[1]["msg"] != "second line" || recs[1]["stream"] != "stderr" {
		t.Errorf("records = %v, want 'first line' and 'second line' on stderr", recs)
	}
}

func TestLevelOfFindsTheLowestEnabledLevel(t *testing.T) {
	var buf syncBuffer
	if got := levelOf(jsonLogger(&buf, slog.LevelWarn)); got != slog.LevelWarn {
		t.Errorf("levelOf = %v, want WARN", got)
	}
	if got := levelOf(jsonLogger(&buf, slog.LevelDebug-4)); got != slog.LevelDebug-4 {
		t.Errorf("levelOf = %v, want DEBUG-4", got)
	}
}
