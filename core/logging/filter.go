package logging

import (
	"context"
	"log/slog"
)

// AtLeast returns a handler that passes only records of level min or above
// to h. It quiets chatty libraries (sipgo logs retransmissions at Info)
// without changing the process's own level.
func AtLeast(h slog.Handler, min slog.Level) slog.Handler { return levelFilter{h, min} }

type levelFilter struct {
	h   slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.h.Enabled(ctx, l)
}

func (f levelFilter) Handle(ctx context.Context, r slog.Record) error { return f.h.Handle(ctx, r) }

func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{f.h.WithAttrs(a), f.min}
}

func (f levelFilter) WithGroup(n string) slog.Handler { return levelFilter{f.h.WithGroup(n), f.min} }
