package doc

import (
	"errors"

	"github.com/reel-project/reel/internal/xmltree"
)

var (
	// ErrTooLarge is returned for a document over the size, depth or element bound.
	ErrTooLarge = xmltree.ErrTooLarge
	// ErrSyntax is returned for a document that is not well-formed XML.
	ErrSyntax = xmltree.ErrSyntax
	// ErrInvalid is returned for well-formed XML that is not valid VoiceXML.
	ErrInvalid = errors.New("vxml doc: invalid VoiceXML")
)
