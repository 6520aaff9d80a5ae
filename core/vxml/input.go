package vxml

import (
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/grammar"
)

// waitState is what the session waits for between Handle calls.
type waitState struct {
	kind       WaitKind
	deadline   time.Time
	form       *form
	item       *item
	gram       grammar.Grammar
	dtmf       bool   // the item has a DTMF grammar
	hooks      []hook // the grammar groups from 2 on: links, document-scoped dialogs
	choices    []choice
	digits     []byte
	termchar   byte
	interdigit time.Duration
	termtime   time.Duration
	hotword    bool // bargeintype hotword: input that cannot match is ignored
	noDTMF     bool // the inputmodes property leaves DTMF out: keys are ignored
}

// collect starts input collection for a field, menu or initial.
func (s *Session) collect(f *form, it *item) error {
	w := &waitState{kind: WaitInput, form: f, item: it}
	var err error
	if it.kind == "menu" {
		w.choices = s.choices()
		w.gram, w.dtmf = choiceGrammars(w.choices, true), true
	} else if w.gram, w.dtmf, err = s.itemGrammar(f, it); err != nil {
		return err
	}
	if !w.dtmf {
		s.logOnce("voiceonly", "vxml: field has no DTMF grammar; speech input is not supported", "field", it.name)
	}
	if err := s.otherGrammars(w, f, it); err != nil {
		return err
	}
	if tc := s.prop("termchar", "#"); tc != "" {
		w.termchar = tc[0]
	}
	w.interdigit = s.propDuration("interdigittimeout", "3s")
	w.termtime = s.propDuration("termtimeout", "0s")
	w.hotword = s.bargeinType == "hotword"
	w.noDTMF = !strings.Contains(s.prop("inputmodes", "dtmf voice"), "dtmf")
	s.bargeinType = ""
	timeout := s.propDuration("timeout", "5s")
	if s.promptTimeout > 0 {
		timeout, s.promptTimeout = s.promptTimeout, 0
	}
	w.deadline = s.now().Add(timeout)
	s.wait = w
	s.collections++
	return nil
}

// otherGrammars adds the grammar groups beyond the item's: 1 the form's,
// 2… the hooks in scope; a modal item has none (VoiceXML 2.0 §2.3.1).
func (s *Session) otherGrammars(w *waitState, f *form, it *item) error {
	if it.node.Get("modal") == "true" {
		w.gram = grammar.Set{w.gram}
		return nil
	}
	var formGram grammar.Set
	if it.kind != "menu" {
		var err error
		if formGram, err = s.formGrammars(f); err != nil {
			return err
		}
	}
	hooks, hg, err := s.activeHooks(f)
	if err != nil {
		return err
	}
	w.gram = append(grammar.Set{w.gram, formGram}, hg...)
	w.hooks = hooks
	w.dtmf = w.dtmf || len(formGram) > 0 || len(hooks) > 0
	return nil
}

// key handles one DTMF key while collecting.
func (s *Session) key(k byte) error {
	w := s.wait
	if w.noDTMF {
		s.logOnce("inputmodes", "vxml: DTMF ignored: the inputmodes property excludes it")
		return nil
	}
	if w.termchar != 0 && k == w.termchar {
		if w.hotword && (len(w.digits) == 0 || !w.gram.Match(string(w.digits)).Complete) {
			w.digits = w.digits[:0]
			return nil
		}
		return s.endInput()
	}
	w.digits = append(w.digits, k)
	if !w.dtmf || w.gram == nil {
		return s.endInput()
	}
	m := w.gram.Match(string(w.digits))
	switch {
	case m.Complete && !m.More:
		if w.termchar == 0 || w.termtime <= 0 {
			return s.endInput()
		}
		w.deadline = s.now().Add(w.termtime)
	case m.More:
		w.deadline = s.now().Add(w.interdigit)
	case w.hotword:
		w.digits = w.digits[:0] // hotword: no match, no barge-in, no nomatch
	default:
		return s.endInput()
	}
	return nil
}

// endInput finishes collection: noinput, nomatch, or the item is filled.
func (s *Session) endInput() error {
	w := s.wait
	s.wait = nil
	s.takeMark()
	if len(w.digits) == 0 {
		return throw("noinput", "no input before the timeout")
	}
	if !w.dtmf || w.gram == nil {
		return throw("nomatch", "no DTMF grammar is active")
	}
	m, which := w.match()
	if !m.Complete && w.hotword {
		return throw("noinput", "%q does not match; ignored under bargeintype hotword", w.digits)
	}
	if !m.Complete {
		return throw("nomatch", "%q does not match", w.digits)
	}
	var v goja.Value
	err := s.rt.Guarded(func() (err error) {
		v, err = m.Value(s.rt.VM())
		return err
	})
	if err != nil {
		return throw("error.semantic", "%v", err)
	}
	s.setLastResult(string(w.digits), v)
	switch {
	case which == 1:
		return s.fillFromForm(w.form, string(w.digits), v)
	case which > 1:
		return s.takeHook(w.hooks[which-2], string(w.digits), v)
	}
	if w.item.kind == "menu" {
		return s.choose(w.choices[v.ToInteger()])
	}
	return s.fill(w.form, w.item, string(w.digits), v)
}

// match matches the digits; which is the group that matched (see collect).
func (w *waitState) match() (grammar.Match, int) {
	return w.gram.(grammar.Set).MatchFirst(string(w.digits))
}
