package msml

import "errors"

// Sentinels, wrapped with the details (line, element, value); test with
// errors.Is. The numbers are the MSML result codes msml/dispatch answers.
var (
	// ErrSyntax: the body is not well-formed XML, has text or a second root
	// outside <msml>, or a processing instruction other than <?xml?>. [400]
	ErrSyntax = errors.New("msml: malformed XML")
	// ErrDTD: the body contains <!DOCTYPE or <!ENTITY (DTDs, entity
	// expansion and external entities are never processed). [400]
	ErrDTD = errors.New("msml: DTD or entity declaration not allowed")
	// ErrTooLarge: the body exceeds MaxBytes. [400]
	ErrTooLarge = errors.New("msml: document too large")
	// ErrLimit: too deep, too many elements, or a value too long. [400]
	ErrLimit = errors.New("msml: document exceeds a limit")
	// ErrUnknownElement: an element that is not part of MSML/MOML, or one in
	// the wrong place (a second <record>, <result> inside a request, …). [400]
	ErrUnknownElement = errors.New("msml: unknown element")
	// ErrAttribute: a required attribute is missing, or a value is invalid
	// (identifier, time, boolean, version, event name, response code). [400]
	ErrAttribute = errors.New("msml: bad attribute")
	// ErrUnsupported: valid MSML/MOML that Reel does not implement
	// (<destroyconference>, <play>, VoiceXML dialogs, …). [420]
	ErrUnsupported = errors.New("msml: not supported")
)
