//go:build cgo

package lame

import (
	"bytes"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

// encode feeds pcm to a new Encoder in frames of frameMs milliseconds and
// returns the whole MP3 stream after Close.
func encode(t testing.TB, m mp3.Mode, pcm []int16, frameMs int, opts ...Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	e, err := NewEncoder(&buf, m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	writeFrames(t, e, pcm, frameMs*8*m.Channels())
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFrames(t testing.TB, e *Encoder, pcm []int16, frame int) {
	t.Helper()
	for len(pcm) > 0 {
		n := min(frame, len(pcm))
		if err := e.WritePCM(pcm[:n]); err != nil {
			t.Fatal(err)
		}
		pcm = pcm[n:]
	}
}

// quality measures decoded-vs-input correlation and SNR per channel.
func quality(t testing.TB, m mp3.Mode, in, dec []int16) (corr, snrDB []float64) {
	t.Helper()
	ch := m.Channels()
	for c := range ch {
		ref, out := channel(in, ch, c), channel(dec, ch, c)
		a, b := aligned(ref, out, findLag(ref, out, 3000))
		corr = append(corr, correlation(a, b))
		snrDB = append(snrDB, snr(a, b))
	}
	return corr, snrDB
}
