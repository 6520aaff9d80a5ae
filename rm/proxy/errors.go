package proxy

import (
	"errors"
	"fmt"
)

// Sentinels, wrapped with details. The numbers are the SIP status the
// proxy answers with (statusOf).
var (
	// ErrBadRequest: a header the proxy needs is missing or malformed. [400]
	ErrBadRequest = errors.New("proxy: bad request")
	// ErrNoRoute: an in-dialog request names no next hop the proxy knows. [404]
	ErrNoRoute = errors.New("proxy: no route for request")
	// ErrNotAllowed: an out-of-dialog request other than INVITE or OPTIONS. [405]
	ErrNotAllowed = errors.New("proxy: method not allowed outside a dialog")
	// ErrDialogGone: a request addressed to the proxy for a dialog it does not know. [481]
	ErrDialogGone = errors.New("proxy: no such dialog")
	// ErrTooManyHops: Max-Forwards reached zero (a loop). [483]
	ErrTooManyHops = errors.New("proxy: too many hops")
	// ErrNoMCP: no MCP of the group takes calls, or every attempt failed. [503]
	ErrNoMCP = errors.New("proxy: no MCP available")
	// ErrDraining: the proxy is shutting down and takes no new calls. [503]
	ErrDraining = errors.New("proxy: draining")
	// ErrUnreachable: the next hop of an in-dialog request did not answer. [408]
	ErrUnreachable = errors.New("proxy: next hop unreachable")
	// ErrVersion: not SIP/2.0. [505]
	ErrVersion = errors.New("proxy: SIP version not supported")

	// ErrConfig: New was given an invalid Config or Deps.
	ErrConfig = errors.New("proxy: invalid config")
)

// statusTable maps sentinels to SIP status codes: the one place where the
// proxy's errors meet the wire.
var statusTable = []struct {
	err    error
	code   int
	reason string
}{
	{ErrBadRequest, 400, "Bad Request"},
	{ErrNoRoute, 404, "Not Found"},
	{ErrNotAllowed, 405, "Method Not Allowed"},
	{ErrUnreachable, 408, "Request Timeout"},
	{ErrDialogGone, 481, "Call/Transaction Does Not Exist"},
	{ErrTooManyHops, 483, "Too Many Hops"},
	{ErrNoMCP, 503, "Service Unavailable"},
	{ErrDraining, 503, "Service Unavailable"},
	{ErrVersion, 505, "Version Not Supported"},
}

// statusOf returns the status and reason phrase for err (500 if unknown).
func statusOf(err error) (int, string) {
	for _, row := range statusTable {
		if errors.Is(err, row.err) {
			return row.code, row.reason
		}
	}
	return 500, "Server Internal Error"
}

func badRequest(what string) error { return fmt.Errorf("%w: %s", ErrBadRequest, what) }
