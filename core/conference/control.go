package conference

import (
	"fmt"
	"time"

	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
)

// StartOptions describe a recording a controller starts (MSML
// <dialogstart> with <record>, through core/app's recording-control API):
// what to write, which dialog controls it, and when it ends.
type StartOptions struct {
	Formats []recording.Format // nil: the call's Plan formats
	ID      string             // recording id; "" = the key
	// Key and Dir are the recording's folder as the caller prepared it
	// (Host.Prepare's work, done before the call so that a start does not
	// call back out of the engine); empty: the engine asks Host.Prepare.
	Key, Dir string
	Meta     recmeta.Meta // complete: the caller merged the call's Plan.Meta
	// Dialog is the MSML dialog name; pause, resume and stop that name a
	// dialog must name this one.
	Dialog string
	// Leg restricts the recording to one leg (MSML target conn:<id>); nil
	// records the conference: the legs that carry ;record, or every leg
	// when none does. The recording ends when that leg leaves.
	Leg *Leg
	// MaxTime ends the recording with reason "maxtime" after this long
	// (paused time included); 0 = no limit. Checked on the clock's tick.
	MaxTime time.Duration
	// Owner is handed back in Finished when the recording ends.
	Owner any
}

// Selector names the recording an MSML pause, resume or stop is for.
type Selector struct {
	Dialog string // "" = whichever recording is active
	Leg    *Leg   // the conn:<id> object named; nil = the conference
}

// control is what a controller's start attached to the active recording.
type control struct {
	dialog   string
	leg      *Leg
	deadline time.Time // zero: no maxtime
	own      any
}

// Start starts a controlled recording of the conference or of one of its
// legs, from now on. It returns the recording's key: o.Key for a new one,
// the running recording's when it was adopted (adoptLocked). ErrRecording
// if one is active, ErrClosed for a leg that left.
func (c *Conference) Start(now time.Time, o StartOptions) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec != nil && c.rec.ctl == nil && o.Leg == nil {
		return c.adoptLocked(now, o)
	}
	if c.rec != nil {
		return "", fmt.Errorf("%w: recording %s %s", ErrRecording, c.rec.r.ID(), c.rec.ctl.describe())
	}
	if o.Leg != nil && (o.Leg.c != c || o.Leg.closed) {
		return "", fmt.Errorf("%w: %s", ErrClosed, o.Leg.id)
	}
	if o.Formats == nil {
		o.Formats = c.plan.Formats
	}
	ar, err := c.startLocked(now, o.Formats, o.ID, o.Key, o.Dir, o.Meta, false)
	if err != nil {
		return "", err
	}
	ar.ctl = newControl(now, o)
	c.tapLocked(ar, o.Leg)
	return ar.key, nil
}

// tapLocked points the recording tap at what a controlled recording
// records: the one leg named, else the legs marked ;record, else all.
func (c *Conference) tapLocked(ar *activeRecording, leg *Leg) {
	var legs []*Leg
	switch {
	case leg != nil:
		legs = []*Leg{leg}
	default:
		for _, l := range c.legs {
			if l.record {
				legs = append(legs, l)
			}
		}
		if len(legs) == 0 {
			return
		}
	}
	c.tap.Legs = nil
	for l := range ar.base {
		delete(ar.base, l)
	}
	ar.legs = nil
	for _, l := range legs {
		c.tap.Legs = append(c.tap.Legs, l.ml)
		ar.join(l, l.completeness())
	}
}

// joinTapLocked adds a leg that joins while a recording runs, if the
// recording takes it: every leg, or the ;record legs of a conference
// recording restricted to them.
func (c *Conference) joinTapLocked(l *Leg) {
	ar := c.rec
	if ar == nil {
		return
	}
	switch {
	case c.tap.Legs == nil:
	case ar.ctl != nil && ar.ctl.leg == nil && l.record:
		c.tap.Legs = append(c.tap.Legs, l.ml)
	default:
		return
	}
	ar.join(l, recmeta.Completeness{})
}

func newControl(now time.Time, o StartOptions) *control {
	ctl := &control{dialog: o.Dialog, leg: o.Leg, own: o.Owner}
	if o.MaxTime > 0 {
		ctl.deadline = now.Add(o.MaxTime)
	}
	return ctl
}

// adoptLocked puts a recording the engine started from the first audio
// (Plan.FirstAudio) under the dialog that asks to start one: the files go
// on (their format cannot change mid-file); the dialog's id and parameters
// go into the metadata, and the dialog controls pause, resume, stop and
// maxtime from now on.
func (c *Conference) adoptLocked(now time.Time, o StartOptions) (string, error) {
	if err := c.rec.r.Adopt(o.ID, o.Meta.Parameters); err != nil {
		return "", err
	}
	o.Leg = nil
	c.rec.ctl = newControl(now, o)
	return c.rec.key, nil
}

// Pause writes silence of the same length until Resume.
func (c *Conference) Pause(now time.Time, s Selector) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.selectLocked(s); err != nil {
		return err
	}
	if c.rec.r.Paused() {
		return fmt.Errorf("%w: recording %s", ErrPaused, c.rec.r.ID())
	}
	return c.rec.r.Pause(now)
}

// Resume goes back to recording the call's audio.
func (c *Conference) Resume(now time.Time, s Selector) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.selectLocked(s); err != nil {
		return err
	}
	if !c.rec.r.Paused() {
		return fmt.Errorf("%w: recording %s", ErrNotPaused, c.rec.r.ID())
	}
	return c.rec.r.Resume(now)
}

// Stop ends the recording (reason "terminate"); a later Start opens the
// next file of the call.
func (c *Conference) Stop(now time.Time, s Selector) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.selectLocked(s); err != nil {
		return err
	}
	c.auto = false
	c.stopLocked(now, "terminate")
	return nil
}

// selectLocked checks that the active recording is the one s names: a
// dialog name must be the controlling dialog's. A recording the engine
// started from the first audio that no dialog has taken over answers to
// any dialog name (Plan.FirstAudio's consequence).
func (c *Conference) selectLocked(s Selector) error {
	if c.rec == nil {
		return ErrNoRecording
	}
	ctl := c.rec.ctl
	if s.Dialog == "" || ctl == nil || (ctl.dialog == s.Dialog && ctl.leg == s.Leg) {
		return nil
	}
	return fmt.Errorf("%w: the active recording %s is %s", ErrNoDialog, c.rec.r.ID(), ctl.describe())
}

// describe says which dialog controls a recording.
func (ctl *control) describe() string {
	switch {
	case ctl == nil:
		return "recording from the first audio, under no dialog"
	case ctl.leg != nil:
		return fmt.Sprintf("dialog %q on leg %s", ctl.dialog, ctl.leg.id)
	}
	return fmt.Sprintf("dialog %q on the conference", ctl.dialog)
}

// maxTimeLocked stops the recording once its maxtime is reached; the clock
// calls it every tick.
func (c *Conference) maxTimeLocked(now time.Time) {
	if c.rec == nil || c.rec.ctl == nil || c.rec.ctl.deadline.IsZero() || now.Before(c.rec.ctl.deadline) {
		return
	}
	c.auto = false
	c.stopLocked(now, "maxtime")
}

// orphanedLocked reports whether the active recording has nothing left to
// record now that left has left: a controlled recording when its leg or the
// last leg left, a first-audio recording when no leg asked for recording.
func (c *Conference) orphanedLocked(left *Leg) bool {
	if ctl := c.rec.ctl; ctl != nil {
		return ctl.leg == left || len(c.legs) == 0
	}
	return !c.hasRecordingLegLocked()
}

// owner is the Owner of a controlled recording, nil otherwise.
func (ctl *control) owner() any {
	if ctl == nil {
		return nil
	}
	return ctl.own
}

// SetSIPREC replaces the SIPREC description in the active recording's
// metadata (core/app's SIPREC sessions, as participants join and leave);
// without an active recording it does nothing.
func (c *Conference) SetSIPREC(s *recmeta.SIPREC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rec != nil {
		c.rec.r.SetSIPREC(s)
	}
}
