package sdk

import (
	"errors"
	"fmt"
)

// Sentinel errors. Each crosses the wire as the gRPC code in the table of
// codes.go, and the host's errors match them again with errors.Is.
var (
	// ErrNotFound: Stat found no object (NOT_FOUND).
	ErrNotFound = errors.New("object not found")
	// ErrExists: a different object is already stored under the key (ALREADY_EXISTS, permanent).
	ErrExists = errors.New("a different object exists under this key")
	// ErrMismatch: the content did not match the header's size or SHA-256 (DATA_LOSS, retried).
	ErrMismatch = errors.New("content does not match size or sha256")
	// ErrInvalid: a request no retry can fix, e.g. a bad name (INVALID_ARGUMENT, permanent).
	ErrInvalid = errors.New("invalid request")
	// ErrUnimplemented: the plugin does not offer this optional call (UNIMPLEMENTED).
	ErrUnimplemented = errors.New("not implemented by this plugin")
	// ErrNoKind: a plugin implements none of Storage, Metadata, Analytics, TTS.
	ErrNoKind = errors.New("plugin implements no kind")
)

// ConfigError is a configuration problem, named by its key (dotted for
// nested keys, "" for the block as a whole). It crosses the wire in the
// Configure response, and is permanent.
type ConfigError struct {
	Key string
	Err error
}

// ConfigErrorf returns a *ConfigError for key with a formatted message.
func ConfigErrorf(key, format string, args ...any) error {
	return &ConfigError{Key: key, Err: fmt.Errorf(format, args...)}
}

func (e *ConfigError) Error() string {
	if e.Key == "" {
		return "config: " + e.Err.Error()
	}
	return fmt.Sprintf("config key %q: %v", e.Key, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// Permanent marks err as one no retry can fix (bad credentials, a missing
// bucket, a rejected document): the host dead-letters the job. It returns
// nil for nil.
func Permanent(err error) error { return mark(err, true) }

// Retryable marks err as transient (a timeout, a 503, a full disk): the host
// retries with backoff. Unmarked errors are retried too; mark them to say so.
// It returns nil for nil.
func Retryable(err error) error { return mark(err, false) }

// IsPermanent reports whether the host should give up on err: it was marked
// Permanent, or it is (or carries a gRPC status with) a permanent code.
func IsPermanent(err error) bool { return err != nil && permanentCode[Code(err)] }

// IsRetryable reports whether the host should try err again: every non-nil
// error that is not permanent.
func IsRetryable(err error) bool { return err != nil && !IsPermanent(err) }

type classified struct {
	err       error
	permanent bool
}

func mark(err error, permanent bool) error {
	if err == nil {
		return nil
	}
	return &classified{err: err, permanent: permanent}
}

func (c *classified) Error() string { return c.err.Error() }
func (c *classified) Unwrap() error { return c.err }

// ConfigErrors lists every *ConfigError in err's tree (through %w and
// errors.Join), in order.
func ConfigErrors(err error) []*ConfigError {
	switch e := err.(type) {
	case nil:
		return nil
	case *ConfigError:
		return []*ConfigError{e}
	case interface{ Unwrap() []error }:
		var all []*ConfigError
		for _, inner := range e.Unwrap() {
			all = append(all, ConfigErrors(inner)...)
		}
		return all
	}
	return ConfigErrors(errors.Unwrap(err))
}
