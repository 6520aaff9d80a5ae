package msml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/reel-project/reel/internal/xmltree"
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

// tree parses b into its root element: internal/xmltree within the limits
// above, without processing instructions, then each element's text joined
// and every value bounded.
func tree(b []byte) (*node, error) {
	if err := checkRaw(b); err != nil {
		return nil, err
	}
	x, err := xmltree.Parse(b, xmltree.Limits{MaxBytes: MaxBytes, MaxDepth: maxDepth, MaxElements: maxElements, NoProcInst: true})
	switch {
	case errors.Is(err, xmltree.ErrTooLarge):
		return nil, fmt.Errorf("%w: %s", ErrLimit, reason(err, xmltree.ErrTooLarge))
	case err != nil:
		return nil, fmt.Errorf("%w: %s", ErrSyntax, reason(err, xmltree.ErrSyntax))
	}
	return fromTree(x)
}

// fromTree converts an element, refusing values longer than maxValue.
func fromTree(x *xmltree.Node) (*node, error) {
	n := &node{name: x.Name, line: x.Line, attrs: x.Attrs}
	for _, a := range x.Attrs {
		if len(a.Value) > maxValue {
			return nil, fmt.Errorf("%w: attribute %s of <%s> on line %d longer than %d bytes", ErrLimit, a.Name.Local, n.name, n.line, maxValue)
		}
	}
	for _, c := range x.Children {
		if !c.IsText() {
			k, err := fromTree(c)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
			continue
		}
		if n.text.Len()+len(c.Text) > maxValue {
			return nil, fmt.Errorf("%w: text of <%s> on line %d longer than %d bytes", ErrLimit, n.name, n.line, maxValue)
		}
		n.text.WriteString(c.Text)
	}
	return n, nil
}

// reason is err's text without its sentinel's: the part a reply names.
func reason(err, sentinel error) string {
	return strings.TrimPrefix(err.Error(), sentinel.Error()+": ")
}
