//go:build cgo

package lame

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

func TestEncoderOutputIgnoresBlockSize(t *testing.T) {
	for _, m := range []mp3.Mode{mp3.Mono8, mp3.Stereo16} {
		t.Run(m.String()+" in one 20 s block equals 20 ms frames", func(t *testing.T) {
			in := testInput(t, m, 20)
			whole := encode(t, m, in, 20000) // > maxChunk: exercises splitting
			if framed := encode(t, m, in, 20); !bytes.Equal(whole, framed) {
				t.Fatalf("one block gave %d bytes, 20 ms frames %d bytes, differing", len(whole), len(framed))
			}
		})
	}
}

func TestEncoderRejectsBadInput(t *testing.T) {
	t.Run("odd sample count in stereo", func(t *testing.T) {
		e := newTestEncoder(t, mp3.Stereo16, &bytes.Buffer{})
		if err := e.WritePCM(make([]int16, 321)); !errors.Is(err, ErrSampleCount) {
			t.Fatalf("error = %v, want ErrSampleCount", err)
		}
		if err := e.WritePCM(make([]int16, 320)); err != nil {
			t.Fatalf("a good frame after a rejected one: %v", err)
		}
	})
	t.Run("empty block is a no-op", func(t *testing.T) {
		if err := newTestEncoder(t, mp3.Mono8, &bytes.Buffer{}).WritePCM(nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("unknown mode and quality", func(t *testing.T) {
		if _, err := NewEncoder(&bytes.Buffer{}, mp3.Mode(3)); !errors.Is(err, mp3.ErrMode) {
			t.Errorf("mp3.Mode(3): %v, want mp3.ErrMode", err)
		}
		if _, err := NewEncoder(&bytes.Buffer{}, mp3.Mono8, WithQuality(10)); !errors.Is(err, ErrQuality) {
			t.Errorf("quality 10: %v, want ErrQuality", err)
		}
	})
}

func TestEncoderAfterClose(t *testing.T) {
	var w bytes.Buffer
	e := newTestEncoder(t, mp3.Mono8, &w)
	if err := e.WritePCM(make([]int16, 8000)); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Len() == 0 {
		t.Fatal("Close wrote nothing for 1 s of input")
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v, want nil", err)
	}
	if err := e.WritePCM(make([]int16, 160)); !errors.Is(err, ErrClosed) {
		t.Errorf("WritePCM after Close: %v, want ErrClosed", err)
	}
	if err := e.Flush(); !errors.Is(err, ErrClosed) {
		t.Errorf("Flush after Close: %v, want ErrClosed", err)
	}
}

var errDiskFull = errors.New("disk full")

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errDiskFull
	}
	f.n -= len(p)
	return len(p), nil
}

func TestEncoderWriteErrorIsSticky(t *testing.T) {
	e := newTestEncoder(t, mp3.Mono8, &failingWriter{n: 100})
	var err error
	for i := 0; i < 100 && err == nil; i++ { // 2 s of 20 ms frames
		err = e.WritePCM(make([]int16, 160))
	}
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("WritePCM error = %v, want the writer's error", err)
	}
	if err := e.Flush(); !errors.Is(err, errDiskFull) {
		t.Errorf("Flush after a failed write: %v, want the writer's error", err)
	}
	if err := e.Close(); !errors.Is(err, errDiskFull) {
		t.Errorf("Close after a failed write: %v, want the writer's error", err)
	}
}

func TestAvailable(t *testing.T) {
	if !Available() {
		t.Fatal("Available() = false in a cgo build")
	}
}

func newTestEncoder(t *testing.T, m mp3.Mode, w io.Writer) *Encoder {
	t.Helper()
	e, err := NewEncoder(w, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}
