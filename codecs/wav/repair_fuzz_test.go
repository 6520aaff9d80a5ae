package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"path/filepath"
	"testing"
)

// FuzzRepair feeds Repair arbitrary files (it runs on whatever a crash left
// on disk). It must never panic, must refuse only with its own sentinels and
// without touching the file, and a repaired file must parse, need no
// further repair and have RIFF size = file size - 8.
func FuzzRepair(f *testing.F) {
	for _, fm := range allFormats() {
		valid := fuzzSeedFile(f, fm, 5)
		f.Add(valid)
		f.Add(valid[:len(valid)-1])
		f.Add(valid[:fm.headerLen()-3])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := writeBytes(t, filepath.Join(t.TempDir(), "f.wav"), b)
		r, err := Repair(path)
		if err != nil {
			if !isRepairSentinel(err) {
				t.Fatalf("unexpected error: %v", err)
			}
			if !bytes.Equal(readBytes(t, path), b) {
				t.Fatalf("refused with %v but modified the file", err)
			}
			return
		}
		again, err := Repair(path)
		if err != nil || again.Changed() || again.DataBytes != r.DataBytes {
			t.Fatalf("second Repair: %+v, %v; first %+v", again, err, r)
		}
		after := readBytes(t, path)
		if got := binary.LittleEndian.Uint32(after[4:]); int64(got) != int64(len(after))-8 {
			t.Fatalf("RIFF size %d for %d bytes", got, len(after))
		}
	})
}

func isRepairSentinel(err error) bool {
	for _, s := range []error{ErrNotWAV, ErrTruncatedHeader, ErrBadHeader, ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// fuzzSeedFile returns a valid file of the given number of frames.
func fuzzSeedFile(f *testing.F, fm Format, frames int) []byte {
	m := &memFile{}
	w, err := NewWith(m, fm)
	if err != nil {
		f.Fatal(err)
	}
	if err := w.WritePCM(tone(frames, fm.Channels)); err != nil {
		f.Fatal(err)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	return m.b
}
