package vxml

import (
	"strconv"
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/grammar"
	"github.com/reel-project/reel/core/vxml/script"
)

// choice is a menu <choice> or a field <option>: what <enumerate> reads and
// the key sequence that selects it.
type choice struct {
	node   *doc.Node
	prompt string
	dtmf   string
	value  string // <option>: the field's value
}

// choices lists the current item's choices (menu) or options (field); they
// depend on the markup only and are computed once per document.
func (s *Session) choices() []choice {
	f := s.cur.form
	if f == nil || f.current == nil {
		return nil
	}
	n := f.current.node
	v, _ := s.cur.doc.d.Memo(choicesKey{n}, func() (any, error) { return choicesOf(n), nil })
	return v.([]choice)
}

type choicesKey struct{ n *doc.Node }

func choicesOf(n *doc.Node) []choice {
	var out []choice
	if n.Name == "menu" {
		// dtmf="true": the first nine choices without a dtmf get 1…9
		auto, next := n.Get("dtmf") == "true", 1
		for _, c := range n.Elements("choice") {
			ch := choice{node: c, prompt: collapse(c.TextContent()), dtmf: c.Get("dtmf")}
			if ch.dtmf == "" && auto && next <= 9 {
				ch.dtmf = strconv.Itoa(next)
				next++
			}
			out = append(out, ch)
		}
		return out
	}
	for _, o := range n.Elements("option") {
		text := collapse(o.TextContent())
		v := o.Get("value")
		if v == "" {
			v = text
		}
		out = append(out, choice{node: o, prompt: text, dtmf: o.Get("dtmf"), value: v})
	}
	return out
}

// choiceGrammars are the literal grammars of the choices with dtmf keys;
// the interpretation is a menu choice's index, an option's value.
func choiceGrammars(cs []choice, menu bool) grammar.Set {
	var set grammar.Set
	for i, c := range cs {
		if c.dtmf == "" {
			continue
		}
		var v any = c.value
		if menu {
			v = i
		}
		set = append(set, grammar.Literal{Keys: c.dtmf, Value: v})
	}
	return set
}

// renderEnumerate reads the choices: their text, or the content once per
// choice with _prompt and _dtmf set.
func (s *Session) renderEnumerate(n *doc.Node, scope *script.Scope, p *Prompt) error {
	for _, c := range s.choices() {
		if !n.HasContent() {
			addText(p, " "+c.prompt+" ")
			continue
		}
		anon := s.rt.NewScope("anonymous", scope)
		_ = s.rt.Declare(anon, "_prompt", s.rt.VM().ToValue(c.prompt))
		_ = s.rt.Declare(anon, "_dtmf", s.rt.VM().ToValue(strings.TrimSpace(c.dtmf)))
		if err := s.render(n.Children, anon, p); err != nil {
			return err
		}
	}
	return nil
}
