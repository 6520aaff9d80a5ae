package conference

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
)

// StartRecording starts recording the conference into the given formats (the
// engine's defaults when nil) under the given recording id (generated when
// empty). It returns the recording id.
func (c *Conference) StartRecording(now time.Time, formats []recording.Format, id string, meta recmeta.Meta) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec != nil {
		return "", fmt.Errorf("%w: %s", ErrRecording, c.rec.r.ID())
	}
	if formats == nil {
		formats = c.e.formatsFor(c.target.Profile)
	}
	return c.startLocked(now, formats, id, meta, false)
}

// startLocked starts a recording. fromFirstMedia says it starts with the
// legs' first audio (full-time recording), so every packet the legs received
// so far is in it; otherwise only what the legs receive from now on counts.
func (c *Conference) startLocked(now time.Time, formats []recording.Format, id string, meta recmeta.Meta, fromFirstMedia bool) (string, error) {
	if id == "" {
		id = newID()
	}
	c.files++
	meta = c.meta(meta)
	dir, err := c.e.recordDir(id, now, meta)
	if err != nil {
		c.auto = false
		c.e.log.Error("recording start failed", "conf_id", c.target.ID, "err", err)
		return "", err
	}
	r, err := recording.Start(recording.Options{
		ID: id, CallUUID: c.callUUID, Dir: dir, Formats: formats,
		Node: c.e.cfg.Node, Seq: c.e.recSeq.Add(1), Counter: c.files, Start: now,
		Meta: meta, Log: c.e.log, FlushFrames: c.e.cfg.FlushFrames, Pool: c.e.encoders,
	})
	if err != nil {
		if ab := c.e.cfg.AbandonRecording; ab != nil && c.e.cfg.PrepareRecording != nil {
			ab(id)
		}
		c.auto = false // do not retry every tick
		c.e.log.Error("recording start failed", "conf_id", c.target.ID, "err", err)
		return "", err
	}
	ar := &activeRecording{r: r, base: map[*Leg]recmeta.Completeness{}}
	for _, l := range c.legs {
		ar.base[l] = recmeta.Completeness{}
		if !fromFirstMedia {
			ar.base[l] = l.completeness()
		}
	}
	c.rec = ar
	c.e.observer().RecordingStarted()
	c.e.log.Info("recording started", "conf_id", c.target.ID, "recording_id", id, "files", r.Files())
	return id, nil
}

// formatsFor is the formats of a recording profile: Config.FormatsFor's,
// else the engine's.
func (e *Engine) formatsFor(profile string) []recording.Format {
	if e.cfg.FormatsFor != nil {
		if f := e.cfg.FormatsFor(profile); f != nil {
			return f
		}
	}
	return e.cfg.Formats
}

// recordDir is where a new recording's files go: the folder
// Config.PrepareRecording returns, or Config.RecordDir.
func (e *Engine) recordDir(id string, now time.Time, meta recmeta.Meta) (string, error) {
	if e.cfg.PrepareRecording == nil {
		return e.cfg.RecordDir, nil
	}
	return e.cfg.PrepareRecording(id, now, meta)
}

// meta completes the caller's (MSML's) meta with the call's: the
// parameters by recmeta's precedence rule (MSML over the Request-URI, the
// profile's rp.* only as defaults), the recorded DN, and the tenant and
// profile the Request-URI names when the caller named none.
func (c *Conference) meta(m recmeta.Meta) recmeta.Meta {
	p := recmeta.Params(c.target.Params, m.Parameters)
	if c.target.DN != "" {
		p["recordDN"] = c.target.DN
	}
	m.Parameters = p
	if m.Tenant == "" {
		m.Tenant = c.target.Tenant
	}
	if m.Profile == "" {
		m.Profile = c.target.Profile
	}
	if pm := c.e.cfg.ProfileMeta; pm != nil {
		m.AddProfile(pm(m.Profile))
	}
	return m
}

// PauseRecording writes silence instead of audio until ResumeRecording.
func (c *Conference) PauseRecording(now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec == nil {
		return ErrNoRecording
	}
	return c.rec.r.Pause(now)
}

// ResumeRecording goes back to recording audio.
func (c *Conference) ResumeRecording(now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec == nil {
		return ErrNoRecording
	}
	return c.rec.r.Resume(now)
}

// StopRecording ends the active recording; its files are finished in the
// background and reported through Config.OnRecordingDone.
func (c *Conference) StopRecording(now time.Time, reason string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec == nil {
		return ErrNoRecording
	}
	c.auto = false
	c.stopLocked(now, reason)
	return nil
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
		if cb := c.e.cfg.OnRecordingDone; cb != nil {
			cb(res, err)
		}
		ar.ctl.done(res, err)
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

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
