package logging

import (
	"context"
	"log/slog"
	"sync"

	"github.com/emiago/sipgo/sip"
)

var sipStackOnce sync.Once

// QuietSIPStack sends the SIP stack's process-wide log (sipgo logs
// retransmission bookkeeping at Info) to h at Warn and above, tagged
// component=sipgo. sipgo reads that logger without synchronisation, so only
// the first call in a process takes effect: later daemons in the same
// process (tests) share it.
func QuietSIPStack(h slog.Handler) {
	sipStackOnce.Do(func() {
		sip.SetDefaultLogger(slog.New(SIPStack(AtLeast(h, slog.LevelWarn))).With("component", "sipgo"))
	})
}

// sipParseFailure is the message sipgo logs, at Error and with the whole
// input as "data", when a stream (TCP) does not parse.
const sipParseFailure = "failed to parse"

// SIPStack returns a handler for sipgo's loggers that keeps what they log
// about malformed input operator-sized: sipgo's "failed to parse" record
// becomes an Info record whose data is a short quoted Prefix, at most
// DefaultBurst of them a minute (the record carries no source address, so
// the limit is for all sources together). Everything else passes unchanged.
func SIPStack(h slog.Handler) slog.Handler {
	return sipStack{h: h, limit: &Limiter{}}
}

type sipStack struct {
	h     slog.Handler
	limit *Limiter
}

func (s sipStack) Enabled(ctx context.Context, l slog.Level) bool {
	return s.h.Enabled(ctx, l) || s.h.Enabled(ctx, slog.LevelInfo)
}

func (s sipStack) Handle(ctx context.Context, r slog.Record) error {
	if r.Message != sipParseFailure {
		if !s.h.Enabled(ctx, r.Level) {
			return nil
		}
		return s.h.Handle(ctx, r)
	}
	ok, suppressed := s.limit.Allow(sipParseFailure)
	if !ok || !s.h.Enabled(ctx, slog.LevelInfo) {
		return nil
	}
	out := slog.NewRecord(r.Time, slog.LevelInfo, "sip stream unparseable", r.PC)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "data" {
			data := a.Value.String()
			out.AddAttrs(slog.Int("bytes", len(data)), slog.String("prefix", Prefix([]byte(data))))
			return true
		}
		out.AddAttrs(a)
		return true
	})
	if suppressed > 0 {
		out.AddAttrs(slog.Int("suppressed", suppressed))
	}
	return s.h.Handle(ctx, out)
}

func (s sipStack) WithAttrs(a []slog.Attr) slog.Handler {
	return sipStack{h: s.h.WithAttrs(a), limit: s.limit}
}

func (s sipStack) WithGroup(n string) slog.Handler {
	return sipStack{h: s.h.WithGroup(n), limit: s.limit}
}
