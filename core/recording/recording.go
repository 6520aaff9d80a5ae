package recording

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/recmeta"
)

// frameSamples is one stereo-interleaved frame (codecs.FrameMs).
const frameSamples = 2 * codecs.FrameSamples

// Options configure one recording.
type Options struct {
	ID       string // recording id (MSML id param, or generated)
	CallUUID string // names the files when present
	Dir      string // folder the files are written to
	Formats  []Format
	Node     uint32 // MCP node id, file name part
	Seq      uint32 // recording sequence on this node, file name part
	Counter  int    // file counter of the call, file name part
	Start    time.Time
	Meta     recmeta.Meta
	// QueueFrames bounds the frames waiting for the encoders (default 250 = 5 s).
	QueueFrames int
	// Pool encodes the recording; nil gives it a worker of its own.
	Pool *Pool
	// FlushFrames is how often files are flushed, in frames (default 50 = 1 s).
	FlushFrames int
	Log         *slog.Logger
}

// Event is one control event in the recording's history.
type Event struct {
	Kind string // start, pause, resume, stop
	Time time.Time
}

// Recording is one start…stop cycle writing one file per format. Write is
// called by the conference clock; Pause, Resume and Stop may be called from
// any goroutine.
type Recording struct {
	opts  Options
	start time.Time
	w     *writer
	own   *Pool // the pool Start made when Options.Pool was nil

	mu           sync.Mutex
	paused       bool
	stopped      bool
	pausedSince  time.Time
	events       []Event
	stop         time.Time
	sipLegs      []recmeta.Leg // SetLegs
	completeness recmeta.Completeness
	legs         recmeta.Completeness // the legs' accounting so far (Progress)
	dropLogged   bool
	progressErr  atomic.Bool // a failed progress write was logged
}

// Start starts the recording without touching the file system: a Pool
// worker makes the folder, creates the files and sets the encoders up right
// away, and the frames written meanwhile wait in the queue (QueueFrames).
// If the files cannot be created, Failed reports it and Stop returns the
// error (ErrOpen) and no files.
func Start(o Options) (*Recording, error) {
	if len(o.Formats) == 0 {
		return nil, ErrNoFormats
	}
	o = withDefaults(o)
	r := &Recording{opts: o, start: o.Start, events: []Event{{Kind: "start", Time: o.Start}}}
	r.w = newWriter(o)
	r.w.onFlush = r.saveProgress
	if o.Pool == nil {
		r.own = NewPool(1)
		r.w.pool = r.own
	}
	r.w.schedule() // open the files now, not when the first batch is due
	return r, nil
}

// Failed reports whether the recording's files could not be created; it
// then records nothing, and Stop returns why.
func (r *Recording) Failed() bool { return r.w.failed.Load() }

func withDefaults(o Options) Options {
	if o.QueueFrames <= 0 {
		o.QueueFrames = 250
	}
	if o.FlushFrames <= 0 {
		o.FlushFrames = codecs.FramesPerSecond
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Start.IsZero() {
		o.Start = time.Now()
	}
	return o
}

// ID returns the recording id.
func (r *Recording) ID() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.opts.ID
}

// Files returns the media ids (file names) this recording writes.
func (r *Recording) Files() []string { return slices.Clone(r.w.names) }

// Write queues one stereo-interleaved 20 ms frame (320 samples, left =
// recorded side). While paused it writes digital silence of the same length.
// It never blocks: when the encoders are 5 s behind the frame is dropped,
// counted and logged once.
func (r *Recording) Write(frame []int16) {
	r.mu.Lock()
	paused, stopped := r.paused, r.stopped
	r.mu.Unlock()
	if stopped {
		return
	}
	if !r.w.enqueue(frame, paused) {
		r.countDrop()
	}
}

func (r *Recording) countDrop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.completeness.FramesDropped++
	if !r.dropLogged {
		r.dropLogged = true
		r.opts.Log.Warn("recording queue full: encoder behind, dropping frames", "recording_id", r.opts.ID)
	}
}

// Paused reports whether the recording is paused.
func (r *Recording) Paused() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.paused
}

// Pause starts writing silence instead of the call's audio.
func (r *Recording) Pause(t time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped || r.paused {
		return fmt.Errorf("%w: pause while %s", ErrState, r.stateLocked())
	}
	r.paused, r.pausedSince = true, t
	r.events = append(r.events, Event{Kind: "pause", Time: t})
	return nil
}

// Resume goes back to writing the call's audio.
func (r *Recording) Resume(t time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped || !r.paused {
		return fmt.Errorf("%w: resume while %s", ErrState, r.stateLocked())
	}
	r.paused = false
	r.completeness.PausedMs += t.Sub(r.pausedSince).Milliseconds()
	r.events = append(r.events, Event{Kind: "resume", Time: t})
	return nil
}

// State is "recording", "paused" or "stopped".
func (r *Recording) State() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stateLocked()
}

func (r *Recording) stateLocked() string {
	switch {
	case r.stopped:
		return "stopped"
	case r.paused:
		return "paused"
	}
	return "recording"
}

// Adopt hands a running recording to a controller that asked to start one
// (MSML dialogstart on a call whose Request-URI already started recording):
// id, when not empty, becomes the recording id in the metadata (the file
// names stay as they are), and params are merged into the metadata's
// parameters. It fails once the recording has stopped.
func (r *Recording) Adopt(id string, params map[string]string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return fmt.Errorf("%w: adopt while stopped", ErrState)
	}
	if id != "" {
		r.opts.ID = id
	}
	// A new map: the one the recording started with is shared (the call's
	// plan, the active record being written).
	p := maps.Clone(r.opts.Meta.Parameters)
	if p == nil {
		p = map[string]string{}
	}
	maps.Copy(p, params)
	r.opts.Meta.Parameters = p
	return nil
}
