package doc

import "errors"

var (
	// ErrTooLarge is returned for a document over the size, depth or element bound.
	ErrTooLarge = errors.New("vxml doc: document too large")
	// ErrSyntax is returned for a document that is not well-formed XML.
	ErrSyntax = errors.New("vxml doc: not well-formed")
	// ErrInvalid is returned for well-formed XML that is not valid VoiceXML.
	ErrInvalid = errors.New("vxml doc: invalid VoiceXML")
)
