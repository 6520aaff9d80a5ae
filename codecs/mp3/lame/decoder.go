//go:build cgo

package lame

// #include <stdlib.h>
// #include <lame/lame.h>
//
// static void reel_hip_quiet(const char *format, va_list ap) { (void)format; (void)ap; }
// static void reel_hip_silence(hip_t h) {
//	hip_set_errorf(h, reel_hip_quiet);
//	hip_set_debugf(h, reel_hip_quiet);
//	hip_set_msgf(h, reel_hip_quiet);
// }
import "C"

import (
	"fmt"
	"math"
	"time"
	"unsafe"
)

// frameMax is the most samples per channel one Layer III frame decodes to.
const frameMax = 1152

// idleCalls is how many empty answers in a row end decoding.
const idleCalls = 3

// Decoded is a whole decoded MP3 file.
type Decoded struct {
	Rate     int     // samples per second per channel, from the first frame
	Channels int     // 1 or 2
	Left     []int16 // the first channel
	Right    []int16 // the second channel; nil for mono
	// Truncated reports that decoding stopped at maxDuration with audio
	// left.
	Truncated bool
}

// Decode decodes a whole MP3 file (MPEG-1, 2 or 2.5 Layer III, with or
// without an ID3v2 tag) with LAME's decoder (hip), dropping the encoder
// delay and padding when a Xing/LAME tag states them. It stops once the
// audio exceeds maxDuration, returning what it has with Truncated set. Undecodable input fails with
// ErrLame; input with no audio frames returns no samples.
func Decode(b []byte, maxDuration time.Duration) (*Decoded, error) {
	h := C.hip_decode_init()
	if h == nil {
		return nil, fmt.Errorf("%w: hip_decode_init failed", ErrLame)
	}
	defer C.hip_decode_exit(h)
	C.reel_hip_silence(h)
	in := (*C.uchar)(C.malloc(C.size_t(max(len(b), 1))))
	defer C.free(unsafe.Pointer(in))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(in)), len(b)), b)
	out := (*[2][frameMax]C.short)(C.malloc(C.size_t(unsafe.Sizeof([2][frameMax]C.short{}))))
	defer C.free(unsafe.Pointer(out))
	d := &Decoded{}
	delay, padding := C.int(-1), C.int(-1)
	var info C.mp3data_struct
	// hip answers 0 both for "need more input" and for a frame that holds
	// no audio (the Xing/LAME tag frame), so all input goes in at once and
	// decoding ends after idleCalls empty answers in a row.
	feed := C.size_t(len(b))
	maxSamples := math.MaxInt
	for idle := 0; idle < idleCalls && len(d.Left) <= maxSamples; feed = 0 {
		n := C.hip_decode1_headersB(h, in, feed, &out[0][0], &out[1][0], &info, &delay, &padding)
		switch {
		case n < 0:
			return nil, fmt.Errorf("%w: hip_decode1 returned %d after %d samples", ErrLame, n, len(d.Left))
		case n == 0:
			idle++
			continue
		}
		idle = 0
		if d.Rate == 0 {
			d.Rate, d.Channels = int(info.samplerate), int(info.stereo)
			maxSamples = int(maxDuration.Seconds() * float64(d.Rate))
		}
		d.add(out, int(n))
	}
	d.Truncated = len(d.Left) > maxSamples
	d.trim(int(delay), int(padding))
	return d, nil
}

// add appends n decoded samples per channel.
func (d *Decoded) add(out *[2][frameMax]C.short, n int) {
	n = min(n, frameMax)
	for i := range n {
		d.Left = append(d.Left, int16(out[0][i]))
	}
	if d.Channels == 2 {
		for i := range n {
			d.Right = append(d.Right, int16(out[1][i]))
		}
	}
}

// trim drops the decoder delay (the encoder's delay plus the 529 samples of
// the decoder's filterbank) and the padding, when the tag stated them.
func (d *Decoded) trim(delay, padding int) {
	if delay < 0 || padding < 0 {
		return
	}
	lo, hi := min(delay+528+1, len(d.Left)), max(len(d.Left)-max(padding-528-1, 0), 0)
	if lo >= hi {
		return
	}
	d.Left = d.Left[lo:hi]
	if d.Right != nil {
		d.Right = d.Right[lo:hi]
	}
}
