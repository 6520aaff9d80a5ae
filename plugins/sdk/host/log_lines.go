package host

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
)

// lineLogger logs each line written to it: what a plugin writes to its
// os.Stdout or os.Stderr after sdk.Serve started (go-plugin forwards both
// over gRPC). Partial lines wait for their newline.
type lineLogger struct {
	l      *slog.Logger
	level  slog.Level
	stream string

	mu  sync.Mutex
	buf []byte
}

func newLineLogger(l *slog.Logger, level slog.Level, stream string) *lineLogger {
	return &lineLogger{l: l, level: level, stream: stream}
}

func (w *lineLogger) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.l.Log(context.Background(), w.level, string(w.buf[:i]), "stream", w.stream)
		w.buf = w.buf[i+1:]
	}
}
