package spool

import "errors"

// Errors returned by this package, wrapped with the id, name or path that
// caused them; test with errors.Is.
var (
	// ErrBadJob: a submitted job is malformed (no files, a duplicate file
	// name, metadata destinations but no document, a document that is not JSON).
	ErrBadJob = errors.New("spool: malformed job")
	// ErrBadName: a recording id or file name is not a safe file name
	// (what recmeta.SafeName returns).
	ErrBadName = errors.New("spool: unsafe recording id or file name")
	// ErrConflict: a job with the same recording id is already spooled with
	// different files (same name, other size or SHA-256, or another set).
	ErrConflict = errors.New("spool: recording already spooled with other files")
	// ErrUnknownDestination: a job names a destination that is not configured.
	ErrUnknownDestination = errors.New("spool: unknown destination")
	// ErrNoDestinations: Open was given no destinations, or a job would go
	// nowhere; the spool refuses rather than delete recordings it cannot deliver.
	ErrNoDestinations = errors.New("spool: no destinations")
	// ErrDuplicateDestination: two destinations share a name.
	ErrDuplicateDestination = errors.New("spool: two destinations with one name")
	// ErrLocked: another process has the spool directory open.
	ErrLocked = errors.New("spool: directory in use by another process")
	// ErrClosed: the spool was used after Close.
	ErrClosed = errors.New("spool: closed")
	// ErrRunning: Run was called while it was already running.
	ErrRunning = errors.New("spool: already running")
	// ErrPlaintext: Export was asked for a job whose profile encrypts while
	// a file of it is not an envelope yet (Inspector.Plaintext allows it).
	ErrPlaintext = errors.New("spool: the job's profile encrypts and a file is still plaintext")
	// ErrNotFound: no job, dead letter or active recording has that id.
	ErrNotFound = errors.New("spool: no such job")
	// ErrBusy: the job is being delivered right now.
	ErrBusy = errors.New("spool: job is being delivered")
	// ErrCorrupt: a job record cannot be read; it was (or will be, at the
	// next Open) moved to the corrupt folder.
	ErrCorrupt = errors.New("spool: corrupt job record")
	// ErrLocalFile: a spooled file is missing or changed size, so it can
	// never be delivered as recorded (a permanent error).
	ErrLocalFile = errors.New("spool: local file missing or changed")
	// ErrHorizon: a job kept failing for longer than the retry horizon.
	ErrHorizon = errors.New("spool: retry horizon exceeded")
	// ErrNothingRecovered: an active recording left no file that could be
	// repaired; its remains are kept and the job is dead-lettered.
	ErrNothingRecovered = errors.New("spool: no recoverable audio in active recording")
	// ErrActiveNotEmpty: RemoveActive found files besides the active record.
	ErrActiveNotEmpty = errors.New("spool: active recording folder holds files")
)
