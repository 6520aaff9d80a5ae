package doc

import (
	"fmt"
	"sync"
)

// Document is a parsed and checked VoiceXML document.
type Document struct {
	Root        *Node
	Application string           // the application= attribute (unresolved)
	Dialogs     []*Node          // <form> and <menu> in document order
	byID        map[string]*Node // dialogs by id
	memo        sync.Map
}

// Dialog returns the dialog with the given id, or the first one for "".
func (d *Document) Dialog(id string) *Node {
	if id == "" {
		if len(d.Dialogs) == 0 {
			return nil
		}
		return d.Dialogs[0]
	}
	return d.byID[id]
}

// ParseVXML parses and checks a VoiceXML document.
func ParseVXML(data []byte, lim Limits) (*Document, error) {
	root, err := Parse(data, lim)
	if err != nil {
		return nil, err
	}
	if root.Name != "vxml" || (root.Space != NSVXML && root.Space != "") {
		return nil, fmt.Errorf("%w: root element is <%s>, want <vxml>", ErrInvalid, root.Name)
	}
	d := &Document{Root: root, Application: root.Get("application"), byID: map[string]*Node{}}
	for _, c := range root.Elements("form", "menu") {
		d.Dialogs = append(d.Dialogs, c)
		if id := c.Get("id"); id != "" {
			if d.byID[id] != nil {
				return nil, fmt.Errorf("%w: line %d: dialog id %q used twice", ErrInvalid, c.Line, id)
			}
			d.byID[id] = c
		}
	}
	if err := check(root); err != nil {
		return nil, err
	}
	return d, nil
}

// Memo returns what build made for key before, building it once per
// document: compiled inline grammars and the like, shared by the sessions
// that share the document.
func (d *Document) Memo(key any, build func() (any, error)) (any, error) {
	if v, ok := d.memo.Load(key); ok {
		m := v.(memoEntry)
		return m.v, m.err
	}
	v, err := build()
	d.memo.Store(key, memoEntry{v, err})
	return v, err
}

type memoEntry struct {
	v   any
	err error
}
