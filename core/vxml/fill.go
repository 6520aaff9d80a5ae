package vxml

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
)

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
