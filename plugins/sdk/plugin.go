package sdk

import (
	"context"
	"encoding/json"
	"io"
)

// Plugin is what every plugin implements, whatever its kinds. Serve calls
// Info at start, then Configure once, before any method of a kind.
// Implementations must be safe for concurrent use: the host may run several
// calls at once.
type Plugin interface {
	Info() Info
	Configurer
}

// Configurer takes the plugin's configuration block, a JSON object ("{}"
// when the operator gave none). Decode it with DecodeConfig and return a
// *ConfigError naming the key for any bad value.
type Configurer interface {
	Configure(config json.RawMessage) error
}

// Info names a plugin in logs and errors.
type Info struct {
	Name    string // e.g. "storage-webdav"
	Version string // the plugin's own version, e.g. "1.4.0"
}

// Storage keeps finished recording files. Every method is idempotent on the
// object's Key.
type Storage interface {
	// Put stores the object whose content r yields. r returns an error
	// instead of io.EOF when the bytes do not match obj.Size and obj.SHA256
	// (ErrMismatch) or the host aborted; Put must then return that error
	// (wrapped with %w) and leave nothing visible under the key. An object
	// already stored with the same size and SHA-256 is a success with the
	// same Location; a different one is ErrExists. r reads either the
	// host's stream or, for a spooled file, the host's file itself, whose
	// size the SDK checks but whose SHA-256 the spool checked already
	// (docs/decisions/0025-local-file-delivery.md).
	Put(ctx context.Context, obj Object, r io.Reader) (Location, error)
	// Stat describes a stored object, or returns ErrNotFound.
	Stat(ctx context.Context, key Key) (Stored, error)
	// Delete removes an object; a missing one is not an error. Plugins that
	// cannot delete return ErrUnimplemented.
	Delete(ctx context.Context, key Key) error
}

// Metadata publishes a recording's metadata document.
type Metadata interface {
	// Publish delivers doc; a second Publish with the same IdempotencyKey
	// must not create a second record downstream.
	Publish(ctx context.Context, doc Document) error
}

// Analytics hands a finished file to an analytics system.
type Analytics interface {
	// Deliver sends the object whose content r yields, with the same rules
	// for r as Storage.Put. The Location may be empty.
	Deliver(ctx context.Context, obj Object, r io.Reader) (Location, error)
}

// Kind is a plugin kind; a plugin has the kinds whose interface it implements.
type Kind string

// The plugin kinds.
const (
	KindStorage   Kind = "storage"
	KindMetadata  Kind = "metadata"
	KindAnalytics Kind = "analytics"
)

// kindsOf lists the kinds p implements, in a fixed order.
func kindsOf(p any) []Kind {
	var kinds []Kind
	if _, ok := p.(Storage); ok {
		kinds = append(kinds, KindStorage)
	}
	if _, ok := p.(Metadata); ok {
		kinds = append(kinds, KindMetadata)
	}
	if _, ok := p.(Analytics); ok {
		kinds = append(kinds, KindAnalytics)
	}
	return kinds
}
