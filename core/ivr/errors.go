package ivr

import (
	"errors"
	"fmt"
)

// ErrStart is the class of every StartError.
var ErrStart = errors.New("ivr: the application did not start")

// StartError is an application that ended while loading its initial
// document; Status is the SIP final response RFC 5552 calls for (decision
// 0040): 404 when the document does not exist, 408 when it timed out, 500
// for any other fetch or document error.
type StartError struct {
	Status int
	Event  string // the VoiceXML event that ended it, e.g. error.badfetch.http.404
}

func (e *StartError) Error() string {
	return fmt.Sprintf("ivr: the initial document failed (%s)", e.Event)
}

// Unwrap makes a StartError an ErrStart.
func (e *StartError) Unwrap() error { return ErrStart }
