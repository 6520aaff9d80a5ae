package vxml

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// Clock is the session's time source; the driver's is virtual.
type Clock interface{ Now() time.Time }

// wallClock is the default Clock.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// Limits bound what one session may do.
type Limits struct {
	Doc          doc.Limits    // document size, depth and element count
	ScriptBudget time.Duration // CPU per event for all scripts; error.semantic past it
	Transitions  int           // transitions and loop iterations between inputs; error.noresource past it
	EventDepth   int           // events thrown while handling events
}

// DefaultLimits are the limits when Config.Limits is zero.
var DefaultLimits = Limits{ScriptBudget: 500 * time.Millisecond, Transitions: 1000, EventDepth: 32}

// Config configures a Session.
type Config struct {
	Fetcher *fetch.Fetcher
	Clock   Clock // nil: the wall clock
	Log     *slog.Logger
	Limits  Limits
	// Connection fills session.connection: local.uri, remote.uri,
	// protocol.name, aai and the like, as dotted keys.
	Connection map[string]string
	// ReportsMarks says that the platform sends MarkReached as playback
	// passes each <mark>; otherwise a mark counts as reached when queued
	// (the headless driver plays prompts in no time).
	ReportsMarks bool
}

// Session is one running application. It is not safe for concurrent use:
// the driver or call that owns it serialises Start and Handle.
type Session struct {
	cfg           Config
	ctx           context.Context
	rt            *script.Runtime
	session       *script.Scope
	cur           *context_ // the running dialog's context; subdialogs stack on it
	out           []Action
	wait          *waitState
	ended         bool
	hungup        bool
	steps         int           // transitions since the last input
	limited       bool          // the transition limit was hit once
	depth         int           // nested event handling
	promptTimeout time.Duration // timeout= of the last prompt queued
	logged        map[string]bool
	recordings    [][]byte // audio of <record> items, by index
	collections   int      // input collections started
	bargeinType   string   // bargeintype of the last prompt queued
	mark          mark     // the last mark reached
	inputMark     mark     // the mark reached before the input being handled
}

// New creates a session; Start runs it.
func New(ctx context.Context, cfg Config) *Session {
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = wallClock{}
	}
	s := &Session{cfg: cfg, ctx: ctx, logged: map[string]bool{}}
	s.rt = script.New(script.Options{Now: cfg.Clock.Now, Budget: cfg.Limits.ScriptBudget})
	s.session = s.rt.NewScope("session", nil)
	s.initSessionVars()
	return s
}

// Start loads the application at uri and runs it until it waits or ends.
func (s *Session) Start(uri string) []Action {
	stop := s.rt.Guard()
	defer stop()
	u, err := url.Parse(uri)
	if err != nil {
		s.finish(&exitCtl{err: "bad start URI: " + err.Error()})
		return s.drain()
	}
	s.run(s.startAt(u))
	return s.drain()
}

// Handle delivers one event and runs the session until it waits again.
func (s *Session) Handle(ev Event) ([]Action, error) {
	if s.ended {
		return nil, ErrEnded
	}
	stop := s.rt.Guard()
	defer stop()
	s.steps = 0
	c, err := s.deliver(ev)
	if err != nil {
		return nil, err
	}
	s.run(c)
	return s.drain(), nil
}

// Wait reports what the session waits for.
func (s *Session) Wait() Waiting {
	switch {
	case s.ended:
		return Waiting{Kind: WaitNothing}
	case s.wait == nil:
		return Waiting{Kind: WaitNothing}
	}
	w := Waiting{Kind: s.wait.kind, Deadline: s.wait.deadline, Seq: s.collections}
	w.Listening = w.Kind == WaitTransfer && s.wait.dtmf
	return w
}

// Ended reports whether the session is over.
func (s *Session) Ended() bool { return s.ended }

func (s *Session) emit(a Action) { s.out = append(s.out, a) }

func (s *Session) drain() []Action {
	out := s.out
	s.out = nil
	return out
}

// logOnce logs a problem the first time it happens in this session.
func (s *Session) logOnce(key, msg string, args ...any) {
	if s.logged[key] {
		return
	}
	s.logged[key] = true
	s.cfg.Log.Warn(msg, args...)
}

func (s *Session) now() time.Time { return s.cfg.Clock.Now() }
