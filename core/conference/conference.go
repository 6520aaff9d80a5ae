package conference

import (
	"sync"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/mixer"
	"github.com/reel-project/reel/core/recmeta"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/requri"
	"github.com/reel-project/reel/core/tone"
)

// Conference is the set of legs with one conf-id (or recorder id): they hear
// each other and are recorded together. All methods are safe for concurrent
// use; the engine's clock calls tick.
type Conference struct {
	e      *Engine
	key    string
	target requri.Target
	plan   Plan // Host.Plan of the call

	mu       sync.Mutex
	mix      *mixer.Mixer
	legs     []*Leg
	eps      []*attached // endpoints (endpoint.go)
	nextLeg  int
	tap      mixer.Tap
	frame    [2 * codecs.FrameSamples]int16
	rec      *activeRecording
	auto     bool // record from the first audio (recorder session, Plan.FirstAudio)
	files    int  // file counter of the call
	callUUID string
}

// activeRecording is a recording plus the packet accounting of its legs.
type activeRecording struct {
	r     *recording.Recording
	key   string // the id it was prepared under (Finished.Key)
	base  map[*Leg]recmeta.Completeness
	legs  []recmeta.Leg // every leg that was part of it, in order of joining
	accum recmeta.Completeness
	ctl   *control // set when a controller started it (control.go)
	// progressAt is when the legs' accounting was last handed to r.
	progressAt time.Time

	tone      *tone.Player // notification tone (tone.go), nil: none
	toneFrame [codecs.FrameSamples]int16
}

func newConference(e *Engine, key string, req JoinRequest) *Conference {
	c := &Conference{e: e, key: key, target: req.Target, plan: e.host.Plan(req.Target), mix: mixer.New(), callUUID: req.CallUUID}
	c.tap = mixer.Tap{Mode: mixer.Stereo, Swap: e.cfg.StereoSwap}
	return c
}

// Plan returns what the Host planned for the call when it began.
func (c *Conference) Plan() Plan { return c.plan }

// ID returns the conf-id or recorder id.
func (c *Conference) ID() string { return c.target.ID }

func (c *Conference) empty() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.legs) == 0
}

// tick runs one 20 ms frame: jitter → mix → send → record.
func (c *Conference) tick(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	active := false
	for _, l := range c.legs {
		active = l.pull(now) || active
	}
	c.endpointsSayLocked()
	c.mix.Tick()
	c.endpointsHearLocked()
	beep := c.toneLocked()
	c.mixToneToParties(beep)
	for _, l := range c.legs {
		l.push(now)
	}
	c.maxTimeLocked(now)
	c.failedLocked(now)
	if c.rec == nil && c.auto && active {
		_, _ = c.startLocked(now, c.plan.Formats, "", "", "", c.plan.Meta, true) // a failure is logged and ends auto
	}
	if c.rec != nil {
		frame := c.mix.Record(&c.tap, c.frame[:])
		mixToneToRecording(frame, beep)
		c.rec.r.Write(frame)
		c.progressLocked(now)
	}
}

// Legs returns the number of legs.
func (c *Conference) Legs() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.legs)
}

// closeAll ends every leg (shutdown).
func (c *Conference) closeAll(reason string) {
	c.mu.Lock()
	legs := append([]*Leg(nil), c.legs...)
	c.mu.Unlock()
	for _, l := range legs {
		l.Close(reason)
	}
}

// join makes l part of the recording from base (its packet counters at
// that moment) and lists it for the metadata.
func (ar *activeRecording) join(l *Leg, base recmeta.Completeness) {
	ar.base[l] = base
	info := l.info()
	for _, o := range ar.legs {
		if o.CallID == info.CallID {
			return
		}
	}
	ar.legs = append(ar.legs, info)
}

// info is the leg as the metadata lists it.
func (l *Leg) info() recmeta.Leg {
	return recmeta.Leg{CallID: l.req.CallID, DN: l.req.Target.DN, Record: l.record}
}
