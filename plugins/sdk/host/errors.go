package host

import (
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/reel-project/reel/plugins/sdk"
)

// Sentinel errors of the host side.
var (
	// ErrKind: the plugin does not implement the kind asked for.
	ErrKind = errors.New("plugin does not implement this kind")
	// ErrProtocol: the plugin speaks another contract version, or no plugin at all.
	ErrProtocol = errors.New("plugin protocol mismatch")
	// ErrClosed: the client was closed.
	ErrClosed = errors.New("plugin client closed")
)

// Error is a failed call to a plugin. Its gRPC code decides the class
// (sdk.IsPermanent); errors.Is matches the sdk sentinel of the code and the
// caller's context error when the context ended.
type Error struct {
	Plugin string     // the plugin's name
	Op     string     // e.g. "storage.Put"
	Code   codes.Code // the status code the plugin (or gRPC) answered
	Msg    string     // the status message
	ctxErr error      // context.Canceled or DeadlineExceeded, if the caller's context ended
}

func (e *Error) Error() string {
	return fmt.Sprintf("plugin %q: %s: %s: %s", e.Plugin, e.Op, e.Code, e.Msg)
}

// GRPCStatus lets status.Code and sdk.Code read the code.
func (e *Error) GRPCStatus() *status.Status { return status.New(e.Code, e.Msg) }

// Unwrap returns the sdk sentinel of the code and the context error.
func (e *Error) Unwrap() []error {
	var errs []error
	if s := codeSentinel[e.Code]; s != nil {
		errs = append(errs, s)
	}
	if e.ctxErr != nil {
		errs = append(errs, e.ctxErr)
	}
	return errs
}

var codeSentinel = map[codes.Code]error{
	codes.NotFound:        sdk.ErrNotFound,
	codes.AlreadyExists:   sdk.ErrExists,
	codes.DataLoss:        sdk.ErrMismatch,
	codes.InvalidArgument: sdk.ErrInvalid,
	codes.Unimplemented:   sdk.ErrUnimplemented,
}
