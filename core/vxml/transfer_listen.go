package vxml

import (
	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/grammar"
	"github.com/reel-project/reel/core/vxml/script"
)

// transferGrammars are the DTMF grammars of a bridged <transfer>: while
// the caller is bridged, a match ends the transfer (VoiceXML 2.0 §2.3.7.2).
func (s *Session) transferGrammars(n *doc.Node, scope *script.Scope) (grammar.Grammar, bool, error) {
	var set grammar.Set
	for _, gn := range n.Elements("grammar") {
		g, err := s.grammarOf(gn, scope)
		if err != nil {
			return nil, false, err
		}
		if g != nil {
			set = append(set, g)
		}
	}
	return set, len(set) > 0, nil
}

// transferKey takes one of the caller's keys during a bridged transfer:
// a complete match (there is no inter-digit timer while bridged, so the
// first complete one) asks the platform to end the transfer and fills the
// item with near_end_disconnect; keys that cannot match are dropped.
func (s *Session) transferKey(k byte) error {
	w := s.wait
	w.digits = append(w.digits, k)
	m := w.gram.Match(string(w.digits))
	switch {
	case m.Complete:
	case m.More:
		return nil
	default:
		w.digits = w.digits[:0]
		return nil
	}
	s.wait = nil
	s.takeMark()
	var v goja.Value
	if err := s.rt.Guarded(func() (err error) { v, err = m.Value(s.rt.VM()); return err }); err != nil {
		return throw("error.semantic", "%v", err)
	}
	s.emit(Action{Kind: ActTransferEnd})
	utterance := string(w.digits)
	s.setLastResult(utterance, v)
	f, it := w.form, w.item
	it.visited = true
	if it.name != "" {
		shadow := s.rt.VM().NewObject()
		_ = shadow.Set("duration", 0)
		_ = shadow.Set("inputmode", "dtmf")
		_ = shadow.Set("utterance", utterance)
		if err := s.rt.Declare(f.scope, it.name+"$", shadow); err != nil {
			return asEvent(err)
		}
		if err := s.rt.Declare(f.scope, it.name, s.rt.VM().ToValue("near_end_disconnect")); err != nil {
			return asEvent(err)
		}
	}
	return s.afterFill(f, it)
}
