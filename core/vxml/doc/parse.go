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
	return p.root, nil
}

func (p *parser) start(b []byte) error {
	p.elements++
	if p.elements > p.lim.MaxElements {
		return fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if len(p.stack) >= p.lim.MaxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	se, err := startElement(b)
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
	n := &Node{Name: se.Name.Local, Line: p.line + 1}
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
	top := p.stack[len(p.stack)-1]
	n.Parent = top
	top.Children = append(top.Children, n)
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
	top.Children = append(top.Children, &Node{Text: string(b), Parent: top})
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

// attrs resolves attribute prefixes and drops namespace declarations.
func (p *parser) attrs(in []xml.Attr) ([]xml.Attr, error) {
	out := make([]xml.Attr, 0, len(in))
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

// startElement parses a start tag. gosax v1.1.4 indexes out of range on
// some malformed tags (`< "=">`): a tag must open with a name, and a panic
// that still escapes the tokenizer is a syntax error, not a crash.
func startElement(b []byte) (se xml.StartElement, err error) {
	if len(b) < 3 || !nameStart(b[1]) {
		return se, errBadTag
	}
	defer func() {
		if recover() != nil {
			se, err = xml.StartElement{}, errBadTag
		}
	}()
	return gosax.StartElement(b)
}

var errBadTag = errors.New("bad start tag")

func nameStart(c byte) bool {
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}
