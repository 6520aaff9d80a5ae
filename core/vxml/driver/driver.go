package driver

import (
	"context"
	"log/slog"
	"time"

	"github.com/reel-project/reel/core/vxml"
	"github.com/reel-project/reel/core/vxml/fetch"
)

// Script is the scripted caller and platform.
type Script struct {
	DTMF      []Keys
	HangupAt  time.Duration // 0: never
	Transfers []string      // outcomes for successive <transfer>s; default noanswer
	Session   map[string]string
	Limit     time.Duration // virtual time limit; 0 = 10 minutes
	Limits    vxml.Limits   // the session's limits; zero = vxml.DefaultLimits
}

// Step is one action with the virtual time it happened at.
type Step struct {
	At time.Duration
	vxml.Action
}

// Result is what a run did.
type Result struct {
	Steps    []Step
	Normal   bool   // ended by <exit>, implicit exit or a hang-up, not an error
	Exit     string // exit value, or the error that ended it
	TimedOut bool   // the virtual time limit ended it
}

// Epoch is the virtual clock's start.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// Run runs the application at uri to its end or the time limit.
func Run(ctx context.Context, f *fetch.Fetcher, log *slog.Logger, uri string, sc Script) Result {
	if sc.Limit == 0 {
		sc.Limit = 10 * time.Minute
	}
	r := &runner{clk: &clock{t: Epoch}, sc: sc}
	r.s = vxml.New(ctx, vxml.Config{Fetcher: f, Clock: r.clk, Log: log, Connection: sc.Session, Limits: sc.Limits})
	r.record(r.s.Start(uri))
	for !r.s.Ended() && !r.res.TimedOut {
		r.step()
	}
	return r.res
}

type runner struct {
	s   *vxml.Session
	clk *clock
	sc  Script
	res Result
	fed int // the input collection that untimed keys were last fed to
}

func (r *runner) elapsed() time.Duration { return r.clk.t.Sub(Epoch) }

func (r *runner) record(actions []vxml.Action) {
	for _, a := range actions {
		r.res.Steps = append(r.res.Steps, Step{At: r.elapsed(), Action: a})
		if a.Kind == vxml.ActExit {
			r.res.Exit, r.res.Normal = a.Text, a.Label == "normal"
		}
	}
}

func (r *runner) handle(ev vxml.Event) {
	actions, err := r.s.Handle(ev)
	if err == nil {
		r.record(actions)
	}
}

// step advances to the session's next event.
func (r *runner) step() {
	w := r.s.Wait()
	switch w.Kind {
	case vxml.WaitTransfer:
		r.transfer(w)
	case vxml.WaitRecord:
		r.handle(vxml.RecordDone{Audio: make([]byte, 16000), Type: "audio/x-wav", Duration: 2 * time.Second})
	case vxml.WaitInput:
		r.input(w)
	default:
		r.res.TimedOut = true // a session that neither waits nor ends
	}
}

// input delivers whichever comes first: the next keys, the hang-up or the
// deadline. An untimed group of keys is one entry: it is fed only to an
// input collection that has had none yet.
func (r *runner) input(w vxml.Waiting) {
	at := w.Deadline
	var keys *Keys
	if len(r.sc.DTMF) > 0 && (r.sc.DTMF[0].Timed || r.fed != w.Seq) {
		k := r.sc.DTMF[0]
		t := r.clk.t
		if k.Timed && Epoch.Add(k.At).After(t) {
			t = Epoch.Add(k.At)
		}
		if !t.After(at) {
			at, keys = t, &k
		}
	}
	hang := r.sc.HangupAt > 0 && !Epoch.Add(r.sc.HangupAt).After(at)
	if hang {
		at = Epoch.Add(r.sc.HangupAt)
	}
	if at.Sub(Epoch) > r.sc.Limit {
		r.res.TimedOut, r.res.Exit = true, "virtual time limit reached"
		return
	}
	if at.After(r.clk.t) {
		r.clk.t = at
	}
	switch {
	case hang:
		r.sc.HangupAt = 0
		r.handle(vxml.Hangup{})
	case keys != nil:
		r.sc.DTMF = r.sc.DTMF[1:]
		r.fed = w.Seq
		for i := 0; i < len(keys.Keys) && r.s.Wait().Kind == vxml.WaitInput; i++ {
			r.handle(vxml.DTMF{Key: keys.Keys[i]})
		}
	default:
		r.handle(vxml.Tick{})
	}
}

// transfer answers a Transfer action: a bridged transfer that listens gets
// the next group of keys first (at its time, if timed); the scripted
// outcome follows if the keys did not end it.
func (r *runner) transfer(w vxml.Waiting) {
	if w.Listening && len(r.sc.DTMF) > 0 {
		k := r.sc.DTMF[0]
		r.sc.DTMF = r.sc.DTMF[1:]
		if at := Epoch.Add(k.At); k.Timed && at.After(r.clk.t) {
			r.clk.t = at
		}
		for i := 0; i < len(k.Keys) && r.s.Wait().Kind == vxml.WaitTransfer; i++ {
			r.handle(vxml.DTMF{Key: k.Keys[i]})
		}
	}
	if r.s.Wait().Kind == vxml.WaitTransfer {
		r.handle(r.transferOutcome())
	}
}

// transferOutcome maps a scripted outcome to the platform's answer.
func (r *runner) transferOutcome() vxml.TransferDone {
	out := "noanswer"
	if len(r.sc.Transfers) > 0 {
		out, r.sc.Transfers = r.sc.Transfers[0], r.sc.Transfers[1:]
	}
	switch out {
	case "blind_ok":
		return vxml.TransferDone{Blind: true}
	case "answered_then_caller_hangup":
		return vxml.TransferDone{CallerHangup: true}
	case "maxtime":
		return vxml.TransferDone{Result: "maxtime_disconnect", Duration: time.Minute}
	case "far_end_disconnect":
		return vxml.TransferDone{Result: out, Duration: 10 * time.Second}
	}
	return vxml.TransferDone{Result: out}
}
