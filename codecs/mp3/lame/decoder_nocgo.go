//go:build !cgo

package lame

// Decoded is a whole decoded MP3 file (see the cgo build).
type Decoded struct {
	Rate     int
	Channels int
	Left     []int16
	Right    []int16
}

// Decode always fails with ErrNoCGO in a build without cgo.
func Decode([]byte, int) (*Decoded, error) { return nil, ErrNoCGO }
