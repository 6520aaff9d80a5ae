package pluginhost

import "errors"

// Sentinel errors.
var (
	// ErrNotFound: the plugin binary is neither in the plugin dir nor on $PATH.
	ErrNotFound = errors.New("plugin binary not found")
	// ErrSpec: a plugin entry is unusable (no name, bad checksum, unknown kind).
	ErrSpec = errors.New("bad plugin entry")
	// ErrDown: the plugin is being restarted; the call is retried later.
	ErrDown = errors.New("plugin is down")
	// ErrClosed: the host was closed.
	ErrClosed = errors.New("plugin host closed")
)
