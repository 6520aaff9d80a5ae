package vxml

import (
	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/grammar"
)

// activeLinks lists the <link>s in scope while an item collects input
// (item, form, document, application root) with their DTMF grammars.
func (s *Session) activeLinks(f *form) ([]*doc.Node, grammar.Set, error) {
	var links []*doc.Node
	var set grammar.Set
	for _, scope := range s.catchScopes() {
		for _, l := range scope.Elements("link") {
			var g grammar.Set
			if k := l.Get("dtmf"); k != "" {
				g = append(g, grammar.Literal{Keys: k, Value: k})
			}
			for _, gn := range l.Elements("grammar") {
				lg, err := s.grammarOf(gn, f.scope)
				if err != nil {
					return nil, nil, err
				}
				if lg != nil {
					g = append(g, lg)
				}
			}
			if len(g) > 0 {
				links = append(links, l)
				set = append(set, g)
			}
		}
	}
	return links, set, nil
}
