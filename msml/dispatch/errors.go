package dispatch

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/reel-project/reel/msml"
)

// Sentinels a Controller wraps (with %w and the details) so the result gets
// the right code. The numbers are the MSML result codes.
var (
	// ErrUnknownTarget: no conference or connection with that id. [401]
	ErrUnknownTarget = errors.New("dispatch: unknown target")
	// ErrUnknownDialog: the object records, but under another dialog. [401]
	ErrUnknownDialog = errors.New("dispatch: unknown dialog")
	// ErrNotRecording: pause, resume or stop with no recording. [401]
	ErrNotRecording = errors.New("dispatch: not recording")
	// ErrRecording: a start while the conference already records. [402]
	ErrRecording = errors.New("dispatch: already recording")
	// ErrPaused: a pause while paused; answered 200 with a description.
	ErrPaused = errors.New("dispatch: already paused")
	// ErrNotPaused: a resume while recording; answered 200 with a description.
	ErrNotPaused = errors.New("dispatch: not paused")
	// ErrUnsupported: a record format or option Reel cannot honour. [420]
	ErrUnsupported = errors.New("dispatch: not supported")
	// ErrBadParam: a Genesys <param> whose value Reel must read is invalid. [400]
	ErrBadParam = errors.New("dispatch: bad param")
	// ErrNotRequest: a <result> or <event> sent as a request, or no
	// operation at all. [400]
	ErrNotRequest = errors.New("dispatch: not a request")
)

// MSML result codes (RFC 5707 §8) Reel answers with.
const (
	CodeOK           = 200
	CodeSyntax       = 400 // request syntax or value error
	CodeNoObject     = 401 // object does not exist
	CodeObjectExists = 402 // object already exists
	CodeUnsupported  = 420 // valid, but not supported by Reel
	CodeInternal     = 500 // the action failed inside Reel
)

// codes maps errors to result codes: the one place they meet.
var codes = []struct {
	err  error
	code int
}{
	{msml.ErrSyntax, CodeSyntax},
	{msml.ErrDTD, CodeSyntax},
	{msml.ErrTooLarge, CodeSyntax},
	{msml.ErrLimit, CodeSyntax},
	{msml.ErrUnknownElement, CodeSyntax},
	{msml.ErrAttribute, CodeSyntax},
	{ErrBadParam, CodeSyntax},
	{ErrNotRequest, CodeSyntax},
	{ErrUnknownTarget, CodeNoObject},
	{ErrUnknownDialog, CodeNoObject},
	{ErrNotRecording, CodeNoObject},
	{ErrRecording, CodeObjectExists},
	{msml.ErrUnsupported, CodeUnsupported},
	{ErrUnsupported, CodeUnsupported},
	{ErrPaused, CodeOK},
	{ErrNotPaused, CodeOK},
}

// Code returns the MSML result code for err: 200 for nil, 500 for an error
// outside the table.
func Code(err error) int {
	if err == nil {
		return CodeOK
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return CodeInternal
}

// describe is err's text for a <description>, without package prefixes.
func describe(err error) string {
	s := err.Error()
	for {
		p, rest, ok := strings.Cut(s, ": ")
		if !ok || !packages[p] {
			return clip(s, MaxDescription)
		}
		s = rest
	}
}

var packages = map[string]bool{"msml": true, "dispatch": true, "conference": true, "recording": true}

// MaxDescription bounds, in bytes, what a <description> says of one error
// and of all the notes of a result: it describes, it does not echo the
// request (a 1,500-character element name made a 400 too large for UDP).
const MaxDescription = 200

// clip cuts s to at most n bytes on a UTF-8 boundary, marking the cut "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…"
	n -= len(mark)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + mark
}
