package vxml

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/script"
)

// exec runs executable content in order; it stops at the first control flow.
func (s *Session) exec(nodes []*doc.Node, scope *script.Scope) error {
	for _, n := range nodes {
		if err := s.execOne(n, scope); err != nil {
			return err
		}
	}
	return nil
}

// execOne runs one element (or queues bare text as a prompt).
func (s *Session) execOne(n *doc.Node, scope *script.Scope) error {
	if n.IsText() {
		if t := collapse(n.Text); t != "" {
			s.emit(Action{Kind: ActPrompt, Prompt: &Prompt{Items: []PromptItem{{Text: t}}, Bargein: true}})
		}
		return nil
	}
	if n.Space != doc.NSVXML && n.Space != "" {
		return nil
	}
	if h, ok := executable[n.Name]; ok {
		return h(s, n, scope)
	}
	return nil
}

type handler func(s *Session, n *doc.Node, scope *script.Scope) error

var executable map[string]handler

func init() {
	executable = map[string]handler{
		"var": execVar, "assign": execAssign, "clear": execClear, "if": execIf,
		"goto": execGoto, "submit": execSubmit, "exit": execExit, "return": execReturn,
		"disconnect": execDisconnect, "throw": execThrow, "reprompt": execReprompt,
		"log": execLog, "script": execScript, "prompt": execPrompt, "audio": execPromptItem,
		"value": execPromptItem, "enumerate": execPromptItem, "foreach": execForeach,
		"data": execData, "mark": execPromptItem, "break": execPromptItem,
	}
}

func execVar(s *Session, n *doc.Node, scope *script.Scope) error {
	var v goja.Value = goja.Undefined()
	if e, ok := n.Attr("expr"); ok {
		var err error
		if v, err = s.rt.Eval(scope, e); err != nil {
			return asEvent(err)
		}
	}
	return asNil(s.rt.Declare(scope, n.Get("name"), v))
}

func execAssign(s *Session, n *doc.Node, scope *script.Scope) error {
	v, err := s.rt.Eval(scope, n.Get("expr"))
	if err != nil {
		return asEvent(err)
	}
	return asNil(s.rt.Assign(scope, n.Get("name"), v))
}

// execClear resets the named variables (all form items without namelist)
// and, for form items, their prompt and event counters.
func execClear(s *Session, n *doc.Node, scope *script.Scope) error {
	f := s.cur.form
	names := strings.Fields(n.Get("namelist"))
	if len(names) == 0 && f != nil {
		for _, it := range f.items {
			if it.name != "" {
				names = append(names, it.name)
			}
			it.visited = false
		}
	}
	for _, name := range names {
		if err := s.rt.Assign(scope, name, goja.Undefined()); err != nil {
			return asEvent(err)
		}
		if f != nil && f.byName[name] != nil {
			it := f.byName[name]
			it.prompts, it.counts, it.visited = 0, map[string]int{}, false
		}
	}
	return nil
}

func execIf(s *Session, n *doc.Node, scope *script.Scope) error {
	ok, err := s.rt.EvalBool(scope, n.Get("cond"))
	if err != nil {
		return asEvent(err)
	}
	var run []*doc.Node
	active := ok
	done := ok
	for _, c := range n.Children {
		switch c.Name {
		case "elseif":
			active = false
			if !done {
				if active, err = s.rt.EvalBool(scope, c.Get("cond")); err != nil {
					return asEvent(err)
				}
				done = active
			}
			continue
		case "else":
			active = !done
			done = true
			continue
		}
		if active {
			run = append(run, c)
		}
	}
	return s.exec(run, scope)
}

func execGoto(s *Session, n *doc.Node, scope *script.Scope) error {
	g := &gotoCtl{uri: n.Get("next"), item: n.Get("nextitem"), node: n}
	var err error
	if e, ok := n.Attr("expr"); ok {
		g.uri, err = s.evalString(scope, e)
	}
	if e, ok := n.Attr("expritem"); ok {
		g.item, err = s.evalString(scope, e)
	}
	if err != nil {
		return err
	}
	return g
}

func execSubmit(s *Session, n *doc.Node, scope *script.Scope) error {
	c := &submitCtl{uri: n.Get("next"), method: n.Get("method"), enc: n.Get("enctype"), names: strings.Fields(n.Get("namelist")), node: n}
	if e, ok := n.Attr("expr"); ok {
		var err error
		if c.uri, err = s.evalString(scope, e); err != nil {
			return err
		}
	}
	if len(c.names) == 0 && s.cur.form != nil {
		c.names = fieldNames(s.cur.form)
	}
	c.values, c.files = s.namelistValues(scope, c.names)
	return c
}

func execExit(s *Session, n *doc.Node, scope *script.Scope) error {
	if e, ok := n.Attr("expr"); ok {
		v, err := s.rt.Eval(scope, e)
		if err != nil {
			return asEvent(err)
		}
		return &exitCtl{value: v.String()}
	}
	if names := strings.Fields(n.Get("namelist")); len(names) > 0 {
		vals, _ := s.namelistValues(scope, names)
		return &exitCtl{value: vals.Encode()}
	}
	return &exitCtl{}
}

func execReturn(s *Session, n *doc.Node, scope *script.Scope) error {
	ev, err := s.eventOf(n, scope)
	if err != nil {
		return err
	}
	r := &returnCtl{names: strings.Fields(n.Get("namelist")), scope: scope}
	if ev.name != "" {
		r.event = ev
	}
	return r
}

func execDisconnect(s *Session, n *doc.Node, scope *script.Scope) error {
	if !s.hungup {
		s.emit(Action{Kind: ActDisconnect})
		s.hungup = true
	}
	return throw("connection.disconnect.hangup", "the application disconnected")
}

func execThrow(s *Session, n *doc.Node, scope *script.Scope) error {
	ev, err := s.eventOf(n, scope)
	if err != nil {
		return err
	}
	return ev
}

// eventOf reads event/eventexpr and message/messageexpr of <throw>,
// <choice> and <link>; _message is undefined when neither is given.
func (s *Session) eventOf(n *doc.Node, scope *script.Scope) (*eventCtl, error) {
	ev := &eventCtl{name: n.Get("event"), message: n.Get("message")}
	ev.noMsg = !n.Has("message") && !n.Has("messageexpr")
	var err error
	if e, ok := n.Attr("eventexpr"); ok {
		ev.name, err = s.evalString(scope, e)
	}
	if e, ok := n.Attr("messageexpr"); ok && err == nil {
		ev.message, err = s.evalString(scope, e)
	}
	return ev, err
}

func execReprompt(s *Session, n *doc.Node, scope *script.Scope) error {
	if s.cur != nil {
		s.cur.reprompt = true
	}
	return nil
}

func execScript(s *Session, n *doc.Node, scope *script.Scope) error {
	src := n.TextContent()
	if n.Has("src") || n.Has("srcexpr") {
		body, err := s.fetchText(n, scope)
		if err != nil {
			return err
		}
		src = body
	}
	return asNil(s.rt.Exec(scope, src))
}

// evalString evaluates expr to a string, as an event on failure.
func (s *Session) evalString(scope *script.Scope, expr string) (string, error) {
	v, err := s.rt.Eval(scope, expr)
	if err != nil {
		return "", asEvent(err)
	}
	return v.String(), nil
}

func collapse(t string) string { return strings.Join(strings.Fields(t), " ") }
