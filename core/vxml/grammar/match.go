package grammar

// MaxSteps bounds the backtracking search of one Match.
const MaxSteps = 100000

// maxRefDepth bounds nested rulerefs (recursive grammars).
const maxRefDepth = 64

type actKind byte

const (
	aEnter actKind = iota
	aExit
	aToken
	aTag
)

// act is one event of a parse, in a persistent list newest first.
type act struct {
	kind actKind
	text string // token key, tag script or rule name
	lit  bool   // tag of a semantics/1.0-literals grammar
	prev *act
}

func push(prev *act, k actKind, text string) *act { return &act{kind: k, text: text, prev: prev} }

type search struct {
	in       string
	steps    int
	complete *act
	found    bool
	more     bool
	aborted  bool
}

// Match implements Grammar.
func (g *SRGS) Match(input string) Match {
	s := &search{in: input}
	root := &node{kind: nRef, rule: g.root, ext: g}
	s.match(root, g, 0, nil, 0, func(pos int, acts *act) bool {
		if pos == len(s.in) && !s.found {
			s.found, s.complete = true, acts
		}
		return s.found && s.more
	})
	if s.aborted {
		return Match{}
	}
	m := Match{Complete: s.found, More: s.more}
	if s.found {
		parse := s.complete
		m.value = func(vm *vmRuntime) (vmValue, error) { return interpret(vm, parse) }
	}
	return m
}

type cont func(pos int, acts *act) bool

func (s *search) match(n *node, g *SRGS, pos int, acts *act, depth int, k cont) bool {
	s.steps++
	if s.steps > MaxSteps {
		s.aborted = true
		return true
	}
	switch n.kind {
	case nToken:
		if pos == len(s.in) {
			s.more = true
			return false
		}
		if s.in[pos] != n.text[0] {
			return false
		}
		return k(pos+1, push(acts, aToken, n.text))
	case nSeq:
		return s.seq(n.children, g, pos, acts, depth, k)
	case nAlt:
		for _, c := range n.children {
			if s.match(c, g, pos, acts, depth, k) {
				return true
			}
		}
		return false
	case nRepeat:
		return s.repeat(n, g, 0, pos, acts, depth, k)
	case nRef:
		return s.ref(n, g, pos, acts, depth, k)
	case nTag:
		t := push(acts, aTag, n.text)
		t.lit = g.literals
		return k(pos, t)
	case nNull:
		return k(pos, acts)
	}
	return false // nVoid
}

func (s *search) seq(list []*node, g *SRGS, pos int, acts *act, depth int, k cont) bool {
	if len(list) == 0 {
		return k(pos, acts)
	}
	return s.match(list[0], g, pos, acts, depth, func(p int, a *act) bool {
		return s.seq(list[1:], g, p, a, depth, k)
	})
}

// repeat tries one more iteration before stopping (greedy); an iteration
// past the minimum must consume input, so empty bodies cannot loop.
func (s *search) repeat(n *node, g *SRGS, count, pos int, acts *act, depth int, k cont) bool {
	if count < n.max {
		stop := s.match(n.children[0], g, pos, acts, depth, func(p int, a *act) bool {
			if p == pos && count >= n.min {
				return false
			}
			return s.repeat(n, g, count+1, p, a, depth, k)
		})
		if stop {
			return true
		}
	}
	if count >= n.min {
		return k(pos, acts)
	}
	return false
}

func (s *search) ref(n *node, g *SRGS, pos int, acts *act, depth int, k cont) bool {
	if depth >= maxRefDepth {
		return false
	}
	target := g
	if n.ext != nil {
		target = n.ext
	}
	body := target.rules[n.rule]
	return s.match(body, target, pos, push(acts, aEnter, n.rule), depth+1, func(p int, a *act) bool {
		return k(p, push(a, aExit, n.rule))
	})
}
