package vxml

import (
	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
)

// enterDialog initialises a form or menu: a new dialog scope, its
// variables and form item variables in document order, fresh counters.
func (s *Session) enterDialog(n *doc.Node, params map[string]any) error {
	f := &form{node: n, byName: map[string]*item{}, counts: map[string]int{}}
	f.scope = s.rt.NewScope("dialog", s.cur.doc.scope)
	s.cur.form = f
	s.cur.noPrompts = false
	if n.Name == "menu" {
		f.items = []*item{{node: n, kind: "menu", counts: map[string]int{}}}
		return nil
	}
	for _, c := range n.Elements() {
		switch {
		case c.Name == "var":
			if v, ok := params[c.Get("name")]; ok {
				if err := s.rt.Declare(f.scope, c.Get("name"), s.rt.VM().ToValue(v)); err != nil {
					return asEvent(err)
				}
				continue
			}
			fallthrough
		case c.Name == "script":
			if err := s.execOne(c, f.scope); err != nil {
				return err
			}
		case itemKinds[c.Name]:
			if err := s.addItem(f, c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Session) addItem(f *form, n *doc.Node) error {
	it := &item{node: n, kind: n.Name, name: n.Get("name"), counts: map[string]int{}}
	f.items = append(f.items, it)
	if it.name == "" {
		return nil
	}
	if f.byName[it.name] != nil {
		return throw("error.badfetch", "form item name %q used twice", it.name)
	}
	f.byName[it.name] = it
	var v goja.Value = goja.Undefined()
	if e, ok := n.Attr("expr"); ok {
		var err error
		if v, err = s.rt.Eval(f.scope, e); err != nil {
			return asEvent(err)
		}
	}
	return asNil(s.rt.Declare(f.scope, it.name, v))
}

// filled reports whether an item's guard keeps it from being visited.
func (s *Session) filled(f *form, it *item) bool {
	if it.kind == "menu" {
		return false
	}
	if it.name == "" {
		return it.visited
	}
	v := f.scope.Obj.Get(it.name)
	return v != nil && !goja.IsUndefined(v)
}

// selectItem is the FIA's select phase: the first item whose variable is
// undefined and whose cond holds.
func (s *Session) selectItem(f *form) (*item, error) {
	for _, it := range f.items {
		if s.filled(f, it) {
			continue
		}
		if c, ok := it.node.Attr("cond"); ok {
			ok, err := s.rt.EvalBool(f.scope, c)
			if err != nil {
				return nil, asEvent(err)
			}
			if !ok {
				continue
			}
		}
		if it.kind == "initial" && s.anyFilled(f) {
			continue
		}
		return it, nil
	}
	return nil, nil
}

func (s *Session) anyFilled(f *form) bool {
	for _, it := range f.items {
		if it.kind != "block" && it.kind != "initial" && it.name != "" && s.filled(f, it) {
			return true
		}
	}
	return false
}

// fiaStep runs one iteration of the FIA main loop: select, then visit
// (execute a block, or queue prompts and start collecting input).
func (s *Session) fiaStep() error {
	f := s.cur.form
	it := f.next
	f.next = nil
	if it == nil {
		var err error
		if it, err = s.selectItem(f); err != nil {
			return err
		}
	}
	if it == nil {
		if s.cur.parent != nil {
			return throw("error.semantic", "subdialog ended without <return>")
		}
		return &exitCtl{}
	}
	f.current = it
	noPrompts := s.cur.noPrompts
	s.cur.noPrompts = false
	return s.visit(f, it, noPrompts)
}

// visit executes the collect phase of the selected item.
func (s *Session) visit(f *form, it *item, noPrompts bool) error {
	switch it.kind {
	case "block":
		if err := s.markVisited(f, it); err != nil {
			return err
		}
		return s.exec(it.node.Children, s.rt.NewScope("anonymous", f.scope))
	case "object":
		return throw("error.unsupported.objectname", "<object> is not supported")
	case "subdialog":
		return s.callSubdialog(f, it)
	}
	if !noPrompts {
		if err := s.queuePrompts(f, it); err != nil {
			return err
		}
	}
	if s.hungup {
		// the caller is gone: after the disconnect handler there is no input
		return &exitCtl{}
	}
	switch it.kind {
	case "transfer":
		return s.startTransfer(f, it)
	case "record":
		return s.startRecord(f, it)
	}
	return s.collect(f, it)
}

func (s *Session) markVisited(f *form, it *item) error {
	it.visited = true
	if it.name != "" {
		return asNil(s.rt.Declare(f.scope, it.name, s.rt.VM().ToValue(true)))
	}
	return nil
}

func asNil(err error) error {
	if err != nil {
		return asEvent(err)
	}
	return nil
}

// run drives the FIA and the control flow it produces until the session
// waits for input or ends.
func (s *Session) run(c error) {
	for !s.ended && s.wait == nil {
		s.steps++
		if s.steps > s.cfg.Limits.Transitions {
			c = s.overLimit()
		}
		if s.rt.Overruns > maxOverruns {
			s.logOnce("cpu", "vxml: scripts ran past the CPU budget repeatedly", "budget", s.cfg.Limits.ScriptBudget)
			c = &exitCtl{err: "error.semantic: scripts ran past the CPU budget repeatedly"}
		}
		if c == nil {
			c = s.fiaStep()
			continue
		}
		c = s.apply(c)
	}
}

// maxOverruns is how many CPU budget overruns a session survives.
const maxOverruns = 3

// overLimit raises error.noresource once per input; a second overrun ends
// the session.
func (s *Session) overLimit() error {
	s.logOnce("transitions", "vxml: transitions without input over the limit", "limit", s.cfg.Limits.Transitions)
	if s.limited {
		return &exitCtl{err: "error.noresource: transitions without input over the limit"}
	}
	s.limited = true
	s.steps = 0
	return throw("error.noresource", "more than %d transitions without input", s.cfg.Limits.Transitions)
}

// apply carries out one control-flow result and returns the next one.
func (s *Session) apply(c error) error {
	switch x := c.(type) {
	case *exitCtl:
		s.finish(x)
		return nil
	case *eventCtl:
		return s.catch(x)
	case *gotoCtl:
		return s.doGoto(x)
	case *submitCtl:
		return s.doSubmit(x)
	case *returnCtl:
		return s.doReturn(x)
	}
	return s.catch(asEvent(c))
}

// finish ends the session with an exit action.
func (s *Session) finish(x *exitCtl) {
	if s.ended {
		return
	}
	s.ended, s.wait = true, nil
	text := x.value
	if x.err != "" {
		text = x.err
		s.cfg.Log.Info("vxml: session ended by an uncaught event", "event", x.err)
	}
	s.emit(Action{Kind: ActExit, Text: text, Label: exitLabel(x)})
}

func exitLabel(x *exitCtl) string {
	if x.err != "" {
		return "error"
	}
	return "normal"
}
