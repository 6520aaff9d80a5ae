package recindex

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// Follower keeps an index up to date with a spool: Notify (the spool's
// Options.Notify) notes which recordings changed, without blocking or
// losing one; Run re-reads their job records and indexes them, a batch per
// transaction. Notify is safe for concurrent use; Run runs once.
type Follower struct {
	idx  *Index
	insp spool.Inspector
	log  *slog.Logger

	mu      sync.Mutex
	pending map[string]struct{}
	wake    chan struct{}
}

// Follow returns a Follower of the spool at spoolDir.
func (x *Index) Follow(spoolDir string, log *slog.Logger) *Follower {
	if log == nil {
		log = slog.Default()
	}
	return &Follower{idx: x, insp: spool.Inspector{Dir: spoolDir}, log: log, pending: map[string]struct{}{},
		wake: make(chan struct{}, 1)}
}

// Notify notes the recording of e when its record changed in a way the
// index shows: taken, delivered (all or one destination), failed, dead.
func (f *Follower) Notify(e spool.Event) {
	switch e.Kind {
	case spool.Submitted, spool.Completed, spool.DeadLettered, spool.Retrying, spool.Delivered:
	default:
		return
	}
	f.mu.Lock()
	f.pending[e.RecordingID] = struct{}{}
	f.mu.Unlock()
	select {
	case f.wake <- struct{}{}:
	default: // a wake-up is already waiting
	}
}

// gather is how long Run lets events collect before it indexes them: a
// recording's events (submitted, each delivery, completed) come within
// moments of each other, and each Flush is a bbolt transaction with an
// fsync, so gathering them makes one transaction of several.
const gather = 200 * time.Millisecond

// Run indexes the noted recordings until ctx ends, then once more, so
// what the spool did before it stopped is in the index.
func (f *Follower) Run(ctx context.Context) {
	for {
		select {
		case <-f.wake:
			select { // let the recording's other events arrive: one transaction for them all
			case <-time.After(gather):
			case <-ctx.Done():
			}
			f.Flush()
		case <-ctx.Done():
			f.Flush()
			return
		}
	}
}

// Flush indexes every recording noted so far.
func (f *Follower) Flush() {
	f.mu.Lock()
	ids := f.pending
	f.pending = map[string]struct{}{}
	f.mu.Unlock()
	var ds []Detail
	for id := range ids {
		j, err := f.insp.Show(id)
		if err != nil {
			if !errors.Is(err, spool.ErrNotFound) {
				f.log.Warn("recordings index: job record", "recording_id", id, "err", err)
			}
			continue
		}
		ds = append(ds, FromJob(j))
	}
	if len(ds) == 0 {
		return
	}
	if err := f.idx.Put(ds...); err != nil {
		f.log.Error("recordings index", "recordings", len(ds), "err", err)
	}
}
