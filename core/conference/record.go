package conference

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
)

// startLocked starts a recording with the given metadata: id names it
// (its key when empty); key names its folder, which dir is, or Host.Prepare
// names when dir is empty (key generated when empty). fromFirstMedia says it starts with the legs' first audio
// (full-time recording), so every packet the legs received so far is in it;
// otherwise only what the legs receive from now on counts. Nothing here
// touches the file system: the recording creates its files on an encoder
// worker, and the frames of the first ticks wait for them in its queue.
func (c *Conference) startLocked(now time.Time, formats []recording.Format, id, key, dir string, meta recmeta.Meta, fromFirstMedia bool) (*activeRecording, error) {
	switch {
	case key == "" && id == "":
		key = NewID()
		id = key
	case key == "":
		key = id
	case id == "":
		id = key
	}
	if dir == "" {
		dir = c.e.host.Prepare(key, now, meta)
	}
	c.files++
	r, err := recording.Start(recording.Options{
		ID: id, CallUUID: c.callUUID, Dir: dir, Formats: formats,
		Node: c.e.cfg.Node, Seq: c.e.recSeq.Add(1), Counter: c.files, Start: now,
		Meta: meta, Log: c.e.log, FlushFrames: c.e.cfg.FlushFrames, Pool: c.e.encoders,
	})
	if err != nil {
		c.auto = false // do not retry every tick
		c.e.log.Error("recording start failed", "conf_id", c.target.ID, "err", err)
		go c.e.host.Done(Finished{Key: key, Err: err})
		return nil, err
	}
	ar := &activeRecording{r: r, key: key, base: map[*Leg]recmeta.Completeness{}}
	for _, l := range c.legs {
		ar.base[l] = recmeta.Completeness{}
		if !fromFirstMedia {
			ar.base[l] = l.completeness()
		}
	}
	c.rec = ar
	c.e.observer().RecordingStarted()
	c.e.log.Info("recording started", "conf_id", c.target.ID, "recording_id", id, "files", r.Files())
	return ar, nil
}

// Recording returns the active recording's id and state, or "" when none.
func (c *Conference) Recording() (id, state string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec == nil {
		return "", ""
	}
	return c.rec.r.ID(), c.rec.r.State()
}

// failedLocked stops a recording whose files could not be created (reason
// "error"), so its controller hears of it at once; the clock checks every
// tick.
func (c *Conference) failedLocked(now time.Time) {
	if c.rec != nil && c.rec.r.Failed() {
		c.auto = false
		c.stopLocked(now, "error")
	}
}

// stopLocked detaches the recording and finishes it off the clock.
func (c *Conference) stopLocked(now time.Time, reason string) {
	ar := c.rec
	c.rec = nil
	c.tap.Legs = nil
	for l, base := range ar.base {
		ar.accum.Add(l.completeness().Sub(base))
	}
	c.e.stops.Add(1)
	go func() {
		defer c.e.stops.Done()
		res, err := ar.r.Stop(now, reason, ar.accum)
		c.e.observer().RecordingDone(err == nil)
		c.e.log.Info("recording finished", "conf_id", c.target.ID, "recording_id", res.ID,
			"duration", res.Duration, "err", err)
		c.e.host.Done(Finished{Key: ar.key, Owner: ar.ctl.owner(), Result: res, Err: err})
	}()
}

// legLeftLocked moves a departing leg's packet accounting into the recording.
func (c *Conference) legLeftLocked(l *Leg) {
	if c.rec == nil {
		return
	}
	if base, ok := c.rec.base[l]; ok {
		c.rec.accum.Add(l.completeness().Sub(base))
		delete(c.rec.base, l)
	}
}

// NewID returns a new random recording id (32 hex digits).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
