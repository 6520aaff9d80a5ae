package grammar

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
)

// SRGS is a compiled SRGS 1.0 XML grammar.
type SRGS struct {
	Mode     string // "dtmf" or "voice"
	root     string
	rules    map[string]*node
	literals bool // tag-format semantics/1.0-literals
}

type nodeKind byte

const (
	nSeq nodeKind = iota
	nAlt
	nRepeat
	nToken
	nRef
	nTag
	nNull
	nVoid
)

type node struct {
	kind     nodeKind
	children []*node
	min, max int    // nRepeat
	text     string // nToken key, nTag script
	rule     string // nRef: local rule id
	ext      *SRGS  // nRef: external grammar (nil = this one)
}

// Resolver fetches and parses the grammar an external ruleref names.
type Resolver func(uri string) (*SRGS, error)

// maxRepeat bounds "n-" repeats.
const maxRepeat = 64

// ParseSRGS compiles a <grammar> element. External rulerefs are resolved
// with resolve (nil refuses them).
func ParseSRGS(g *doc.Node, resolve Resolver) (*SRGS, error) {
	s := &SRGS{Mode: g.Get("mode"), root: g.Get("root"), rules: map[string]*node{}}
	if s.Mode == "" {
		s.Mode = "voice"
	}
	s.literals = strings.HasPrefix(g.Get("tag-format"), "semantics/1.0-literals")
	c := compiler{g: s, resolve: resolve}
	rules := g.Elements("rule")
	if len(rules) == 0 {
		return nil, fmt.Errorf("%w: line %d: no rules", ErrGrammar, g.Line)
	}
	for _, r := range rules {
		id := r.Get("id")
		if id == "" || s.rules[id] != nil {
			return nil, fmt.Errorf("%w: line %d: rule id %q missing or repeated", ErrGrammar, r.Line, id)
		}
		s.rules[id] = &node{} // placeholder so refs can be checked
	}
	if s.root == "" {
		s.root = rules[0].Get("id")
	}
	if s.rules[s.root] == nil {
		return nil, fmt.Errorf("%w: root rule %q not defined", ErrGrammar, s.root)
	}
	for _, r := range rules {
		n, err := c.seq(r)
		if err != nil {
			return nil, err
		}
		*s.rules[r.Get("id")] = *n
	}
	return s, nil
}

type compiler struct {
	g       *SRGS
	resolve Resolver
}

// seq compiles the content of an element as a sequence.
func (c *compiler) seq(e *doc.Node) (*node, error) {
	n := &node{kind: nSeq}
	for _, ch := range e.Children {
		if ch.IsText() {
			n.children = append(n.children, tokens(ch.Text)...)
			continue
		}
		k, err := c.element(ch)
		if err != nil {
			return nil, err
		}
		if k != nil {
			n.children = append(n.children, k)
		}
	}
	return n, nil
}

func (c *compiler) element(e *doc.Node) (*node, error) {
	switch e.Name {
	case "item":
		return c.item(e)
	case "one-of":
		alt := &node{kind: nAlt}
		for _, it := range e.Elements("item") {
			k, err := c.item(it)
			if err != nil {
				return nil, err
			}
			alt.children = append(alt.children, k)
		}
		if len(alt.children) == 0 {
			return nil, fmt.Errorf("%w: line %d: empty one-of", ErrGrammar, e.Line)
		}
		return alt, nil
	case "ruleref":
		return c.ruleref(e)
	case "tag":
		return &node{kind: nTag, text: e.TextContent()}, nil
	case "token":
		return &node{kind: nSeq, children: tokens(e.TextContent())}, nil
	case "example", "meta", "metadata", "lexicon":
		return nil, nil
	}
	return nil, fmt.Errorf("%w: line %d: unexpected <%s>", ErrGrammar, e.Line, e.Name)
}

func (c *compiler) item(e *doc.Node) (*node, error) {
	body, err := c.seq(e)
	if err != nil {
		return nil, err
	}
	rep, ok := e.Attr("repeat")
	if !ok {
		return body, nil
	}
	lo, hi, err := parseRepeat(rep)
	if err != nil {
		return nil, fmt.Errorf("%w: line %d: %v", ErrGrammar, e.Line, err)
	}
	return &node{kind: nRepeat, min: lo, max: hi, children: []*node{body}}, nil
}

func parseRepeat(s string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(s, "-")
	if lo, err = strconv.Atoi(a); err != nil || lo < 0 || lo > maxRepeat {
		return 0, 0, fmt.Errorf("bad repeat %q", s)
	}
	if !isRange {
		return lo, lo, nil
	}
	if b == "" {
		return lo, maxRepeat, nil
	}
	if hi, err = strconv.Atoi(b); err != nil || hi < lo {
		return 0, 0, fmt.Errorf("bad repeat %q", s)
	}
	return lo, min(hi, maxRepeat), nil
}

func (c *compiler) ruleref(e *doc.Node) (*node, error) {
	switch e.Get("special") {
	case "NULL":
		return &node{kind: nNull}, nil
	case "VOID":
		return &node{kind: nVoid}, nil
	case "GARBAGE":
		return nil, fmt.Errorf("%w: line %d: GARBAGE is not supported in DTMF grammars", ErrGrammar, e.Line)
	}
	uri := e.Get("uri")
	if id, ok := strings.CutPrefix(uri, "#"); ok {
		if c.g.rules[id] == nil {
			return nil, fmt.Errorf("%w: line %d: ruleref to undefined rule %q", ErrGrammar, e.Line, id)
		}
		return &node{kind: nRef, rule: id}, nil
	}
	if uri == "" || c.resolve == nil {
		return nil, fmt.Errorf("%w: line %d: ruleref %q cannot be resolved", ErrGrammar, e.Line, uri)
	}
	base, frag, _ := strings.Cut(uri, "#")
	ext, err := c.resolve(base)
	if err != nil {
		return nil, err
	}
	if frag == "" {
		frag = ext.root
	}
	if ext.rules[frag] == nil {
		return nil, fmt.Errorf("%w: line %d: rule %q not in %s", ErrGrammar, e.Line, frag, base)
	}
	return &node{kind: nRef, rule: frag, ext: ext}, nil
}

// tokens splits DTMF text into keys: "1 2", "12" and "dtmf-1" all work.
func tokens(text string) []*node {
	var out []*node
	for _, f := range strings.Fields(text) {
		f = strings.TrimPrefix(f, "dtmf-")
		for _, k := range f {
			out = append(out, &node{kind: nToken, text: string(k)})
		}
	}
	return out
}
