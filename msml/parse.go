package msml

import (
	"fmt"
	"strings"
)

// Parse reads an MSML document. It never expands entities or reads DTDs,
// and it refuses anything beyond the limits in tree.go; errors wrap the
// sentinels in errors.go and name the line and element at fault.
func Parse(b []byte) (*Document, error) {
	root, err := tree(b)
	if err != nil {
		return nil, err
	}
	if !is(root, "msml") {
		return nil, fmt.Errorf("%w: root element <%s> on line %d, want <msml>", ErrUnknownElement, root.name, root.line)
	}
	doc := &Document{Version: root.attr("version")}
	if err := checkVersion(root, doc.Version); err != nil {
		return nil, err
	}
	if err := noText(root); err != nil {
		return nil, err
	}
	for _, n := range root.kids {
		op, err := parseOp(n)
		if err != nil {
			return nil, err
		}
		doc.Ops = append(doc.Ops, op)
	}
	return doc, nil
}

func checkVersion(root *node, v string) error {
	switch strings.TrimSpace(v) {
	case "", "1.0", "1.1":
		return nil
	}
	return fmt.Errorf("%w: <msml version=%.20q> on line %d: want 1.1", ErrAttribute, v, root.line)
}

// opParsers read the elements allowed directly inside <msml>.
var opParsers = map[string]func(*node) (Op, error){
	"createconference": parseCreateConference,
	"join":             parseJoin,
	"dialogstart":      parseDialogStart,
	"send":             parseSend,
	"dialogend":        parseDialogEnd,
	"result":           parseResult,
	"event":            parseEvent,
}

// unsupportedOps are RFC 5707 operations Reel does not implement.
var unsupportedOps = map[string]bool{
	"destroyconference": true, "modifyconference": true, "unjoin": true,
	"modifystream": true, "audit": true, "dialogprepare": true,
}

func parseOp(n *node) (Op, error) {
	name := strings.ToLower(n.name)
	if p := opParsers[name]; p != nil {
		return p(n)
	}
	if unsupportedOps[name] {
		return nil, fmt.Errorf("%w: operation <%s> on line %d", ErrUnsupported, n.name, n.line)
	}
	return nil, unknown(n, "msml")
}

func unknown(n *node, parent string) error {
	return fmt.Errorf("%w: <%s> on line %d inside <%s>", ErrUnknownElement, n.name, n.line, parent)
}

// is reports whether the element has the local name, in any case.
func is(n *node, name string) bool { return strings.EqualFold(n.name, name) }

// attr returns the trimmed value of the named attribute (any case, any
// namespace), or "".
func (n *node) attr(name string) string {
	v, _ := n.lookup(name)
	return v
}

func (n *node) lookup(name string) (string, bool) {
	for _, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// required returns the named attribute or an error naming it.
func (n *node) required(name string) (string, error) {
	v := n.attr(name)
	if v == "" {
		return "", fmt.Errorf("%w: <%s> on line %d has no %s=", ErrAttribute, n.name, n.line, name)
	}
	return v, nil
}

// target reads the named attribute as an identifier.
func (n *node) target(name string, needed bool) (Target, error) {
	v := n.attr(name)
	if v == "" && !needed {
		return Target{}, nil
	}
	if v == "" {
		return Target{}, fmt.Errorf("%w: <%s> on line %d has no %s=", ErrAttribute, n.name, n.line, name)
	}
	t, err := ParseTarget(v)
	if err != nil {
		return Target{}, fmt.Errorf("%w (<%s %s=> on line %d)", err, n.name, name, n.line)
	}
	return t, nil
}

// noText refuses non-blank text directly inside an element that has none.
func noText(n *node) error {
	if s := strings.TrimSpace(n.text.String()); s != "" {
		return fmt.Errorf("%w: text %.20q inside <%s> on line %d", ErrSyntax, s, n.name, n.line)
	}
	return nil
}

// leaf reads the text of an element that must have no children.
func leaf(n *node) (string, error) {
	if len(n.kids) > 0 {
		return "", unknown(n.kids[0], n.name)
	}
	return strings.TrimSpace(n.text.String()), nil
}
