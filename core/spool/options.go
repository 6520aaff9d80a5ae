package spool

import (
	"log/slog"
	"time"
)

// Options tune a Spool. Zero fields take the defaults shown.
type Options struct {
	// Workers is how many jobs are delivered at once (4).
	Workers int
	// BackoffBase is the wait after a job's first failed attempt (1 s); it
	// doubles with every further failure up to BackoffMax (5 min). Each
	// wait is drawn at random from its upper half (jitter).
	BackoffBase, BackoffMax time.Duration
	// AttemptTimeout bounds each Deliver and Stat call (10 min).
	AttemptTimeout time.Duration
	// Horizon is how long a job is retried, counted from its submission or
	// its last Retry, before it is dead-lettered (40 days).
	Horizon time.Duration
	// KeepLocal keeps the files of delivered jobs instead of deleting them,
	// and their records in <spool>/done/ beyond the horizon.
	KeepLocal bool
	// Log receives the few events worth a line (each delivered file and
	// where it went, dead letters, quarantined records, recovered
	// recordings); slog.Default() when nil.
	Log *slog.Logger
	// Progress, when set, is called during long operations: the recovery
	// scan of Open and Export.
	Progress func(Progress)
	// Notify, when set, is called for every event of every job (see Event).
	// It runs on the spool's goroutines and must not block.
	Notify func(Event)
	// Seal, when set, prepares every job before its first delivery (see Seal).
	Seal Seal
	// Now is the clock (time.Now); tests move it to cross the horizon.
	Now func() time.Time
}

// Progress reports how far a long operation has come.
type Progress struct {
	Op          string // "recover" or "export"
	ID          string // the job or recording being worked on
	Done, Total int64  // items (recover) or bytes (export)
}

// Event is something that happened to a job.
type Event struct {
	Kind        EventKind
	RecordingID string
	Destination string // for Delivered and Failed
	Err         error  // for Failed, Retrying, DeadLettered and Quarantined
}

// EventKind says what an Event is about.
type EventKind int

// Event kinds.
const (
	Submitted    EventKind = iota // a new job was recorded
	Delivered                     // a destination acknowledged one item
	DeliveryFail                  // a destination failed one item
	Retrying                      // an attempt failed; the job waits for the next
	Completed                     // every destination acknowledged
	DeadLettered                  // the job moved to the dead-letter folder
	Quarantined                   // a corrupt record moved to the corrupt folder
)

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	def(&o.BackoffBase, time.Second)
	def(&o.BackoffMax, 5*time.Minute)
	def(&o.AttemptTimeout, 10*time.Minute)
	def(&o.Horizon, 40*24*time.Hour)
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
