package xmltree

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/orisano/gosax"
)

func (p *parser) start(b []byte) error {
	p.elements++
	if p.elements > p.lim.MaxElements {
		return fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if len(p.open) >= p.lim.MaxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	se, err := p.startElement(b)
	if err == nil && se.Name.Local == "" {
		err = errBadName
	}
	if err != nil {
		return fmt.Errorf("%w: line %d: bad start tag: %v", ErrSyntax, p.line+1, err)
	}
	mark := len(p.ns)
	if err := p.declare(se.Attr); err != nil {
		return err
	}
	n := p.node()
	n.Name, n.Line = se.Name.Local, p.line+1
	if n.Space, err = p.lookup(se.Name.Space); err != nil {
		return err
	}
	if n.Attrs, err = p.attrs(se.Attr); err != nil {
		return err
	}
	if err := p.attach(n); err != nil {
		return err
	}
	if bytes.HasSuffix(b, []byte("/>")) {
		p.ns = p.ns[:mark] // self-closing: no end event follows
		return nil
	}
	p.open = append(p.open, frame{n: n, raw: se.raw, nsMark: mark, kidMark: len(p.pending)})
	return nil
}

// declare adds the tag's namespace declarations to the bindings in force.
func (p *parser) declare(attrs []xml.Attr) error {
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			if a.Name.Local == "" {
				return fmt.Errorf("%w: line %d: empty namespace prefix", ErrSyntax, p.line+1)
			}
			p.ns = append(p.ns, nsScope{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			p.ns = append(p.ns, nsScope{"", a.Value})
		}
	}
	return nil
}

func (p *parser) attach(n *Node) error {
	if len(p.open) == 0 {
		if p.root != nil {
			return fmt.Errorf("%w: second root element <%s>", ErrSyntax, n.Name)
		}
		p.root = n
		return nil
	}
	n.Parent = p.open[len(p.open)-1].n
	p.pending = append(p.pending, n)
	return nil
}

func (p *parser) end(b []byte) error {
	name := endName(b)
	if len(p.open) == 0 {
		return fmt.Errorf("%w: line %d: </%s> closes nothing", ErrSyntax, p.line+1, name)
	}
	if string(name) != p.open[len(p.open)-1].raw {
		return fmt.Errorf("%w: line %d: <%s> closed by </%s>", ErrSyntax, p.line+1, p.open[len(p.open)-1].raw, name)
	}
	f := p.open[len(p.open)-1]
	p.open = p.open[:len(p.open)-1]
	f.n.Children = p.children(p.pending[f.kidMark:])
	p.pending = p.pending[:f.kidMark]
	p.ns = p.ns[:f.nsMark]
	return nil
}

func (p *parser) text(b []byte, escaped bool) error {
	if escaped {
		var err error
		if b, err = gosax.Unescape(b); err != nil {
			return fmt.Errorf("%w: line %d: %v", ErrSyntax, p.line+1, err)
		}
	}
	if len(p.open) == 0 {
		if len(bytes.TrimSpace(b)) > 0 {
			return fmt.Errorf("%w: text outside the root element", ErrSyntax)
		}
		return nil
	}
	n := p.node()
	n.Text, n.Parent = p.str(b), p.open[len(p.open)-1].n
	p.pending = append(p.pending, n)
	return nil
}

// lookup resolves a prefix against the bindings in force.
func (p *parser) lookup(prefix string) (string, error) {
	if prefix == "xml" {
		return NSXML, nil
	}
	for i := len(p.ns) - 1; i >= 0; i-- {
		if p.ns[i].prefix == prefix {
			return p.ns[i].uri, nil
		}
	}
	if prefix == "" {
		return "", nil
	}
	return "", fmt.Errorf("%w: line %d: namespace prefix %q is not declared", ErrSyntax, p.line+1, prefix)
}

// attrs resolves attribute prefixes and drops namespace declarations, in
// place, and keeps the result.
func (p *parser) attrs(in []xml.Attr) ([]xml.Attr, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := in[:0]
	for _, a := range in {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if a.Name.Space != "" {
			uri, err := p.lookup(a.Name.Space)
			if err != nil {
				return nil, err
			}
			a.Name.Space = uri
		}
		out = append(out, a)
	}
	return p.keep(out), nil
}
