package msml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits on what the network may send.
const (
	// MaxBytes is the largest document Parse reads.
	MaxBytes = 64 << 10
	// maxDepth bounds element nesting (a real request is 3 deep).
	maxDepth = 16
	// maxElements bounds the elements of one document.
	maxElements = 512
	// maxValue bounds one attribute value or one element's text.
	maxValue = 4096
)

// node is one element of the bounded tree Parse builds before reading
// operations: local names only, xmlns declarations dropped.
type node struct {
	name  string
	line  int
	attrs []xml.Attr
	kids  []*node
	text  strings.Builder
}

// refused are the markup declarations rejected before any XML parsing.
var refused = [][]byte{[]byte("<!doctype"), []byte("<!entity")}

// checkRaw applies the limits that need no parsing.
func checkRaw(b []byte) error {
	if len(b) > MaxBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(b), MaxBytes)
	}
	for _, r := range refused {
		if i := indexFold(b, r); i >= 0 {
			return fmt.Errorf("%w: %s… at byte %d", ErrDTD, b[i:i+len(r)], i)
		}
	}
	return nil
}

// indexFold finds the ASCII lower-case pattern p in b in any case.
func indexFold(b, p []byte) int {
	for i := bytes.IndexByte(b, '<'); i >= 0 && i+len(p) <= len(b); {
		if bytes.EqualFold(b[i:i+len(p)], p) {
			return i
		}
		j := bytes.IndexByte(b[i+1:], '<')
		if j < 0 {
			return -1
		}
		i += 1 + j
	}
	return -1
}

// tree parses b into its root element.
func tree(b []byte) (*node, error) {
	if err := checkRaw(b); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.CharsetReader = charsetReader
	t := &builder{d: d}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return t.done()
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		if err := t.add(tok); err != nil {
			return nil, err
		}
	}
}

// builder turns tokens into a tree within the limits.
type builder struct {
	d     *xml.Decoder
	root  *node
	stack []*node
	count int
}

func (t *builder) add(tok xml.Token) error {
	switch tok := tok.(type) {
	case xml.StartElement:
		return t.start(tok)
	case xml.EndElement:
		t.stack = t.stack[:len(t.stack)-1]
	case xml.CharData:
		return t.chars(tok)
	case xml.Directive:
		return fmt.Errorf("%w: <!%.20s…> on line %d", ErrDTD, tok, t.line())
	case xml.ProcInst:
		if tok.Target != "xml" || t.count > 0 {
			return fmt.Errorf("%w: processing instruction <?%.20s?> on line %d", ErrSyntax, tok.Target, t.line())
		}
	}
	return nil
}

func (t *builder) start(se xml.StartElement) error {
	line := t.line()
	if t.root != nil && len(t.stack) == 0 {
		return fmt.Errorf("%w: second root element <%s> on line %d", ErrSyntax, se.Name.Local, line)
	}
	if t.count++; t.count > maxElements {
		return fmt.Errorf("%w: more than %d elements", ErrLimit, maxElements)
	}
	if len(t.stack) >= maxDepth {
		return fmt.Errorf("%w: <%s> on line %d nested deeper than %d", ErrLimit, se.Name.Local, line, maxDepth)
	}
	n := &node{name: se.Name.Local, line: line}
	for _, a := range se.Attr {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			continue
		}
		if len(a.Value) > maxValue {
			return fmt.Errorf("%w: attribute %s of <%s> on line %d longer than %d bytes", ErrLimit, a.Name.Local, n.name, line, maxValue)
		}
		n.attrs = append(n.attrs, a)
	}
	if len(t.stack) == 0 {
		t.root = n
	} else {
		top := t.stack[len(t.stack)-1]
		top.kids = append(top.kids, n)
	}
	t.stack = append(t.stack, n)
	return nil
}

func (t *builder) chars(cd xml.CharData) error {
	if len(t.stack) == 0 {
		if len(bytes.TrimSpace(cd)) > 0 {
			return fmt.Errorf("%w: text %.20q outside the root element on line %d", ErrSyntax, cd, t.line())
		}
		return nil
	}
	top := t.stack[len(t.stack)-1]
	if top.text.Len()+len(cd) > maxValue {
		return fmt.Errorf("%w: text of <%s> on line %d longer than %d bytes", ErrLimit, top.name, top.line, maxValue)
	}
	top.text.Write(cd)
	return nil
}

func (t *builder) done() (*node, error) {
	if t.root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrSyntax)
	}
	return t.root, nil
}

func (t *builder) line() int {
	line, _ := t.d.InputPos()
	return line
}

// charsetReader accepts the encodings an XML declaration may name besides
// UTF-8: US-ASCII (a subset) and ISO-8859-1 (converted).
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch lower(label) {
	case "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		return latin1{r: r}, nil
	}
	return nil, fmt.Errorf("encoding %q not supported (use UTF-8)", label)
}

// latin1 converts ISO-8859-1 bytes to UTF-8.
type latin1 struct{ r io.Reader }

func (l latin1) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	in := make([]byte, len(p)/2)
	n, err := l.r.Read(in)
	out := p[:0]
	for _, c := range in[:n] {
		out = utf8.AppendRune(out, rune(c))
	}
	return len(out), err
}
