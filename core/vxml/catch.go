package vxml

import (
	"strconv"

	"github.com/dop251/goja"
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/script"
)

// shorthand event elements and the events they catch.
var shorthand = map[string]string{"error": "error", "noinput": "noinput", "nomatch": "nomatch", "help": "help"}

// catch is VoiceXML 2.0 §5.2.4: count the event, collect the catches of the
// current item, form, document and application root in that order, keep those
// that match with a true cond, take the highest count not above the event's
// count, the first in order; else the platform's default handler.
func (s *Session) catch(ev *eventCtl) error {
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > s.cfg.Limits.EventDepth {
		s.logOnce("eventdepth", "vxml: events nested too deep", "event", ev.name)
		return &exitCtl{err: ev.name + ": events nested too deep"}
	}
	if s.cur == nil || s.cur.doc == nil {
		return &exitCtl{err: ev.name + ": " + ev.message}
	}
	counts := s.countEvent(ev.name)
	chain := s.handlerScope()
	h, err := s.selectCatch(ev.name, counts, chain)
	if err != nil {
		return err
	}
	if h == nil {
		return s.defaultHandler(ev)
	}
	anon := s.rt.NewScope("anonymous", chain)
	_ = s.rt.Declare(anon, "_event", s.rt.VM().ToValue(ev.name))
	msg := s.rt.VM().ToValue(ev.message)
	if ev.noMsg {
		msg = goja.Undefined()
	}
	_ = s.rt.Declare(anon, "_message", msg)
	s.cur.reprompt = false
	err = s.exec(h.Children, anon)
	if err == nil {
		// FIA: after a catch without <reprompt>, prompts are not queued again
		s.cur.noPrompts = !s.cur.reprompt
	}
	return err
}

// countEvent increments the counters of the event and of every prefix of
// it ("event.foo.1" counts for "event.foo.1", "event.foo", "event" and, for
// catches without an event attribute, "").
func (s *Session) countEvent(name string) map[string]int {
	counts := s.cur.form.countsFor()
	counts[""]++
	for i := 0; i < len(name); i++ {
		if name[i] == '.' {
			counts[name[:i]]++
		}
	}
	counts[name]++
	return counts
}

func (f *form) countsFor() map[string]int {
	if f == nil {
		return map[string]int{}
	}
	if f.current != nil {
		return f.current.counts
	}
	return f.counts
}

// handlerScope is the chain a handler's anonymous scope hangs below.
func (s *Session) handlerScope() *script.Scope {
	if s.cur.form != nil {
		return s.cur.form.scope
	}
	return s.cur.doc.scope
}

// catchScopes lists the elements whose catches apply, innermost first.
func (s *Session) catchScopes() []*doc.Node {
	var out []*doc.Node
	if f := s.cur.form; f != nil {
		if f.current != nil && f.current.node != f.node {
			out = append(out, f.current.node)
		}
		out = append(out, f.node)
	}
	out = append(out, s.cur.doc.d.Root)
	if !s.cur.doc.root && s.cur.app.doc != nil {
		out = append(out, s.cur.app.doc.Root)
	}
	return out
}

func (s *Session) selectCatch(name string, counts map[string]int, chain *script.Scope) (*doc.Node, error) {
	type cand struct {
		n     *doc.Node
		count int
	}
	var list []cand
	best := 0
	for _, scope := range s.catchScopes() {
		for _, c := range scope.Elements("catch", "error", "noinput", "nomatch", "help") {
			pattern, ok := catches(c, name)
			if !ok {
				continue
			}
			if cond, ok := c.Attr("cond"); ok {
				ok, err := s.rt.EvalBool(chain, cond)
				if err != nil {
					return nil, asEvent(err)
				}
				if !ok {
					continue
				}
			}
			n := 1
			if v, err := strconv.Atoi(c.Get("count")); err == nil && v > 0 {
				n = v
			}
			if n <= counts[pattern] {
				list = append(list, cand{c, n})
				best = max(best, n)
			}
		}
	}
	for _, c := range list {
		if c.count == best {
			return c.n, nil
		}
	}
	return nil, nil
}

// catches reports whether a catch element catches event name, and by
// which of its event names (whose counter its count is compared with).
func catches(c *doc.Node, name string) (string, bool) {
	if ev, ok := shorthand[c.Name]; ok {
		return ev, eventMatches(ev, name)
	}
	events, ok := c.Attr("event")
	if !ok || strings.TrimSpace(events) == "" {
		return "", true
	}
	best, found := "", false
	for _, e := range strings.Fields(events) {
		e = strings.TrimSuffix(e, ".")
		if eventMatches(e, name) && (!found || len(e) > len(best)) {
			best, found = e, true
		}
	}
	return best, found
}

// defaultHandler is the interpreter context's handler (VoiceXML 2.0 §5.2.5).
func (s *Session) defaultHandler(ev *eventCtl) error {
	switch {
	case ev.name == "noinput" || ev.name == "nomatch" || ev.name == "help" || ev.name == "maxspeechtimeout":
		s.cur.noPrompts = false
		return nil
	case ev.name == "cancel":
		return nil
	case ev.name == "exit" || strings.HasPrefix(ev.name, "connection.disconnect"):
		return &exitCtl{}
	}
	s.emit(Action{Kind: ActLog, Label: "error", Text: ev.name + ": " + ev.message})
	return &exitCtl{err: ev.name + ": " + ev.message}
}
