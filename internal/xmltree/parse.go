package xmltree

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/orisano/gosax"
)

// Limits bound what Parse accepts; the zero value means DefaultLimits.
type Limits struct {
	MaxBytes    int // document size
	MaxDepth    int // element nesting
	MaxElements int // elements in the document
	// NoProcInst refuses processing instructions other than the XML
	// declaration (MSML has no use for them); otherwise they are skipped.
	NoProcInst bool
}

// DefaultLimits are generous for hand-written and generated applications.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 128, MaxElements: 50000}

// parses counts Parse calls, for the "cached documents are not parsed
// again" guarantee; see Parses.
var parses atomic.Int64

// Parses returns how many documents this process has parsed.
func Parses() int64 { return parses.Load() }

// Parse reads a well-formed XML document into a tree (see the package
// comment); every error wraps ErrSyntax or ErrTooLarge.
func Parse(data []byte, lim Limits) (*Node, error) {
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	parses.Add(1)
	if len(data) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	data, err := decode(data)
	if err != nil {
		return nil, err
	}
	r := readers.Get().(*gosax.Reader)
	defer readers.Put(r)
	r.Reset(bytes.NewReader(data))
	// slab chunks grow with the document: a small MSML request should not
	// pay for chunks sized for a 20 KB VoiceXML document
	p := parser{r: r, lim: lim, chunk: min(max(len(data)/64, 8), 128)}
	p.buf.Grow(len(data)) // unescaping only shrinks: one buffer holds all values
	return p.run()
}

// readers are gosax readers with their buffers, reused across parses.
var readers = sync.Pool{New: func() any { return gosax.NewReaderSize(nil, 64<<10) }}

// parser builds the tree in one pass. The children of the open elements
// wait in pending; when an element ends they move to a slice of exactly
// their number, carved from kidSlab. Nodes, attribute lists and strings
// are carved from chunks too, so a parse makes a few dozen allocations.
type parser struct {
	r        *gosax.Reader
	lim      Limits
	root     *Node
	open     []frame   // the open elements, innermost last
	ns       []nsScope // namespace bindings in force
	pending  []*Node   // children of the open elements, not yet placed
	elements int
	line     int
	chunk    int        // nodes per slab chunk
	slab     []Node     // nodes
	attrSlab []xml.Attr // attribute lists
	kidSlab  []*Node    // children lists
	interned map[string]string
	recent   [64]string // a direct-mapped cache in front of interned
	// buf holds every attribute value and text run: each string is a
	// slice of buf.String(), which stays valid and unchanged as it grows.
	buf strings.Builder
}

// frame is an open element.
type frame struct {
	n       *Node
	raw     string // qualified name as written, for the end tag
	nsMark  int    // len(ns) when it started
	kidMark int    // len(pending) when it started
}

type nsScope struct {
	prefix, uri string
}

// node returns a zeroed node from the slab.
func (p *parser) node() *Node {
	if len(p.slab) == 0 {
		p.slab = make([]Node, p.chunk)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	return n
}

// children moves kids to a slice of their own, carved from the slab.
func (p *parser) children(kids []*Node) []*Node {
	if len(kids) == 0 {
		return nil
	}
	if len(p.kidSlab) < len(kids) {
		p.kidSlab = make([]*Node, max(2*p.chunk, len(kids)))
	}
	out := p.kidSlab[:len(kids):len(kids)]
	p.kidSlab = p.kidSlab[len(kids):]
	copy(out, kids)
	return out
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
		case gosax.EventProcessingInstruction:
			err = p.procInst(ev.Bytes)
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
	if len(p.open) > 0 {
		return nil, fmt.Errorf("%w: <%s> not closed", ErrSyntax, p.open[len(p.open)-1].raw)
	}
	return p.root, nil
}

// procInst applies Limits.NoProcInst: only a leading XML declaration.
func (p *parser) procInst(b []byte) error {
	target := bytes.TrimPrefix(b, []byte("<?"))
	if i := bytes.IndexAny(target, " \t\r\n?"); i >= 0 {
		target = target[:i]
	}
	if !p.lim.NoProcInst || (string(target) == "xml" && p.elements == 0 && p.line == 0) {
		return nil
	}
	return fmt.Errorf("%w: processing instruction <?%s?> on line %d", ErrSyntax, target, p.line+1)
}
