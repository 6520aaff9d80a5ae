package vxml

import (
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// callSubdialog starts a new execution context for <subdialog>; its
// <param>s initialise the subdialog's same-named dialog variables.
func (s *Session) callSubdialog(f *form, it *item) error {
	n := it.node
	anon := s.rt.NewScope("anonymous", f.scope)
	ref := n.Get("src")
	if e, ok := n.Attr("srcexpr"); ok {
		var err error
		if ref, err = s.evalString(anon, e); err != nil {
			return err
		}
	}
	params, err := s.params(n, anon)
	if err != nil {
		return err
	}
	var d *doc.Document
	u, err := s.resolve(ref)
	if err != nil {
		return err
	}
	if strings.HasPrefix(ref, "#") || ref == "" {
		d, u = s.cur.doc.d, s.cur.doc.url.ResolveReference(u)
	} else if d, u, err = s.loadDoc(fetch.Request{URL: u}, n); err != nil {
		return err
	}
	caller := s.cur
	// a new execution context: fresh application and document scopes
	s.cur = &context_{parent: caller, callerItem: it}
	return s.enterDocument(d, u, params)
}

func (s *Session) params(n *doc.Node, scope *script.Scope) (map[string]any, error) {
	out := map[string]any{}
	vals, _ := s.namelistValues(scope, strings.Fields(n.Get("namelist")))
	for k := range vals {
		v, _ := s.rt.Eval(scope, k)
		out[k] = v
	}
	for _, p := range n.Elements("param") {
		if e, ok := p.Attr("expr"); ok {
			v, err := s.rt.Eval(scope, e)
			if err != nil {
				return nil, asEvent(err)
			}
			out[p.Get("name")] = v
			continue
		}
		out[p.Get("name")] = p.Get("value")
	}
	return out, nil
}

// doReturn ends a subdialog: the caller's item gets an object of the
// namelist, or the event is thrown in the caller.
func (s *Session) doReturn(r *returnCtl) error {
	if s.cur.parent == nil {
		return throw("error.semantic", "<return> outside a subdialog")
	}
	vm := s.rt.VM()
	obj := vm.NewObject()
	for _, name := range r.names {
		v, err := s.rt.Eval(r.scope, name)
		if err != nil {
			return asEvent(err)
		}
		_ = obj.Set(name, v)
	}
	it := s.cur.callerItem
	s.cur = s.cur.parent
	f := s.cur.form
	f.current = it
	if r.event != nil {
		return r.event
	}
	if it.name != "" {
		if err := s.rt.Declare(f.scope, it.name, obj); err != nil {
			return asEvent(err)
		}
	}
	it.visited = true
	return s.afterFill(f, it)
}
