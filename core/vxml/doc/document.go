package doc

import "fmt"

// Document is a parsed and checked VoiceXML document.
type Document struct {
	Root        *Node
	Application string           // the application= attribute (unresolved)
	Dialogs     []*Node          // <form> and <menu> in document order
	byID        map[string]*Node // dialogs by id
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
