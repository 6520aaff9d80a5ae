package vxml

import (
	"strings"

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
	d, final, err := s.loadDoc(fetch.Request{URL: u})
	if err != nil {
		return err
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
	d, final, err := s.loadDoc(fetch.Request{URL: u, Method: method, Values: c.values, Files: c.files})
	if err != nil {
		return err
	}
	return s.enterDocument(d, final, nil)
}

// choose carries out a menu choice: next/expr, or event/eventexpr.
func (s *Session) choose(c choice) error {
	scope := s.cur.form.scope
	n := c.node
	if e, ok := n.Attr("expr"); ok {
		uri, err := s.evalString(scope, e)
		if err != nil {
			return err
		}
		return &gotoCtl{uri: uri}
	}
	if next, ok := n.Attr("next"); ok {
		return &gotoCtl{uri: next}
	}
	name := n.Get("event")
	if e, ok := n.Attr("eventexpr"); ok {
		var err error
		if name, err = s.evalString(scope, e); err != nil {
			return err
		}
	}
	if name == "" {
		return throw("error.badfetch", "menu choice without next, expr or event")
	}
	return &eventCtl{name: name, message: n.Get("message")}
}
