package ivr

import (
	"github.com/reel-project/reel/core/prompt"
	"github.com/reel-project/reel/core/vxml"
)

// perform carries out the interpreter's actions in order.
func (s *Session) perform(acts []vxml.Action) {
	for _, a := range acts {
		switch a.Kind {
		case vxml.ActPrompt:
			s.prompt(a.Prompt)
		case vxml.ActLog:
			s.cfg.Log.Info("ivr: log", "label", a.Label, "text", a.Text)
		case vxml.ActRecordCtl:
			s.drain() // in order with the audio queued before it
			if err := s.cfg.Platform.Recording(a.Text); err != nil {
				s.cfg.Log.Warn("ivr: recording command failed", "command", a.Text, "err", err)
			}
		case vxml.ActTransfer:
			s.transfer(a.Transfer)
		case vxml.ActRecord:
			s.record(a.Record)
		case vxml.ActDisconnect:
			s.hangUp()
		case vxml.ActExit:
			s.result.Exit, s.result.Normal = a.Text, a.Label == "normal" || s.result.Hangup
			s.disconnect = true
		}
	}
}

// prompt renders one queued prompt into the player, item by item; an item
// that cannot be rendered is logged and skipped (its neighbours play).
func (s *Session) prompt(p *vxml.Prompt) {
	if p == nil || s.isGone() {
		return
	}
	items := make([]prompt.Item, 0, len(p.Items))
	for _, it := range p.Items {
		var a *prompt.Audio
		var err error
		switch {
		case it.Audio != "":
			a, err = s.cfg.Prompts.Audio(s.ctx, it.Audio)
		case it.Text != "":
			a, err = s.cfg.Prompts.Speak(s.ctx, it.Text)
		case it.Break > 0:
			items = append(items, prompt.Item{Silence: it.Break, Bargein: p.Bargein})
			continue
		}
		if err != nil {
			s.cfg.Log.Warn("ivr: prompt item skipped", "audio", it.Audio, "text", it.Text, "err", err)
			continue
		}
		if a != nil {
			items = append(items, prompt.Item{Audio: a, Bargein: p.Bargein})
		}
	}
	s.play.Enqueue(items...)
}

// hangUp plays out what is queued, then hangs up the caller; the
// interpreter goes on with connection.disconnect.hangup.
func (s *Session) hangUp() {
	s.drain()
	if !s.isGone() {
		s.cfg.Platform.Disconnect()
	}
	s.hangupSent = true // <disconnect> throws connection.disconnect.hangup itself
	s.end(true)
}

// transfer asks the platform and hands the outcome to the interpreter.
func (s *Session) transfer(t *vxml.Transfer) {
	s.drain()
	done := s.cfg.Platform.Transfer(s.ctx, *t)
	s.handle(done)
}

// record answers a <record>: no capture is wired to calls yet (decision
// 0040), so the interpreter hears of an empty recording at once.
func (s *Session) record(r *vxml.Record) {
	s.cfg.Log.Warn("ivr: <record> has no capture on calls yet; empty recording", "maxtime", r.MaxTime)
	s.handle(vxml.RecordDone{Type: r.Type})
}

func (s *Session) isGone() bool {
	select {
	case <-s.gone:
		return true
	default:
		return false
	}
}
