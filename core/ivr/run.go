package ivr

import (
	"errors"
	"strings"
	"time"

	"github.com/reel-project/reel/core/vxml"
)

// Run carries out the application until it ends, the caller hangs up or
// Stop is called; then it lets the queued prompts play out, hangs up if
// the application asked to (or simply ended), and tells Config.Ended.
func (s *Session) Run() {
	defer s.cancel()
	s.perform(s.pending)
	s.pending = nil
	for !s.vx.Ended() {
		ev, ok := s.next(s.vx.Wait())
		if !ok {
			break
		}
		s.handle(ev)
	}
	s.finish()
}

// handle delivers one event to the interpreter.
func (s *Session) handle(ev vxml.Event) {
	s.handled, s.playedThen = time.Now(), s.play.Played()
	acts, err := s.vx.Handle(ev)
	switch {
	case errors.Is(err, vxml.ErrNotWaiting):
		if k, ok := ev.(vxml.DTMF); ok {
			s.typeahead = append(s.typeahead, rune(k.Key))
		}
		return
	case err != nil:
		s.cfg.Log.Warn("ivr: event refused", "err", err)
		return
	}
	s.perform(acts)
}

// next waits for what the interpreter waits for; false when the session
// was stopped from outside or by the caller's hang-up, which it then
// delivers itself.
func (s *Session) next(w vxml.Waiting) (vxml.Event, bool) {
	switch w.Kind {
	case vxml.WaitInput:
		return s.input(w)
	case vxml.WaitTransfer, vxml.WaitRecord:
		// perform answered them already; a session still waiting here
		// was given nothing to wait for.
		s.cfg.Log.Error("ivr: interpreter waits for an outcome never coming", "wait", w.Kind)
	}
	return nil, false
}

// input delivers a key, the deadline's Tick or the hang-up.
func (s *Session) input(w vxml.Waiting) (vxml.Event, bool) {
	if len(s.typeahead) > 0 {
		k := s.typeahead[0]
		s.typeahead = s.typeahead[1:]
		return vxml.DTMF{Key: byte(k)}, true
	}
	wait := w.Deadline.Sub(s.handled) // as long as the interpreter asked for
	for {
		ev, ok, again := s.inputOnce(w.Deadline, wait)
		if !again {
			return ev, ok
		}
	}
}

// inputOnce waits for a key, the hang-up, or the deadline — which counts
// from when the prompts stopped playing: the interpreter's wait after the
// prompt audio played since it ran. again when the prompts just ended.
func (s *Session) inputOnce(deadline time.Time, wait time.Duration) (ev vxml.Event, ok, again bool) {
	var timer <-chan time.Time
	var idle <-chan struct{}
	if s.play.Playing() {
		idle = s.play.Idle() // no timer runs while prompts play
	} else {
		played := s.play.Played() - s.playedThen
		deadline = laterOf(deadline, s.handled.Add(played+wait))
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		timer = t.C
	}
	select {
	case k := <-s.keys:
		return vxml.DTMF{Key: byte(k)}, true, false
	case <-timer:
		return vxml.Tick{}, true, false
	case <-idle:
		return nil, false, true // the prompts ended: the timer starts now
	case <-s.gone:
		ev, ok := s.goneEvent()
		return ev, ok, false
	}
}

// goneEvent is the caller's hang-up, which the application may still
// handle (connection.disconnect.hangup), or nothing after Stop.
func (s *Session) goneEvent() (vxml.Event, bool) {
	if s.hungup && !s.hangupSent {
		s.hangupSent, s.result.Hangup = true, true
		return vxml.Hangup{}, true
	}
	return nil, false
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// finish lets the prompts play out, hangs up when the caller is still
// there and nobody stopped the application, and reports the end.
func (s *Session) finish() {
	select {
	case <-s.gone:
	default:
		s.drain()
		s.disconnect = true
	}
	if s.disconnect && !s.hungup {
		s.cfg.Platform.Disconnect()
	}
	s.end(false)
	if s.cfg.Ended != nil {
		s.cfg.Ended(s.result)
	}
}

// drain waits until the queued prompts have played, at most MaxDrain.
func (s *Session) drain() {
	limit := time.NewTimer(s.cfg.MaxDrain)
	defer limit.Stop()
	select {
	case <-s.play.Idle():
	case <-s.gone:
	case <-limit.C:
		s.cfg.Log.Warn("ivr: prompts still playing at the end; cut", "after", s.cfg.MaxDrain)
	}
}

// startError maps the event that ended a start to RFC 5552's response.
func startError(event string) *StartError {
	ev, _, _ := strings.Cut(event, " ")
	code := 500
	switch {
	case strings.HasPrefix(ev, "error.badfetch.http.404"), strings.HasPrefix(ev, "error.badfetch.http.410"):
		code = 404
	case strings.Contains(ev, "timeout"):
		code = 408
	}
	return &StartError{Status: code, Event: event}
}
