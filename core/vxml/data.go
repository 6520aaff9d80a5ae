package vxml

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// execData is VoiceXML 2.1 <data>: fetch XML and expose it as a read-only
// DOM subset (documentElement, nodeName, nodeType, nodeValue, childNodes,
// firstChild, lastChild, parentNode, getAttribute, getElementsByTagName,
// textContent) in the variable name.
func execData(s *Session, n *doc.Node, scope *script.Scope) error {
	ref := n.Get("src")
	if e, ok := n.Attr("srcexpr"); ok {
		var err error
		if ref, err = s.evalString(scope, e); err != nil {
			return err
		}
	}
	u, err := s.resolve(ref)
	if err != nil {
		return err
	}
	vals, _ := s.namelistValues(scope, strings.Fields(n.Get("namelist")))
	resp, err := s.fetch(fetch.Request{URL: u, Method: n.Get("method"), Values: vals}, n, "data")
	if err != nil {
		return asEvent(err)
	}
	root, err := doc.Parse(resp.Body, s.cfg.Limits.Doc)
	if err != nil {
		return throw("error.badfetch", "%s: %v", u, err)
	}
	if name := n.Get("name"); name != "" {
		d := s.rt.VM().NewObject()
		_ = d.Set("nodeName", "#document")
		_ = d.Set("nodeType", 9)
		_ = d.Set("documentElement", domNode(s.rt.VM(), root, d))
		return asNil(s.rt.Declare(scope, name, d))
	}
	return nil
}

// dom builds the DOM objects of a parsed XML tree.
type dom struct {
	vm    *goja.Runtime
	nodes map[*doc.Node]*goja.Object
}

func domNode(vm *goja.Runtime, n *doc.Node, parent *goja.Object) *goja.Object {
	d := &dom{vm: vm, nodes: map[*doc.Node]*goja.Object{}}
	return d.node(n, parent)
}

func (d *dom) node(n *doc.Node, parent *goja.Object) *goja.Object {
	o := d.vm.NewObject()
	d.nodes[n] = o
	_ = o.Set("parentNode", parent)
	if n.IsText() {
		_ = o.Set("nodeName", "#text")
		_ = o.Set("nodeType", 3)
		_ = o.Set("nodeValue", n.Text)
		_ = o.Set("data", n.Text)
		return o
	}
	_ = o.Set("nodeName", n.Name)
	_ = o.Set("tagName", n.Name)
	_ = o.Set("nodeType", 1)
	_ = o.Set("nodeValue", goja.Null())
	_ = o.Set("textContent", n.TextContent())
	kids := make([]any, 0, len(n.Children))
	for _, c := range n.Children {
		kids = append(kids, d.node(c, o))
	}
	_ = o.Set("childNodes", d.vm.NewArray(kids...))
	if len(kids) > 0 {
		_ = o.Set("firstChild", kids[0])
		_ = o.Set("lastChild", kids[len(kids)-1])
	}
	_ = o.Set("getAttribute", func(name string) string { return n.Get(name) })
	_ = o.Set("hasAttribute", func(name string) bool { return n.Has(name) })
	_ = o.Set("getElementsByTagName", func(name string) *goja.Object { return d.byTag(n, name) })
	return o
}

func (d *dom) byTag(n *doc.Node, name string) *goja.Object {
	var out []any
	var walk func(*doc.Node)
	walk = func(p *doc.Node) {
		for _, c := range p.Elements() {
			if name == "*" || c.Name == name {
				out = append(out, d.nodes[c])
			}
			walk(c)
		}
	}
	walk(n)
	return d.vm.NewArray(out...)
}
