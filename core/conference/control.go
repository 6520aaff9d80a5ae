package conference

import (
	"fmt"
	"time"

	"github.com/reel-project/reel/core/mixer"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
)

// StartOptions describe a recording started by MSML (<dialogstart> with
// <record>): what to write, which dialog controls it, and when it ends.
type StartOptions struct {
	Formats []recording.Format // nil: the engine's formats
	ID      string             // recording id; "" = generated
	Meta    recmeta.Meta       // merged over the Request-URI parameters
	// Dialog is the MSML dialog name; pause, resume and stop that name a
	// dialog must name this one.
	Dialog string
	// Leg restricts the recording to one leg (MSML target conn:<id>); nil
	// records the conference. The recording ends when that leg leaves.
	Leg *Leg
	// MaxTime ends the recording with reason "maxtime" after this long
	// (paused time included); 0 = no limit. Checked on the clock's tick.
	MaxTime time.Duration
	// OnDone is called on its own goroutine once the files and sidecars are
	// complete, after Config.OnRecordingDone.
	OnDone func(recording.Result, error)
}

// Selector names the recording an MSML pause, resume or stop is for.
type Selector struct {
	Dialog string // "" = whichever recording is active
	Leg    *Leg   // the conn:<id> object named; nil = the conference
}

// control is what an MSML start attached to the active recording.
type control struct {
	dialog   string
	leg      *Leg
	deadline time.Time // zero: no maxtime
	onDone   func(recording.Result, error)
}

// Start starts an MSML recording of the conference or of one of its legs.
// It returns the recording id; ErrRecording if one is active.
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
		o.Formats = c.e.formatsFor(c.target.Profile)
	}
	id, err := c.startLocked(now, o.Formats, o.ID, o.Meta, false)
	if err != nil {
		return "", err
	}
	ctl := &control{dialog: o.Dialog, leg: o.Leg, onDone: o.OnDone}
	if o.MaxTime > 0 {
		ctl.deadline = now.Add(o.MaxTime)
	}
	if o.Leg != nil {
		c.tap.Legs = []*mixer.Leg{o.Leg.ml}
		c.rec.base = map[*Leg]recmeta.Completeness{o.Leg: c.rec.base[o.Leg]}
	}
	c.rec.ctl = ctl
	return id, nil
}

// adoptLocked puts a recording the Request-URI's record parameter started
// under the MSML dialog that asks to start one: in the GIR flow SIP Server
// sends ;record and then a dialogstart for the same recording. The files go
// on (their format cannot change mid-file); the dialog's id and parameters
// go into the metadata, and the dialog controls pause, resume, stop and
// maxtime from now on.
func (c *Conference) adoptLocked(now time.Time, o StartOptions) (string, error) {
	if err := c.rec.r.Adopt(o.ID, c.meta(o.Meta).Parameters); err != nil {
		return "", err
	}
	ctl := &control{dialog: o.Dialog, onDone: o.OnDone}
	if o.MaxTime > 0 {
		ctl.deadline = now.Add(o.MaxTime)
	}
	c.rec.ctl = ctl
	return c.rec.r.ID(), nil
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

// selectLocked checks that the active recording is the one s names. A
// recording the Request-URI started answers to any dialog name.
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
		return "started by the Request-URI's record parameter"
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
// record now that left has left: an MSML recording when its leg or the last
// leg left, a Request-URI recording when no leg asked for recording.
func (c *Conference) orphanedLocked(left *Leg) bool {
	if ctl := c.rec.ctl; ctl != nil {
		return ctl.leg == left || len(c.legs) == 0
	}
	return !c.hasRecordingLegLocked()
}

// done runs the MSML callback of a finished recording.
func (ctl *control) done(res recording.Result, err error) {
	if ctl != nil && ctl.onDone != nil {
		ctl.onDone(res, err)
	}
}
