package sdk

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// permanentCode is the one table of the contract's error semantics: true
// means the host dead-letters the job, false (or absent) that it retries.
var permanentCode = map[codes.Code]bool{
	codes.InvalidArgument:    true, // ErrInvalid, *ConfigError: the request or config is wrong
	codes.NotFound:           true, // ErrNotFound (Stat answers it as exists=false instead)
	codes.AlreadyExists:      true, // ErrExists: a different object holds the key
	codes.PermissionDenied:   true, // the destination refuses us
	codes.Unauthenticated:    true, // bad credentials
	codes.FailedPrecondition: true, // default code of Permanent(err)
	codes.OutOfRange:         true,
	codes.Unimplemented:      true, // ErrUnimplemented (Delete is optional)
	codes.Canceled:           false,
	codes.Unknown:            false, // an unclassified error
	codes.DeadlineExceeded:   false,
	codes.ResourceExhausted:  false, // quota, full disk, rate limit
	codes.Aborted:            false,
	codes.Internal:           false,
	codes.Unavailable:        false, // default code of Retryable(err)
	codes.DataLoss:           false, // ErrMismatch: the bytes were damaged on the way; resend
}

// sentinelCode maps the SDK's sentinels to their codes, checked in order.
var sentinelCode = []struct {
	err  error
	code codes.Code
}{
	{ErrNotFound, codes.NotFound},
	{ErrExists, codes.AlreadyExists},
	{ErrMismatch, codes.DataLoss},
	{ErrInvalid, codes.InvalidArgument},
	{ErrUnimplemented, codes.Unimplemented},
	{context.Canceled, codes.Canceled},
	{context.DeadlineExceeded, codes.DeadlineExceeded},
}

// Code is the gRPC code err crosses the wire with. A mark (Permanent,
// Retryable) always wins: a code of the other class becomes
// FailedPrecondition or Unavailable. Unmarked errors keep the code of a
// sentinel, a *ConfigError or a gRPC status they wrap, else Unknown.
func Code(err error) codes.Code {
	if err == nil {
		return codes.OK
	}
	code, known := inferCode(err)
	var c *classified
	if !errors.As(err, &c) {
		return code
	}
	if c.permanent && (!known || !permanentCode[code]) {
		return codes.FailedPrecondition
	}
	if !c.permanent && (!known || permanentCode[code]) {
		return codes.Unavailable
	}
	return code
}

func inferCode(err error) (codes.Code, bool) {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return codes.InvalidArgument, true
	}
	for _, s := range sentinelCode {
		if errors.Is(err, s.err) {
			return s.code, true
		}
	}
	var st interface{ GRPCStatus() *status.Status }
	if errors.As(err, &st) {
		return st.GRPCStatus().Code(), true
	}
	return codes.Unknown, false
}

// toStatus turns a plugin's error into the status error its RPC returns.
func toStatus(err error) error {
	if err == nil {
		return nil
	}
	return status.Error(Code(err), err.Error())
}
