package xmltree

import "errors"

var (
	// ErrTooLarge is returned for a document over the size, depth or element bound.
	ErrTooLarge = errors.New("xml: document too large")
	// ErrSyntax is returned for a document that is not well-formed XML.
	ErrSyntax = errors.New("xml: not well-formed")
)
