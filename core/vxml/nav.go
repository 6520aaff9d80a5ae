package vxml

import (
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"

	"github.com/reel-project/reel/core/vxml/fetch"
)

// doGoto carries out <goto>: another item of the form, a dialog of this
// document ("#id"), or a document (loaded again even if it is this one).
func (s *Session) doGoto(g *gotoCtl) error {
	if g.item != "" {
		it := s.cur.form.byName[g.item]
		if it == nil {
			return throw("error.badfetch", "no form item %q", g.item)
		}
		s.cur.form.next = it
		return nil
	}
	if frag, ok := strings.CutPrefix(g.uri, "#"); ok {
		d := s.cur.doc.d.Dialog(frag)
		if d == nil || frag == "" {
			return throw("error.badfetch", "no dialog %q", frag)
		}
		return s.enterDialog(d, nil)
	}
	u, err := s.resolve(g.uri)
	if err != nil {
		return err
	}
	d, final, err := s.loadDoc(fetch.Request{URL: u}, g.node)
	if err != nil {
		return err
	}
	if !s.cur.doc.root && d.Application == "" && s.cur.app.url == withoutFragment(final) {
		// leaf to its own root by <goto>: the root's variables live on
		// (by <submit>, or root to root, they are initialised again)
		s.cur.app.doc = d
		dlg := d.Dialog(final.Fragment)
		if dlg == nil {
			return throw("error.badfetch", "%s: no dialog %q", withoutFragment(final), final.Fragment)
		}
		s.useRoot(final)
		return s.enterDialog(dlg, nil)
	}
	return s.enterDocument(d, final, nil)
}

// doSubmit sends the namelist and goes to the document that answers.
func (s *Session) doSubmit(c *submitCtl) error {
	u, err := s.resolve(c.uri)
	if err != nil {
		return err
	}
	method := strings.ToUpper(c.method)
	if len(c.files) > 0 || c.enc == "multipart/form-data" {
		method = "POST"
	}
	d, final, err := s.loadDoc(fetch.Request{URL: u, Method: method, Values: c.values, Files: c.files}, c.node)
	if err != nil {
		return err
	}
	return s.enterDocument(d, final, nil)
}

// choose carries out a menu choice: next/expr, or event/eventexpr.
func (s *Session) choose(c choice) error { return s.follow(c.node) }

// follow carries out a <choice> or <link>: a transition (next or expr,
// with the element's fetch attributes) or an event (event or eventexpr,
// message or messageexpr).
func (s *Session) follow(n *doc.Node) error {
	scope := s.cur.form.scope
	if e, ok := n.Attr("expr"); ok {
		uri, err := s.evalString(scope, e)
		if err != nil {
			return err
		}
		return &gotoCtl{uri: uri, node: n}
	}
	if next, ok := n.Attr("next"); ok {
		return &gotoCtl{uri: next, node: n}
	}
	ev, err := s.eventOf(n, scope)
	if err != nil {
		return err
	}
	if ev.name == "" {
		return throw("error.badfetch", "<%s> without next, expr, event or eventexpr", n.Name)
	}
	return ev
}
