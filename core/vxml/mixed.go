package vxml

import (
	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/grammar"
)

// formGrammars are the DTMF grammars of the form itself (mixed initiative):
// active while any of its fields or its <initial> collects input.
func (s *Session) formGrammars(f *form) (grammar.Set, error) {
	var set grammar.Set
	for _, gn := range f.node.Elements("grammar") {
		g, err := s.grammarOf(gn, f.scope)
		if err != nil {
			return nil, err
		}
		if g != nil {
			set = append(set, g)
		}
	}
	return set, nil
}

// fillFromForm fills every field whose slot the form grammar's
// interpretation has, marks the <initial>s visited, and runs <filled>.
func (s *Session) fillFromForm(f *form, utterance string, v goja.Value) error {
	obj, _ := v.(*goja.Object)
	var filled []*item
	for _, it := range f.items {
		if it.kind != "field" || it.name == "" || obj == nil {
			continue
		}
		sv := obj.Get(slotOf(it))
		if sv == nil || goja.IsUndefined(sv) {
			continue
		}
		if err := s.setItem(f, it, utterance, sv); err != nil {
			return err
		}
		filled = append(filled, it)
	}
	if len(filled) == 0 {
		return throw("nomatch", "the form grammar's result fills no field")
	}
	for _, it := range f.items {
		if it.kind == "initial" {
			if err := s.markVisited(f, it); err != nil {
				return err
			}
		}
	}
	return s.afterFill(f, filled...)
}
