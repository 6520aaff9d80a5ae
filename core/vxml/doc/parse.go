package doc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/orisano/gosax"
)

// Limits bound what Parse accepts; the zero value means DefaultLimits.
type Limits struct {
	MaxBytes    int // document size
	MaxDepth    int // element nesting
	MaxElements int // elements in the document
}

// DefaultLimits are generous for hand-written and generated applications.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 128, MaxElements: 50000}

// parses counts Parse calls, for the "cached documents are not parsed
// again" guarantee; see Parses.
var parses atomic.Int64

// Parses returns how many documents this process has parsed.
func Parses() int64 { return parses.Load() }

// Parse reads an XML document into a tree without checking it as VoiceXML;
// grammars and other XML use it too. The tokenizer is gosax (encoding/xml
// is ten times slower, decision 0034); Parse adds what a tokenizer leaves
// out: matching end tags, one root, namespace resolution, no stray text.
func Parse(data []byte, lim Limits) (*Node, error) {
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	parses.Add(1)
	if len(data) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	p := parser{r: gosax.NewReaderSize(bytes.NewReader(data), max(len(data), 16)+16), lim: lim}
	return p.run()
}

type parser struct {
	r        *gosax.Reader
	lim      Limits
	root     *Node
	stack    []*Node
	names    []string  // raw qualified names of the open elements
	ns       []nsScope // namespace bindings in force
	marks    []int     // len(ns) when each open element started
	elements int
	line     int
	slab     []Node  // nodes are carved from chunks: one allocation per 64
	order    []*Node // every node but the root, in document order
	interned map[string]string
}

// node returns a zeroed node from the slab.
func (p *parser) node() *Node {
	if len(p.slab) == 0 {
		p.slab = make([]Node, 64)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	return n
}

type nsScope struct {
	prefix, uri string
}

func (p *parser) run() (*Node, error) {
	for {
		ev, err := p.r.Event()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		switch ev.Type() {
		case gosax.EventEOF:
			return p.finish()
		case gosax.EventStart:
			err = p.start(ev.Bytes)
		case gosax.EventEnd:
			err = p.end(ev.Bytes)
		case gosax.EventText:
			err = p.text(ev.Bytes, true)
		case gosax.EventCData:
			err = p.text(bytes.TrimSuffix(bytes.TrimPrefix(ev.Bytes, []byte("<![CDATA[")), []byte("]]>")), false)
		case gosax.EventDocType:
			if bytes.Contains(ev.Bytes, []byte("<!ENTITY")) {
				err = fmt.Errorf("%w: entity declarations are not accepted", ErrSyntax)
			}
		}
		p.line += bytes.Count(ev.Bytes, []byte{'\n'})
		if err != nil {
			return nil, err
		}
	}
}

func (p *parser) finish() (*Node, error) {
	if p.root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrSyntax)
	}
	if len(p.stack) > 0 {
		return nil, fmt.Errorf("%w: <%s> not closed", ErrSyntax, p.names[len(p.names)-1])
	}
	p.link()
	return p.root, nil
}

// link fills every node's Children from one backing array: count, carve,
// then append within capacity (parents precede their children).
func (p *parser) link() {
	for _, n := range p.order {
		n.Parent.kids++
	}
	all := make([]*Node, len(p.order))
	carve := func(n *Node) {
		n.Children, all = all[:0:n.kids], all[n.kids:]
	}
	carve(p.root)
	for _, n := range p.order {
		if !n.IsText() {
			carve(n)
		}
		n.Parent.Children = append(n.Parent.Children, n)
	}
}

func (p *parser) start(b []byte) error {
	p.elements++
	if p.elements > p.lim.MaxElements {
		return fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if len(p.stack) >= p.lim.MaxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	se, err := p.startElement(b)
	if err != nil || se.Name.Local == "" {
		return fmt.Errorf("%w: line %d: bad start tag", ErrSyntax, p.line+1)
	}
	mark := len(p.ns)
	for _, a := range se.Attr {
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
	p.stack = append(p.stack, n)
	p.names = append(p.names, qname(se.Name))
	p.marks = append(p.marks, mark)
	return nil
}

func (p *parser) attach(n *Node) error {
	if len(p.stack) == 0 {
		if p.root != nil {
			return fmt.Errorf("%w: second root element <%s>", ErrSyntax, n.Name)
		}
		p.root = n
		return nil
	}
	n.Parent = p.stack[len(p.stack)-1]
	p.order = append(p.order, n)
	return nil
}

func (p *parser) end(b []byte) error {
	name := gosax.EndElement(b).Name
	if len(p.stack) == 0 || qname(name) != p.names[len(p.names)-1] {
		return fmt.Errorf("%w: line %d: unexpected </%s>", ErrSyntax, p.line+1, qname(name))
	}
	p.stack = p.stack[:len(p.stack)-1]
	p.names = p.names[:len(p.names)-1]
	p.ns = p.ns[:p.marks[len(p.marks)-1]]
	p.marks = p.marks[:len(p.marks)-1]
	return nil
}

func (p *parser) text(b []byte, escaped bool) error {
	if escaped {
		var err error
		if b, err = gosax.Unescape(b); err != nil {
			return fmt.Errorf("%w: line %d: %v", ErrSyntax, p.line+1, err)
		}
	}
	if len(p.stack) == 0 {
		if len(bytes.TrimSpace(b)) > 0 {
			return fmt.Errorf("%w: text outside the root element", ErrSyntax)
		}
		return nil
	}
	top := p.stack[len(p.stack)-1]
	n := p.node()
	n.Text, n.Parent = string(b), top
	p.order = append(p.order, n)
	return nil
}

// lookup resolves a prefix against the bindings in force.
func (p *parser) lookup(prefix string) (string, error) {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace", nil
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
// place: the slice is the tokenizer's, fresh for each tag.
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
	return out, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// startElement parses a start tag with gosax's scanners; names are
// interned (a document repeats a few dozen names), values unescaped. An
// unterminated attribute value, which gosax's own StartElement would index
// out of range on, is a syntax error.
func (p *parser) startElement(b []byte) (se xml.StartElement, err error) {
	if len(b) < 3 || !nameStart(b[1]) {
		return se, errBadTag
	}
	name, rest := gosax.Name(b)
	se.Name = p.qualified(name)
	for len(rest) > 0 {
		var a gosax.Attribute
		if a, rest, err = gosax.NextAttribute(rest); err != nil {
			return se, errBadTag
		}
		if len(a.Key) == 0 {
			break
		}
		v := a.Value
		if len(v) < 2 || v[0] != v[len(v)-1] {
			return se, errBadTag
		}
		if v, err = gosax.Unescape(v[1 : len(v)-1]); err != nil {
			return se, errBadTag
		}
		se.Attr = append(se.Attr, xml.Attr{Name: p.qualified(a.Key), Value: string(v)})
	}
	return se, nil
}

// qualified splits prefix:local, interning both.
func (p *parser) qualified(b []byte) xml.Name {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return xml.Name{Space: p.intern(b[:i]), Local: p.intern(b[i+1:])}
	}
	return xml.Name{Local: p.intern(b)}
}

func (p *parser) intern(b []byte) string {
	if s, ok := p.interned[string(b)]; ok {
		return s
	}
	if p.interned == nil {
		p.interned = map[string]string{}
	}
	s := string(b)
	p.interned[s] = s
	return s
}

var errBadTag = errors.New("bad start tag")

func nameStart(c byte) bool {
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}
