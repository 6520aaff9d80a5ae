package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func writeBytes(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRepairLeavesValidFilesAlone(t *testing.T) {
	for _, f := range allFormats() {
		for _, frames := range []int{0, 1, 160} {
			t.Run(formatName(f)+" with "+strconv.Itoa(frames)+" frames is unchanged", func(t *testing.T) {
				path := writeFile(t, f, tone(frames, f.Channels))
				before := readBytes(t, path)
				r, err := Repair(path)
				if err != nil {
					t.Fatal(err)
				}
				if r.Changed() || !bytes.Equal(before, readBytes(t, path)) {
					t.Errorf("valid file changed: %+v", r)
				}
				if r.Format != f || r.DataBytes != int64(frames*f.blockAlign()) {
					t.Errorf("report %+v", r)
				}
			})
		}
	}
}

func TestRepairAfterTruncationAtEveryByte(t *testing.T) {
	for _, f := range allFormats() {
		t.Run(formatName(f)+" keeps every whole frame and fails only inside the header", func(t *testing.T) {
			pcm := tone(301, f.Channels)
			full := readBytes(t, writeFile(t, f, pcm))
			want := expectedBytes(f.Encoding, pcm)
			h, ba := f.headerLen(), f.blockAlign()
			path := filepath.Join(t.TempDir(), "cut.wav")
			for cut := range len(full) {
				r, err := Repair(writeBytes(t, path, full[:cut]))
				if cut < h {
					if !errors.Is(err, ErrTruncatedHeader) {
						t.Fatalf("cut at %d: err = %v, want ErrTruncatedHeader", cut, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("cut at %d: %v", cut, err)
				}
				data := (cut - h) / ba * ba
				p := readWAV(t, path)
				if !bytes.Equal(p.data, want[:data]) || r.DataBytes != int64(data) || r.Trimmed != int64(cut-h-data) {
					t.Fatalf("cut at %d: %d data bytes, report %+v; want %d", cut, len(p.data), r, data)
				}
				if p.hasFact && int(p.factSamples) != data/ba {
					t.Fatalf("cut at %d: fact %d, want %d", cut, p.factSamples, data/ba)
				}
			}
		})
	}
}

func TestRepairedFilesPlay(t *testing.T) {
	for _, f := range allFormats() {
		t.Run(formatName(f)+" cut mid-frame is probed with the whole frames", func(t *testing.T) {
			full := readBytes(t, writeFile(t, f, tone(4000, f.Channels)))
			cut := f.headerLen() + 1001*f.blockAlign() + f.blockAlign()/2 // mid-frame when frames span bytes
			path := writeBytes(t, filepath.Join(t.TempDir(), "cut.wav"), full[:cut])
			if _, err := Repair(path); err != nil {
				t.Fatal(err)
			}
			want := probe{codecName(f.Encoding), 8000, f.Channels, 125125 * time.Microsecond}
			if got := ffprobe(t, path); got != want {
				t.Errorf("ffprobe %+v, want %+v", got, want)
			}
		})
	}
}

func TestRepairNeverPatchedHeaders(t *testing.T) {
	for _, size := range []uint32{0, 0xFFFFFFFF} {
		for _, f := range allFormats() {
			name := formatName(f) + " with sizes " + strconv.FormatUint(uint64(size), 16)
			t.Run(name+" gets sizes from the file length", func(t *testing.T) {
				pcm := tone(800, f.Channels)
				b := readBytes(t, writeFile(t, f, pcm))
				p := parseWAV(t, b)
				le := binary.LittleEndian
				le.PutUint32(b[4:], size)
				le.PutUint32(b[f.headerLen()-4:], size)
				if p.hasFact {
					le.PutUint32(b[46:], 0)
				}
				path := writeBytes(t, filepath.Join(t.TempDir(), "raw.wav"), b)
				r, err := Repair(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := readWAV(t, path); got.fields != p.fields || !r.Changed() || r.Duration() != 100*time.Millisecond {
					t.Errorf("repaired %+v, want %+v; report %+v", got.fields, p.fields, r)
				}
			})
		}
	}
}

func TestRepairAfterACrashBetweenFlushes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.wav")
	f := Format{Encoding: MuLaw, Channels: 2}
	w, err := New(path, f)
	if err != nil {
		t.Fatal(err)
	}
	frame := tone(160, 2)
	for i := range 200 { // 4 s; the header is patched once, after the first second
		if err := w.WritePCM(frame); err != nil {
			t.Fatal(err)
		}
		if i == 49 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.file.Close(); err != nil { // the process dies: no Flush, no Close
		t.Fatal(err)
	}
	onDisk := int64(len(readBytes(t, path))) - lawHeaderLen
	if onDisk <= 16000 || onDisk >= w.DataBytes() {
		t.Fatalf("%d bytes reached the disk, want between one second and all %d", onDisk, w.DataBytes())
	}
	r, err := Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	frames := onDisk / 2
	want := time.Duration(frames) * time.Second / 8000
	if r.Duration() != want || ffprobe(t, path).Duration != want {
		t.Errorf("report %+v, want %v of audio", r, want)
	}
}

func TestRepairPadsOddMonoData(t *testing.T) {
	b := readBytes(t, writeFile(t, Format{Encoding: ALaw, Channels: 1}, tone(100, 1)))
	b = append(b, 0x55, 0x55, 0x55) // 103 codes, the header says 100
	path := writeBytes(t, filepath.Join(t.TempDir(), "odd.wav"), b)
	r, err := Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	p := readWAV(t, path)
	if !r.Padded || r.DataBytes != 103 || p.dataSize != 103 || p.fileSize != lawHeaderLen+104 {
		t.Errorf("report %+v, data size %d, file %d bytes", r, p.dataSize, p.fileSize)
	}
}

func TestRepairKeepsChunksAfterTheData(t *testing.T) {
	b := readBytes(t, writeFile(t, Format{Encoding: PCM16, Channels: 1}, tone(100, 1)))
	list := append([]byte("LIST\x05\x00\x00\x00INFOx"), 0) // odd body, padded
	b = append(b, list...)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	path := writeBytes(t, filepath.Join(t.TempDir(), "list.wav"), b)
	r, err := Repair(path)
	if err != nil || r.Changed() || r.DataBytes != 200 {
		t.Errorf("report %+v, err %v", r, err)
	}
}

func TestRepairRejects(t *testing.T) {
	valid := readBytes(t, writeFile(t, Format{Encoding: PCM16, Channels: 1}, tone(10, 1)))
	mutate := func(off int, s string) []byte {
		b := bytes.Clone(valid)
		copy(b[off:], s)
		return b
	}
	tests := []struct {
		name string
		file []byte
		want error
	}{
		{"a text file", []byte("hello, this is not audio at all"), ErrNotWAV},
		{"a big-endian RIFX file", mutate(0, "RIFX"), ErrNotWAV},
		{"an AVI file", mutate(8, "AVI "), ErrNotWAV},
		{"a file of three bytes that are not RIFF", []byte("ID3"), ErrNotWAV},
		{"an empty file", nil, ErrTruncatedHeader},
		{"the first 6 bytes of a WAV", valid[:6], ErrTruncatedHeader},
		{"a zero block size", mutate(32, "\x00\x00"), ErrBadHeader},
		{"a fmt chunk of 12 bytes", mutate(16, "\x0c\x00\x00\x00"), ErrBadHeader},
		{"data before fmt", mutate(12, "data"), ErrBadHeader},
		{"a chunk longer than the file before the data", mutate(16, "\xff\xff\x00\x00"), ErrTruncatedHeader},
	}
	for _, tc := range tests {
		t.Run("Repair refuses "+tc.name+" and leaves it alone", func(t *testing.T) {
			path := writeBytes(t, filepath.Join(t.TempDir(), "x.wav"), tc.file)
			if _, err := Repair(path); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if !bytes.Equal(readBytes(t, path), tc.file) {
				t.Error("file modified")
			}
		})
	}
	t.Run("Repair reports a missing file", func(t *testing.T) {
		if _, err := Repair(filepath.Join(t.TempDir(), "none.wav")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	})
}
