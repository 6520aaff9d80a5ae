package conference

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/g711"
	"github.com/reel-project/reel/codecs/g722"
	"github.com/reel-project/reel/core/jitter"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
)

// Config is what the engine needs from the MCP configuration.
type Config struct {
	RTPAddr   netip.Addr // advertised in SDP
	Latch     bool       // symmetric RTP
	TargetMs  int        // jitter buffer playout delay
	MaxMs     int        // jitter buffer capacity
	ConcealMs int        // loss concealment before silence
	MaxCalls  int        // calls (conferences) beyond this get ErrFull (0 = unlimited)
	// Admit, when set, may refuse new calls for a reason of its own (free
	// disk space): its error, wrapped in ErrFull. Further legs of a call in
	// progress are admitted regardless.
	Admit   func() error
	Workers int // goroutines sharing each tick (0 = GOMAXPROCS)

	RecordDir  string             // without a Host: where files go
	Formats    []recording.Format // without a Host: what is written
	StereoSwap bool
	// ToneParties says who hears an MSML notification tone besides the
	// recording: ToneBoth (default when ""), ToneRecorded or ToneNone.
	ToneParties string
	// FlushFrames is how often recordings are flushed, in 20 ms frames
	// (0: every second).
	FlushFrames int
	Node        uint32
	// Host decides what calls record by themselves, names the recordings'
	// folders and takes the finished files (nil: RecordDir and Formats,
	// files left where they are).
	Host Host
	// Observer is told about legs, recordings and ticks (nil: nobody).
	Observer Observer
}

// Engine owns every conference and the clock that drives them. Its methods
// are safe for concurrent use.
type Engine struct {
	cfg   Config
	host  Host
	alloc *portalloc.Allocator
	log   *slog.Logger

	mu       sync.Mutex
	confs    map[string]*Conference
	legs     int
	draining bool
	recSeq   atomic.Uint32
	stops    sync.WaitGroup // recordings being finished

	ticks    atomic.Int64
	overruns atomic.Int64

	encoders  *recording.Pool // encodes every recording's files
	closeOnce sync.Once
}

// New returns an engine allocating RTP ports from alloc. It checks the jitter
// settings once, so no leg can fail on them later.
func New(cfg Config, alloc *portalloc.Allocator, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.Default()
	}
	e := &Engine{cfg: cfg, host: cfg.Host, alloc: alloc, log: log, confs: map[string]*Conference{}}
	if e.host == nil {
		e.host = dirHost{dir: cfg.RecordDir, formats: cfg.Formats}
	}
	if _, err := e.newJitter(101); err != nil {
		return nil, err
	}
	e.encoders = recording.NewPool(cfg.Workers)
	return e, nil
}

// JoinRequest describes a new leg.
type JoinRequest struct {
	Target   requri.Target
	CallID   string            // SIP Call-ID of the leg's dialog
	CallUUID string            // X-Genesys-CallUUID when present
	Headers  map[string]string // other headers worth keeping in metadata
}

// Join creates a leg in the conference the request names, creating the
// conference for its first leg.
func (e *Engine) Join(req JoinRequest) (*Leg, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.draining {
		return nil, ErrDraining
	}
	key := confKey(req.Target)
	c := e.confs[key]
	if c == nil {
		if err := e.refusalLocked(); err != nil {
			return nil, err
		}
		c = newConference(e, key, req)
		e.confs[key] = c
		e.observer().CallStarted()
	}
	l, err := c.addLeg(req)
	if err != nil {
		if c.empty() {
			delete(e.confs, key)
			e.observer().CallEnded()
		}
		return nil, err
	}
	e.legs++
	e.observer().LegJoined()
	return l, nil
}

func confKey(t requri.Target) string {
	if t.Kind == requri.Recorder {
		return "record=" + t.ID
	}
	return "msml=" + t.ID
}

// legGone is called by a conference when a leg has left.
func (e *Engine) legGone(c *Conference) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.legs--
	if c.empty() && e.confs[c.key] == c {
		delete(e.confs, c.key)
		e.observer().CallEnded()
	}
}

// Conference returns the conference with the given conf-id (msml=) or nil.
func (e *Engine) Conference(confID string) *Conference {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.confs["msml="+confID]
}

// Available reports whether a new call would be accepted.
func (e *Engine) Available() bool { return e.Refusal() == nil }

// Refusal says why a new call would be refused (ErrDraining, ErrFull with
// the reason), or nil.
func (e *Engine) Refusal() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.refusalLocked()
}

func (e *Engine) refusalLocked() error {
	switch {
	case e.draining:
		return ErrDraining
	case e.full():
		return ErrFull
	case e.cfg.Admit != nil:
		if err := e.cfg.Admit(); err != nil {
			return fmt.Errorf("%w: %w", ErrFull, err)
		}
	}
	return nil
}

// full reports whether a new call would exceed MaxCalls. Legs joining a call
// in progress are still admitted: refusing the second party of a call would
// break a call that has already started. The caller holds e.mu.
func (e *Engine) full() bool {
	return e.cfg.MaxCalls > 0 && len(e.confs) >= e.cfg.MaxCalls
}

// Legs returns the number of legs in all conferences.
func (e *Engine) Legs() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.legs
}

// Drain refuses new legs from now on.
func (e *Engine) Drain() {
	e.mu.Lock()
	e.draining = true
	e.mu.Unlock()
}

// Wait blocks until every leg has left and every recording is finished, or
// ctx is done.
func (e *Engine) Wait(ctx context.Context) error {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for e.Legs() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	e.stops.Wait()
	return nil
}

// Close ends every leg (their recordings finish), waits for the files and
// stops the encoders. Safe twice; Join must not be called after it.
func (e *Engine) Close() {
	e.closeOnce.Do(func() {
		for _, c := range e.snapshot(nil) {
			c.closeAll("shutdown")
		}
		e.stops.Wait()
		e.encoders.Close()
	})
}

func (e *Engine) snapshot(dst []*Conference) []*Conference {
	e.mu.Lock()
	defer e.mu.Unlock()
	dst = dst[:0]
	for _, c := range e.confs {
		dst = append(dst, c)
	}
	return dst
}

// newJitter builds a leg's jitter buffer from the engine's settings.
func (e *Engine) newJitter(eventPT int) (*jitter.Buffer, error) {
	return jitter.New(jitter.Config{
		ClockRate: codecs.SampleRate, FrameSamples: codecs.FrameSamples,
		TargetMs: e.cfg.TargetMs, MaxMs: e.cfg.MaxMs, ConcealMs: e.cfg.ConcealMs,
		Decoders: map[uint8]jitter.Decoder{0: g711.MuLaw.DecodeTo, 8: g711.ALaw.DecodeTo,
			9: g722.New().DecodeNarrowTo}, // one G.722 state per buffer (= per leg)
		EventPT: eventPT, CNPT: 13,
	})
}
