//go:build !cgo

package lame

import (
	"io"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/mp3"
)

var _ codecs.FrameWriter = (*Encoder)(nil)

// Encoder is unusable in a build without cgo: MP3 needs libmp3lame.
type Encoder struct{}

// Available reports whether this binary can encode MP3. It is false here:
// configuration validation should call it and refuse MP3 outputs at start-up.
func Available() bool { return false }

// NewEncoder always fails with ErrNoCGO in a build without cgo.
func NewEncoder(w io.Writer, m mp3.Mode, opts ...Option) (*Encoder, error) {
	return nil, ErrNoCGO
}

// WritePCM returns ErrNoCGO.
func (*Encoder) WritePCM([]int16) error { return ErrNoCGO }

// Flush returns ErrNoCGO.
func (*Encoder) Flush() error { return ErrNoCGO }

// Close returns nil: there is nothing to release.
func (*Encoder) Close() error { return nil }
