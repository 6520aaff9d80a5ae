package sdk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
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

// TTS turns prompt text into speech (text-to-speech).
type TTS interface {
	// Synthesize speaks req.Text in req.Voice and returns a complete audio
	// file (WAV or MP3, any rate; the host resamples it to 8 kHz). The host
	// caches the answer by (voice, text): the same request must give the
	// same speech. Bad text or an unknown voice is ErrInvalid.
	Synthesize(ctx context.Context, req Speech) (Audio, error)
}

// MaxSpeechText is the longest text a Speech may carry, in bytes.
const MaxSpeechText = 64 << 10

// Speech is one text to speak.
type Speech struct {
	Text  string // plain text, or an SSML <speak> document when SSML is set
	SSML  bool
	Voice string // a language tag or engine voice name; "" for the plugin's default
}

// Validate checks what the SDK checks on both sides of the wire.
func (s Speech) Validate() error {
	switch {
	case strings.TrimSpace(s.Text) == "":
		return fmt.Errorf("%w: no text to speak", ErrInvalid)
	case len(s.Text) > MaxSpeechText:
		return fmt.Errorf("%w: %d bytes of text, limit %d", ErrInvalid, len(s.Text), MaxSpeechText)
	case !utf8.ValidString(s.Text) || !utf8.ValidString(s.Voice):
		return fmt.Errorf("%w: text or voice is not UTF-8", ErrInvalid)
	}
	return nil
}

// Audio is synthesized speech: a complete audio file.
type Audio struct {
	Data        []byte
	ContentType string // e.g. "audio/wav"
}

// Kind is a plugin kind; a plugin has the kinds whose interface it implements.
type Kind string

// The plugin kinds.
const (
	KindStorage   Kind = "storage"
	KindMetadata  Kind = "metadata"
	KindAnalytics Kind = "analytics"
	KindTTS       Kind = "tts"
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
	if _, ok := p.(TTS); ok {
		kinds = append(kinds, KindTTS)
	}
	return kinds
}
