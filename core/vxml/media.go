package vxml

import (
	"strings"
	"time"

	"github.com/dop251/goja"
)

// startTransfer emits the Transfer action and waits for its outcome.
func (s *Session) startTransfer(f *form, it *item) error {
	n := it.node
	anon := s.rt.NewScope("anonymous", f.scope)
	t := &Transfer{Dest: n.Get("dest"), Type: n.Get("type"), AAI: n.Get("aai")}
	var err error
	if e, ok := n.Attr("destexpr"); ok {
		if t.Dest, err = s.evalString(anon, e); err != nil {
			return err
		}
	}
	if e, ok := n.Attr("aaiexpr"); ok {
		if t.AAI, err = s.evalString(anon, e); err != nil {
			return err
		}
	}
	if t.Type == "" {
		t.Type = "blind"
		if n.Get("bridge") == "true" {
			t.Type = "bridge"
		}
	}
	if t.Dest == "" {
		return throw("error.connection.baddestination", "transfer without a destination")
	}
	t.ConnectTimeout = attrDuration(n.Get("connecttimeout"), 30*time.Second)
	t.MaxTime = attrDuration(n.Get("maxtime"), 0)
	w := &waitState{kind: WaitTransfer, form: f, item: it}
	if t.Type == "bridge" {
		if w.gram, w.dtmf, err = s.transferGrammars(n, anon); err != nil {
			return err
		}
	}
	s.emit(Action{Kind: ActTransfer, Transfer: t})
	s.wait = w
	return nil
}

// transferDone sets the transfer item from the platform's outcome.
func (s *Session) transferDone(e TransferDone) error {
	w := s.wait
	s.wait = nil
	switch {
	case e.CallerHangup:
		s.hungup = true
		return throw("connection.disconnect.hangup", "the caller hung up during the transfer")
	case strings.HasPrefix(e.Result, "error."):
		return throw(e.Result, "transfer failed")
	case e.Blind || (w.item.node.Get("type") == "blind" && e.Result == ""):
		s.hungup = true
		return throw("connection.disconnect.transfer", "blind transfer completed")
	}
	f, it := w.form, w.item
	if it.name != "" {
		shadow := s.rt.VM().NewObject()
		_ = shadow.Set("duration", e.Duration.Seconds())
		if err := s.rt.Declare(f.scope, it.name+"$", shadow); err != nil {
			return asEvent(err)
		}
		if err := s.rt.Declare(f.scope, it.name, s.rt.VM().ToValue(e.Result)); err != nil {
			return asEvent(err)
		}
	}
	it.visited = true
	return s.afterFill(f, it)
}

// startRecord emits the Record action and waits for the recording.
func (s *Session) startRecord(f *form, it *item) error {
	n := it.node
	r := &Record{
		Beep:         n.Get("beep") == "true",
		MaxTime:      attrDuration(n.Get("maxtime"), 60*time.Second),
		FinalSilence: attrDuration(n.Get("finalsilence"), 3*time.Second),
		DTMFTerm:     n.Get("dtmfterm") != "false",
		Type:         n.Get("type"),
	}
	if r.Type == "" {
		r.Type = "audio/x-wav"
	}
	s.emit(Action{Kind: ActRecord, Record: r})
	s.wait = &waitState{kind: WaitRecord, form: f, item: it}
	return nil
}

// recordDone sets the record item: an object standing for the audio, which
// <submit> sends as a file.
func (s *Session) recordDone(e RecordDone) error {
	w := s.wait
	s.wait = nil
	if len(e.Audio) == 0 && e.Duration == 0 {
		return throw("noinput", "nothing recorded")
	}
	f, it := w.form, w.item
	s.recordings = append(s.recordings, e.Audio)
	rec := s.rt.VM().NewObject()
	_ = rec.Set("__reel_recording", len(s.recordings)-1)
	_ = rec.Set("size", len(e.Audio))
	_ = rec.Set("type", e.Type)
	shadow := s.rt.VM().NewObject()
	_ = shadow.Set("duration", e.Duration.Milliseconds())
	_ = shadow.Set("size", len(e.Audio))
	_ = shadow.Set("maxtime", e.MaxTime)
	if e.TermChar != 0 {
		_ = shadow.Set("termchar", string(e.TermChar))
	} else {
		_ = shadow.Set("termchar", goja.Null())
	}
	if it.name != "" {
		if err := s.rt.Declare(f.scope, it.name+"$", shadow); err != nil {
			return asEvent(err)
		}
		if err := s.rt.Declare(f.scope, it.name, rec); err != nil {
			return asEvent(err)
		}
	}
	it.visited = true
	return s.afterFill(f, it)
}

// recordingOf returns the audio a recording variable stands for.
func (s *Session) recordingOf(v goja.Value) []byte {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	idx := obj.Get("__reel_recording")
	if idx == nil {
		return nil
	}
	i := int(idx.ToInteger())
	if i < 0 || i >= len(s.recordings) {
		return nil
	}
	return s.recordings[i]
}

func attrDuration(v string, def time.Duration) time.Duration {
	if d, ok := parseTime(v); ok {
		return d
	}
	return def
}
