package doc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Limits bound what Parse accepts; the zero value means DefaultLimits.
type Limits struct {
	MaxBytes    int // document size
	MaxDepth    int // element nesting
	MaxElements int // elements in the document
}

// DefaultLimits are generous for hand-written and generated applications.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 128, MaxElements: 50000}

// Parse reads an XML document into a tree without checking it as VoiceXML;
// grammars and other XML use it too.
func Parse(data []byte, lim Limits) (*Node, error) {
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	if len(data) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	p := parser{dec: xml.NewDecoder(bytes.NewReader(data)), lim: lim}
	p.dec.Strict = true
	return p.run()
}

type parser struct {
	dec      *xml.Decoder
	lim      Limits
	root     *Node
	stack    []*Node
	elements int
}

func (p *parser) run() (*Node, error) {
	for {
		tok, err := p.dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		if err := p.token(tok); err != nil {
			return nil, err
		}
	}
	if p.root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrSyntax)
	}
	return p.root, nil
}

func (p *parser) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return p.start(t)
	case xml.EndElement:
		p.stack = p.stack[:len(p.stack)-1]
	case xml.CharData:
		if len(p.stack) > 0 {
			top := p.stack[len(p.stack)-1]
			top.Children = append(top.Children, &Node{Text: string(t), Parent: top})
		}
	}
	return nil
}

func (p *parser) start(t xml.StartElement) error {
	p.elements++
	if p.elements > p.lim.MaxElements {
		return fmt.Errorf("%w: more than %d elements", ErrTooLarge, p.lim.MaxElements)
	}
	if len(p.stack) >= p.lim.MaxDepth {
		return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
	}
	line, _ := p.dec.InputPos()
	n := &Node{Name: t.Name.Local, Space: t.Name.Space, Attrs: attrs(t.Attr), Line: line}
	if len(p.stack) == 0 {
		if p.root != nil {
			return fmt.Errorf("%w: second root element", ErrSyntax)
		}
		p.root = n
	} else {
		top := p.stack[len(p.stack)-1]
		n.Parent = top
		top.Children = append(top.Children, n)
	}
	p.stack = append(p.stack, n)
	return nil
}

// attrs drops namespace declarations, which the decoder has already applied.
func attrs(in []xml.Attr) []xml.Attr {
	out := make([]xml.Attr, 0, len(in))
	for _, a := range in {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		out = append(out, a)
	}
	return out
}
