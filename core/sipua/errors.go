package sipua

import (
	"context"
	"errors"
	"fmt"
)

// Sentinels. Media and Leg implementations wrap the ones that map to a SIP
// status (see statusTable) with %w, or return a StatusError for any other
// code; every other error answers 500.
var (
	// ErrBadRequest: the request or its body (SDP) cannot be parsed → 400.
	ErrBadRequest = errors.New("sipua: bad request")
	// ErrNotOurs: the Request-URI names nothing this server serves → 404.
	ErrNotOurs = errors.New("sipua: request-uri not served here")
	// ErrNoCodec: no offered codec or media line is acceptable → 488.
	ErrNoCodec = errors.New("sipua: no acceptable media")
	// ErrUnavailable: at capacity or shutting down → 503.
	ErrUnavailable = errors.New("sipua: service unavailable")
	// ErrDialogGone: the dialog has ended or never existed → 481.
	ErrDialogGone = errors.New("sipua: no such dialog")

	// ErrConfig: Config.Validate failed.
	ErrConfig = errors.New("sipua: invalid config")
	// ErrServing: Serve was called twice.
	ErrServing = errors.New("sipua: already serving")
	// ErrRejected: the remote party answered our request with a failure;
	// it comes wrapped in a StatusError carrying the remote's status.
	ErrRejected = errors.New("sipua: request rejected by remote party")
	// ErrEarly: an in-dialog request was asked for before the 200 OK went out.
	ErrEarly = errors.New("sipua: dialog not yet established")
)

// StatusError carries an explicit SIP final status (300–699) for the
// response to the request that caused it.
type StatusError struct {
	Code   int
	Reason string // "" means the standard reason phrase
	Err    error
}

// Status returns a StatusError with the standard reason phrase of code.
func Status(code int, err error) *StatusError {
	return &StatusError{Code: code, Err: err}
}

func (e *StatusError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("sipua: %d %s", e.Code, e.reason())
	}
	return fmt.Sprintf("sipua: %d %s: %v", e.Code, e.reason(), e.Err)
}

func (e *StatusError) Unwrap() error { return e.Err }

func (e *StatusError) reason() string {
	if e.Reason != "" {
		return e.Reason
	}
	return reasonPhrase(e.Code)
}

// statusTable maps sentinels to SIP status codes: the one place where errors
// meet the wire. A StatusError inside the chain wins over this table.
var statusTable = []struct {
	err  error
	code int
}{
	{ErrBadRequest, 400},
	{ErrNotOurs, 404},
	{ErrDialogGone, 481},
	{context.Canceled, 487},
	{ErrNoCodec, 488},
	{ErrUnavailable, 503},
}

// statusOf returns the final response for err: code and reason phrase.
func statusOf(err error) (int, string) {
	var se *StatusError
	if errors.As(err, &se) && se.Code >= 300 && se.Code <= 699 {
		return se.Code, se.reason()
	}
	for _, row := range statusTable {
		if errors.Is(err, row.err) {
			return row.code, reasonPhrase(row.code)
		}
	}
	return 500, reasonPhrase(500)
}

// Internal conditions answered with a status of their own.
var (
	// errInviteOverlap: an INVITE arrived while an earlier one on the same
	// dialog had no final response yet → 491.
	errInviteOverlap = errors.New("sipua: INVITE overlaps a pending INVITE")
	// errCSeqOrder: an in-dialog request with a lower CSeq → 500 (§12.2.2).
	errCSeqOrder = errors.New("sipua: CSeq out of order")
)
