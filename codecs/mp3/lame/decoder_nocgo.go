//go:build !cgo

package lame

import "time"

// Decoded is a whole decoded MP3 file (see the cgo build).
type Decoded struct {
	Rate      int
	Channels  int
	Left      []int16
	Right     []int16
	Truncated bool
}

// Decode always fails with ErrNoCGO in a build without cgo.
func Decode([]byte, time.Duration) (*Decoded, error) { return nil, ErrNoCGO }
