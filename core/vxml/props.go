package vxml

import (
	"time"

	"github.com/reel-project/reel/core/vxml/doc"
)

// prop looks a <property> up from the current item out to the
// application root, else def.
func (s *Session) prop(name, def string) string {
	for _, n := range s.propScopes() {
		for _, p := range n.Children {
			if p.Name == "property" && p.Get("name") == name {
				return p.Get("value")
			}
		}
	}
	return def
}

// propDuration reads a time property; def when absent or malformed.
func (s *Session) propDuration(name, def string) time.Duration {
	if d, ok := parseTime(s.prop(name, def)); ok {
		return d
	}
	d, _ := parseTime(def)
	return d
}

func (s *Session) propScopes() []*doc.Node {
	if s.cur == nil || s.cur.doc == nil {
		return nil
	}
	return s.catchScopes()
}
