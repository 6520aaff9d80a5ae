package grammar

import (
	"strings"

	"github.com/dop251/goja"
)

// Grammar matches a string of DTMF keys (0-9, *, #, A-D).
type Grammar interface {
	Match(input string) Match
}

// Match is the outcome of matching input against a grammar.
type Match struct {
	Complete bool // input is a sentence of the grammar
	More     bool // a longer input could still be a sentence
	value    func(vm *goja.Runtime) (goja.Value, error)
}

// Value computes the semantic interpretation of a complete match.
func (m Match) Value(vm *goja.Runtime) (goja.Value, error) {
	if !m.Complete || m.value == nil {
		return goja.Undefined(), nil
	}
	return m.value(vm)
}

// constant is a value that needs no script.
func constant(v any) func(*goja.Runtime) (goja.Value, error) {
	return func(vm *goja.Runtime) (goja.Value, error) { return vm.ToValue(v), nil }
}

// Literal is the grammar of an <option> or a menu <choice>: exactly one key
// sequence, interpreted as Value.
type Literal struct {
	Keys  string // e.g. "12" or "1 2"
	Value any
}

// Match implements Grammar.
func (l Literal) Match(input string) Match {
	keys := strings.Join(strings.Fields(l.Keys), "")
	return Match{
		Complete: input == keys,
		More:     len(input) < len(keys) && strings.HasPrefix(keys, input),
		value:    constant(l.Value),
	}
}

// Set matches against several grammars; the first complete one wins.
type Set []Grammar

// Match implements Grammar.
func (s Set) Match(input string) Match {
	m, _ := s.MatchFirst(input)
	return m
}

// MatchFirst is Match that also says which grammar of the set the input
// completes: the first complete one, or -1.
func (s Set) MatchFirst(input string) (Match, int) {
	var out Match
	which := -1
	for i, g := range s {
		m := g.Match(input)
		if m.Complete && which < 0 {
			out.Complete, out.value, which = true, m.value, i
		}
		out.More = out.More || m.More
	}
	return out, which
}
