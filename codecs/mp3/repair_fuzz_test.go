package mp3

import (
	"bytes"
	"testing"
)

// FuzzFrameScan feeds the frame scanner arbitrary files (Repair runs on
// whatever a crash left on disk). It must never panic; what it keeps must
// lie inside the file and hold its frames; and scanning what it keeps must
// keep all of it, so a second Repair never cuts again.
func FuzzFrameScan(f *testing.F) {
	mono := frames(f, hdrMono8, 4)
	f.Add(mono)
	f.Add(mono[:len(mono)-7])
	f.Add(join(id3v2, frames(f, hdrStereo16, 2), []byte{0xff, 0xe3}))
	f.Add(join(frames(f, hdrV1, 2), []byte("junk\xff\xfb"), frames(f, hdrV1Pad, 2)))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := scanFrames(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("scan of %d bytes in memory: %v", len(b), err)
		}
		if s.start > s.end || s.end > s.keep || s.keep > int64(len(b)) || s.skipped > s.end-s.start {
			t.Fatalf("start %d end %d keep %d skipped %d of %d bytes", s.start, s.end, s.keep, s.skipped, len(b))
		}
		if s.frames == 0 && s.end != s.start || s.frames > 0 && s.end-s.start-s.skipped < int64(s.frames)*48 {
			t.Fatalf("%d frames in %d bytes (skipped %d)", s.frames, s.end-s.start, s.skipped)
		}
		if s.frames == 0 {
			return
		}
		again, err := scanFrames(bytes.NewReader(b[:s.keep]), s.keep)
		if err != nil || again.keep != s.keep {
			t.Fatalf("rescan of the %d bytes kept keeps %d (%v)", s.keep, again.keep, err)
		}
	})
}
