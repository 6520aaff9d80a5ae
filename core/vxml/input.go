package vxml

import (
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
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
		if w.hotword && len(w.digits) > 0 && !w.gram.Match(string(w.digits)).Complete {
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

// fill sets a form item from input and runs the <filled> elements.
func (s *Session) fill(f *form, it *item, utterance string, v goja.Value) error {
	if err := s.setItem(f, it, utterance, s.slotValue(it, v)); err != nil {
		return err
	}
	return s.afterFill(f, it)
}

// slotValue picks a field's slot (slot=, else its name) out of an object
// interpretation; other values are taken whole.
func (s *Session) slotValue(it *item, v goja.Value) goja.Value {
	obj, ok := v.(*goja.Object)
	if !ok || it.kind != "field" {
		return v
	}
	if sv := obj.Get(slotOf(it)); sv != nil {
		return sv
	}
	return v
}

func slotOf(it *item) string {
	if slot := it.node.Get("slot"); slot != "" {
		return slot
	}
	return it.name
}

// setItem sets the item variable and its shadow variable name$.
func (s *Session) setItem(f *form, it *item, utterance string, v goja.Value) error {
	it.visited = true
	if it.name == "" {
		return nil
	}
	shadow := s.rt.VM().NewObject()
	_ = shadow.Set("utterance", utterance)
	_ = shadow.Set("inputmode", "dtmf")
	_ = shadow.Set("confidence", 1)
	_ = shadow.Set("interpretation", v)
	s.setMark(shadow)
	if err := s.rt.Declare(f.scope, it.name+"$", shadow); err != nil {
		return asEvent(err)
	}
	return asNil(s.rt.Declare(f.scope, it.name, v))
}

// afterFill runs the <filled> of each just-filled item, then each of the
// form's whose mode and namelist they trigger.
func (s *Session) afterFill(f *form, items ...*item) error {
	for _, it := range items {
		if it.node == f.node {
			continue
		}
		for _, fl := range it.node.Elements("filled") {
			if err := s.exec(fl.Children, s.rt.NewScope("anonymous", f.scope)); err != nil {
				return err
			}
		}
	}
	for _, fl := range f.node.Elements("filled") {
		if !s.triggers(f, fl, items) {
			continue
		}
		if err := s.exec(fl.Children, s.rt.NewScope("anonymous", f.scope)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) triggers(f *form, fl *doc.Node, items []*item) bool {
	names := fieldsOf(f, fl)
	in := false
	for _, n := range names {
		for _, it := range items {
			in = in || (n == it.name && n != "")
		}
	}
	if !in {
		return false
	}
	if fl.Get("mode") == "any" {
		return true
	}
	for _, n := range names {
		if other := f.byName[n]; other != nil && !s.filled(f, other) {
			return false
		}
	}
	return true
}

func (s *Session) setLastResult(utterance string, v goja.Value) {
	vm := s.rt.VM()
	r := vm.NewObject()
	_ = r.Set("utterance", utterance)
	_ = r.Set("inputmode", "dtmf")
	_ = r.Set("confidence", 1)
	_ = r.Set("interpretation", v)
	s.setMark(r)
	arr := vm.NewArray(r)
	for _, k := range []string{"utterance", "inputmode", "confidence", "interpretation", "markname", "marktime"} {
		if v := r.Get(k); v != nil {
			_ = arr.Set(k, v)
		}
	}
	_ = s.cur.app.scope.Obj.Set("lastresult$", arr)
}

func (s *Session) initLastResult(a *app) {
	_ = a.scope.Obj.Set("lastresult$", s.rt.VM().NewArray())
}

// fieldsOf is a form <filled>'s namelist, by default the form's field items
// (not blocks, not <initial>).
func fieldsOf(f *form, fl *doc.Node) []string {
	if nl := strings.Fields(fl.Get("namelist")); len(nl) > 0 {
		return nl
	}
	return fieldNames(f)
}

// fieldNames are the names of the form's field items.
func fieldNames(f *form) []string {
	var out []string
	for _, it := range f.items {
		if it.name != "" && it.kind != "block" && it.kind != "initial" {
			out = append(out, it.name)
		}
	}
	return out
}

// match matches the digits; which is the group that matched (see collect).
func (w *waitState) match() (grammar.Match, int) {
	return w.gram.(grammar.Set).MatchFirst(string(w.digits))
}
