package vxml

import (
	"net/url"
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/grammar"
	"github.com/reel-project/reel/core/vxml/script"
)

// maxGrammarRefs bounds the chain of external rulerefs one grammar pulls in.
const maxGrammarRefs = 16

// itemGrammar builds the DTMF grammars of a field: its builtin type, its
// <grammar> elements (srcexpr evaluated on every visit) and its <option>s.
// dtmf is false when none of them accepts DTMF.
func (s *Session) itemGrammar(f *form, it *item) (grammar.Grammar, bool, error) {
	var set grammar.Set
	if t := it.node.Get("type"); t != "" {
		g, err := grammar.Builtin(t)
		if err != nil {
			return nil, false, throw("error.unsupported.builtin", "%v", err)
		}
		set = append(set, g)
	}
	for _, gn := range it.node.Elements("grammar") {
		g, err := s.grammarOf(gn, f.scope)
		if err != nil {
			return nil, false, err
		}
		if g != nil {
			set = append(set, g)
		}
	}
	set = append(set, choiceGrammars(s.choices(), false)...)
	return set, len(set) > 0, nil
}

// grammarOf compiles one <grammar>; nil for a voice grammar.
func (s *Session) grammarOf(gn *doc.Node, scope *script.Scope) (grammar.Grammar, error) {
	ref := gn.Get("src")
	if e, ok := gn.Attr("srcexpr"); ok {
		var err error
		if ref, err = s.evalString(scope, e); err != nil {
			return nil, err
		}
	}
	if ref == "" {
		return s.inlineGrammar(gn)
	}
	if strings.HasPrefix(ref, "builtin:") {
		if !strings.HasPrefix(ref, "builtin:dtmf/") {
			return nil, nil
		}
		g, err := grammar.Builtin(ref)
		if err != nil {
			return nil, throw("error.unsupported.builtin", "%v", err)
		}
		return g, nil
	}
	u, err := s.resolve(ref)
	if err != nil {
		return nil, err
	}
	g, err := s.externalGrammar(u, gn, 0)
	if err != nil {
		return nil, err
	}
	if g.Mode != "dtmf" {
		return nil, nil
	}
	return g, nil
}

func (s *Session) inlineGrammar(gn *doc.Node) (grammar.Grammar, error) {
	if gn.First("rule") == nil {
		return nil, throw("error.unsupported.format", "only SRGS XML grammars are supported")
	}
	base := s.cur.doc.url
	v, err := s.cur.doc.d.Memo(gn, func() (any, error) {
		return grammar.ParseSRGS(gn, s.resolver(base, 0))
	})
	if err != nil {
		return nil, throw("error.badfetch.grammar", "%v", err)
	}
	g := v.(*grammar.SRGS)
	if g.Mode != "dtmf" {
		return nil, nil
	}
	return g, nil
}

// externalGrammar fetches and compiles an SRGS document; the compiled
// grammar is memoised on the cache entry.
func (s *Session) externalGrammar(u *url.URL, n *doc.Node, depth int) (*grammar.SRGS, error) {
	if depth > maxGrammarRefs {
		return nil, throw("error.badfetch.grammar", "rulerefs nested deeper than %d", maxGrammarRefs)
	}
	resp, err := s.fetch(fetch.Request{URL: u}, n, "grammar")
	if err != nil {
		return nil, asEvent(err)
	}
	v, err := resp.Memo("srgs", func() (any, error) {
		root, err := doc.Parse(resp.Body, s.cfg.Limits.Doc)
		if err != nil {
			return nil, err
		}
		if root.Name != "grammar" {
			return nil, grammar.ErrGrammar
		}
		return grammar.ParseSRGS(root, s.resolver(resp.URL, depth+1))
	})
	if err != nil {
		return nil, throw("error.badfetch.grammar", "%s: %v", u, err)
	}
	return v.(*grammar.SRGS), nil
}

func (s *Session) resolver(base *url.URL, depth int) grammar.Resolver {
	return func(ref string) (*grammar.SRGS, error) {
		r, err := url.Parse(ref)
		if err != nil {
			return nil, err
		}
		return s.externalGrammar(base.ResolveReference(r), nil, depth)
	}
}
