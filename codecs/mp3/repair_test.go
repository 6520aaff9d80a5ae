package mp3

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Headers of the frames the tests build: Reel's three modes, and two from
// the other MPEG versions.
var (
	hdrMono8    = []byte{0xFF, 0xE3, 0x18, 0xC0} // MPEG-2.5, 8 kbit/s, 8 kHz, mono: 72 bytes
	hdrStereo16 = []byte{0xFF, 0xE3, 0x28, 0x40} // MPEG-2.5, 16 kbit/s, 8 kHz, joint stereo: 144 bytes
	hdrStereo32 = []byte{0xFF, 0xE3, 0x48, 0x44} // MPEG-2.5, 32 kbit/s, 8 kHz, joint stereo: 288 bytes
	hdrV1       = []byte{0xFF, 0xFB, 0x90, 0x44} // MPEG-1, 128 kbit/s, 44.1 kHz: 417 bytes
	hdrV1Pad    = []byte{0xFF, 0xFB, 0x92, 0x44} // the same with a padding slot: 418 bytes
	hdrV2       = []byte{0xFF, 0xF3, 0x80, 0xC0} // MPEG-2, 64 kbit/s, 22.05 kHz, mono: 208 bytes
)

func TestParseFrameHeader(t *testing.T) {
	good := []struct {
		name string
		hdr  []byte
		want FrameHeader
	}{
		{"mp3-8-mono", hdrMono8, FrameHeader{MPEG25, 8, 8000, false, 1, 576, 72}},
		{"mp3-16-stereo", hdrStereo16, FrameHeader{MPEG25, 16, 8000, false, 2, 576, 144}},
		{"mp3-32-stereo", hdrStereo32, FrameHeader{MPEG25, 32, 8000, false, 2, 576, 288}},
		{"MPEG-1 at 44.1 kHz", hdrV1, FrameHeader{MPEG1, 128, 44100, false, 2, 1152, 417}},
		{"MPEG-1 with padding", hdrV1Pad, FrameHeader{MPEG1, 128, 44100, true, 2, 1152, 418}},
		{"MPEG-2 at 22.05 kHz", hdrV2, FrameHeader{MPEG2, 64, 22050, false, 1, 576, 208}},
	}
	for _, tc := range good {
		t.Run("parses "+tc.name, func(t *testing.T) {
			h, err := ParseFrameHeader(tc.hdr)
			if err != nil || h != tc.want {
				t.Errorf("got %+v, %v; want %+v", h, err, tc.want)
			}
		})
	}
	bad := []struct{ name, hdr string }{
		{"three bytes", "\xff\xe3\x18"},
		{"no sync", "\xfe\xe3\x18\xc0"},
		{"a reserved version", "\xff\xeb\x18\xc0"},
		{"Layer II", "\xff\xe5\x18\xc0"},
		{"a free-format bit rate", "\xff\xe3\x08\xc0"},
		{"the forbidden bit rate", "\xff\xe3\xf8\xc0"},
		{"a reserved sample rate", "\xff\xe3\x1c\xc0"},
		{"a reserved emphasis", "\xff\xe3\x18\xc2"},
		{"ID3", "ID3\x04"},
	}
	for _, tc := range bad {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			if _, err := ParseFrameHeader([]byte(tc.hdr)); !errors.Is(err, ErrFrameHeader) {
				t.Errorf("err = %v, want ErrFrameHeader", err)
			}
		})
	}
}

// frames returns n frames with header hdr and a silent (zero) payload.
func frames(t testing.TB, hdr []byte, n int) []byte {
	t.Helper()
	h, err := ParseFrameHeader(hdr)
	if err != nil {
		t.Fatal(err)
	}
	f := make([]byte, h.Length)
	copy(f, hdr)
	return bytes.Repeat(f, n)
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// id3v2 is a tag with a 20-byte body.
var id3v2 = append([]byte("ID3\x04\x00\x00\x00\x00\x00\x14"), make([]byte, 20)...)

func TestRepair(t *testing.T) {
	mono := frames(t, hdrMono8, 11) // ten whole frames and one to cut
	tag := append([]byte("TAG"), make([]byte, id3v1Len-3)...)
	junk := []byte("\x00\xff\xe3\x18\xc0garbage\xff\xff\xff\xe0 not a frame")
	tests := []struct {
		name    string
		file    []byte
		frames  int
		start   int64
		skipped int64
		keep    int
	}{
		{"a stream cut mid-frame loses only the partial frame", mono[:720+50], 10, 0, 0, 720},
		{"a whole stream is left as it is", mono[:720], 10, 0, 0, 720},
		{"a stream cut inside a header loses the header", mono[:720+2], 10, 0, 0, 720},
		{"an ID3v2 tag at the start is stepped over and kept", join(id3v2, frames(t, hdrStereo16, 5), mono[:40]), 5, 30, 0, 30 + 720},
		{"junk between frames is resynchronised over and kept",
			join(frames(t, hdrStereo32, 3), junk, frames(t, hdrStereo32, 4), []byte{0xff}), 7, 0, int64(len(junk)), 7*288 + len(junk)},
		{"zeros a crash left after the last frame are cut", join(mono[:720], make([]byte, 4096)), 10, 0, 0, 720},
		{"an ID3v1 tag after the last frame is kept", join(mono[:720], tag), 10, 0, 0, 720 + id3v1Len},
		{"a single whole frame is kept", mono[:72], 1, 0, 0, 72},
		{"MPEG-1 frames with and without padding are kept",
			join(frames(t, hdrV1, 2), frames(t, hdrV1Pad, 1), frames(t, hdrV1, 1)[:100]), 3, 0, 0, 417*2 + 418},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "cut.mp3", tc.file)
			r, err := Repair(path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Frames != tc.frames || r.AudioStart != tc.start || r.Skipped != tc.skipped ||
				r.Trimmed != int64(len(tc.file)-tc.keep) {
				t.Errorf("report %+v", r)
			}
			if got := readFile(t, path); !bytes.Equal(got, tc.file[:tc.keep]) {
				t.Errorf("file has %d bytes, want the first %d of %d", len(got), tc.keep, len(tc.file))
			}
			if again, err := Repair(path); err != nil || again.Changed() || again.Frames != r.Frames {
				t.Errorf("second Repair: %+v, %v", again, err)
			}
		})
	}
}

func TestRepairDuration(t *testing.T) {
	r, err := Repair(writeTemp(t, "d.mp3", frames(t, hdrStereo16, 125)[:125*144-1]))
	if err != nil {
		t.Fatal(err)
	}
	if want := 124 * 72 * time.Millisecond; r.Duration() != want || r.Samples != 124*576 {
		t.Errorf("duration %v, %d samples; want %v", r.Duration(), r.Samples, want)
	}
}

func TestRepairRefusesFilesWithoutAWholeFrame(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"an empty file", ""},
		{"a text file", "this is not audio, even if it is long enough to hold a frame or two"},
		{"half a frame", string(frames(t, hdrMono8, 1)[:40])},
		{"an ID3v2 tag and nothing else", string(id3v2)},
		{"an ID3v2 tag claiming more bytes than the file", "ID3\x04\x00\x00\x00\x00\x7f\x7f" + string(frames(t, hdrMono8, 2))},
	} {
		t.Run("Repair refuses "+tc.name+" and leaves it alone", func(t *testing.T) {
			path := writeTemp(t, "x.mp3", []byte(tc.file))
			if _, err := Repair(path); !errors.Is(err, ErrNoFrames) {
				t.Errorf("err = %v, want ErrNoFrames", err)
			}
			if got := readFile(t, path); string(got) != tc.file {
				t.Error("file modified")
			}
		})
	}
	t.Run("Repair reports a missing file", func(t *testing.T) {
		if _, err := Repair(t.TempDir() + "/none.mp3"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	})
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeTemp stores b in a new file of the test's temporary directory.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
