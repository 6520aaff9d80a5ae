package xmltree

import (
	"encoding/xml"
	"strings"
)

// NSXML is the namespace of the xml: prefix (xml:base, xml:lang).
const NSXML = "http://www.w3.org/XML/1998/namespace"

// Node is an element, or a text node when Name is empty. Nodes are never
// modified after Parse returns; sessions share them.
type Node struct {
	Name     string // local name; "" for text
	Space    string // namespace URI
	Attrs    []xml.Attr
	Children []*Node
	Text     string // character data of a text node
	Parent   *Node
	Line     int
}

// IsText reports whether n is a text node.
func (n *Node) IsText() bool { return n.Name == "" }

// Attr returns the value of the un-namespaced attribute name.
func (n *Node) Attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == n.Space) {
			return a.Value, true
		}
	}
	return "", false
}

// Get returns the attribute value, or "" when it is absent.
func (n *Node) Get(name string) string {
	v, _ := n.Attr(name)
	return v
}

// Has reports whether the attribute is present.
func (n *Node) Has(name string) bool {
	_, ok := n.Attr(name)
	return ok
}

// AttrNS returns the value of the attribute local in namespace space.
func (n *Node) AttrNS(space, local string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// Elements returns the child elements, optionally only those named names.
func (n *Node) Elements(names ...string) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.IsText() {
			continue
		}
		if len(names) == 0 || contains(names, c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// First returns the first child element named name, or nil.
func (n *Node) First(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TextContent returns the concatenated character data below n.
func (n *Node) TextContent() string {
	if n.IsText() {
		return n.Text
	}
	var b strings.Builder
	n.appendText(&b)
	return b.String()
}

func (n *Node) appendText(b *strings.Builder) {
	for _, c := range n.Children {
		if c.IsText() {
			b.WriteString(c.Text)
		} else {
			c.appendText(b)
		}
	}
}

// HasElementChildren reports whether n has any child element.
func (n *Node) HasElementChildren() bool {
	for _, c := range n.Children {
		if !c.IsText() {
			return true
		}
	}
	return false
}

// HasContent reports whether n has child elements or non-blank text.
func (n *Node) HasContent() bool {
	return n.HasElementChildren() || strings.TrimSpace(n.TextContent()) != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
