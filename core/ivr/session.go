package ivr

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/reel-project/reel/core/dtmf"
	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// Prompts renders prompt content into 8 kHz audio.
type Prompts interface {
	// Audio is the decoded audio at uri (<audio src>).
	Audio(ctx context.Context, uri string) (*prompt.Audio, error)
	// Speak is text spoken by text-to-speech (text and <value> prompts).
	Speak(ctx context.Context, text string) (*prompt.Audio, error)
}

// Platform is the call the application runs on. Its methods are called
// from Run's goroutine.
type Platform interface {
	// Recording carries out one recording command of <log gvp:dest="record">:
	// start, pause, resume or stop (docs/wire.md §3).
	Recording(cmd string) error
	// Disconnect hangs up the caller (<exit>, <disconnect>, the end).
	Disconnect()
	// Transfer carries out a <transfer> and returns its outcome.
	Transfer(ctx context.Context, t vxml.Transfer) vxml.TransferDone
}

// Config configures a Session.
type Config struct {
	Fetcher  *fetch.Fetcher
	Prompts  Prompts
	Platform Platform
	InBand   bool // look for in-band DTMF tones in what the caller says
	// Connection fills session.connection.* (RFC 5552).
	Connection map[string]string
	Log        *slog.Logger
	Limits     vxml.Limits
	// Ended is told once, when the application is over.
	Ended func(Result)
	// MaxDrain bounds how long Run lets queued prompts play out before it
	// hangs up at the end; 0 = 30 s.
	MaxDrain time.Duration
}

// Result is how an application ended.
type Result struct {
	Exit   string // <exit> namelist as JSON, or the event that ended it
	Normal bool   // <exit>, the end of the document or a hang-up
	Hangup bool   // the caller hung up
}

// Session is one application on one call.
type Session struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	vx     *vxml.Session
	play   *prompt.Player
	keys   chan rune
	// Used on the conference clock only: the in-band detector (nil when
	// off) and the de-duplication of keys that come on two paths.
	det    *dtmf.Detector
	dedup  dtmf.Deduper
	gone   chan struct{} // closed by Hangup or Stop
	once   sync.Once
	hungup bool // guarded by once: the caller, not Stop, ended it

	pending    []vxml.Action // Start's actions, carried out by Run
	typeahead  []rune        // keys that came while no input was collected
	handled    time.Time     // when the interpreter last ran
	playedThen time.Duration // the prompt audio played by then
	result     Result
	disconnect bool // the application asked to hang up
	hangupSent bool // the interpreter knows of the hang-up
}

// keyBuffer is how many keys may wait between the clock and Run.
const keyBuffer = 64

// New creates a session; Start loads the application.
func New(cfg Config) *Session {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxDrain == 0 {
		cfg.MaxDrain = 30 * time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Session{cfg: cfg, ctx: ctx, cancel: cancel, play: prompt.NewPlayer(),
		keys: make(chan rune, keyBuffer), gone: make(chan struct{})}
	if cfg.InBand {
		s.det = &dtmf.Detector{}
	}
	s.vx = vxml.New(ctx, vxml.Config{Fetcher: cfg.Fetcher, Log: cfg.Log, Limits: cfg.Limits, Connection: cfg.Connection})
	return s
}

// Start loads the initial document and runs the application until it
// first waits. An initial document that cannot be fetched or parsed
// (error.badfetch) returns a *StartError: the call should be refused with
// its Status, and Run not called. Any other end — even at once — is the
// application's: Run carries it out.
func (s *Session) Start(uri string) error {
	s.handled = time.Now()
	acts := s.vx.Start(uri)
	if s.vx.Ended() && len(acts) == 1 && acts[0].Kind == vxml.ActExit && strings.HasPrefix(acts[0].Text, "error.badfetch") {
		s.cancel()
		return startError(acts[0].Text)
	}
	s.pending = acts
	return nil
}

// Hangup reports that the caller hung up.
func (s *Session) Hangup() { s.end(true) }

// Stop ends the application from outside without hanging up the caller.
func (s *Session) Stop() { s.end(false) }

func (s *Session) end(hangup bool) {
	s.once.Do(func() {
		s.hungup = hangup
		s.play.Stop()
		close(s.gone)
	})
}
