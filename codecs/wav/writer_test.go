package wav

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriterHeader(t *testing.T) {
	const frames = 1001 // odd: mono G.711 needs a pad byte
	for _, f := range allFormats() {
		t.Run(formatName(f)+" has the documented header and our samples", func(t *testing.T) {
			pcm := tone(frames, f.Channels)
			p := readWAV(t, writeFile(t, f, pcm))
			isLaw := f.Encoding != PCM16
			bps := map[bool]int{true: 1, false: 2}[isLaw]
			want := fields{
				fmtSize: 16, tag: uint16(f.Encoding), channels: uint16(f.Channels),
				rate: 8000, avgBytes: uint32(8000 * f.Channels * bps), align: uint16(f.Channels * bps),
				bits: uint16(8 * bps), cbSize: -1, dataSize: uint32(frames * f.Channels * bps),
			}
			wantChunks := "fmt ,data"
			if isLaw {
				want.fmtSize, want.cbSize, want.hasFact, want.factSamples = 18, 0, true, frames
				wantChunks = "fmt ,fact,data"
			}
			got := p.fields
			got.riffSize = 0 // checked against the file size by parseWAV
			if got != want {
				t.Errorf("header\n got %+v\nwant %+v", got, want)
			}
			if c := joinIDs(p.chunks); c != wantChunks {
				t.Errorf("chunks %s, want %s", c, wantChunks)
			}
			if !bytes.Equal(p.data, expectedBytes(f.Encoding, pcm)) {
				t.Error("data chunk differs from the encoded samples")
			}
		})
	}
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += id
	}
	return s
}

func TestWriterFileIsValidAfterEveryFlush(t *testing.T) {
	for _, f := range allFormats() {
		t.Run(formatName(f)+" parses after each Flush while still open", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rec.wav")
			w, err := New(path, f)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			var all []int16
			for i, frames := range []int{0, 3, 160, 1, 4000, 7} {
				pcm := tone(frames, f.Channels)
				all = append(all, pcm...)
				if err := w.WritePCM(pcm); err != nil {
					t.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				p := readWAV(t, path)
				if int64(p.dataSize) != w.DataBytes() || !bytes.Equal(p.data, expectedBytes(f.Encoding, all)) {
					t.Fatalf("flush %d: data size %d, writer says %d", i, p.dataSize, w.DataBytes())
				}
			}
		})
	}
}

func TestWriterRejects(t *testing.T) {
	formats := []struct {
		name string
		f    Format
		want error
	}{
		{"an unknown encoding", Format{Encoding: 3, Channels: 1}, ErrEncoding},
		{"zero channels", Format{Encoding: MuLaw}, ErrChannels},
		{"more channels than nBlockAlign holds", Format{Encoding: PCM16, Channels: 40000}, ErrChannels},
		{"a negative sample rate", Format{Encoding: ALaw, Channels: 1, SampleRate: -8000}, ErrSampleRate},
		{"a byte rate beyond 32 bits", Format{Encoding: PCM16, Channels: 2, SampleRate: 1 << 30}, ErrSampleRate},
	}
	for _, tc := range formats {
		t.Run("New refuses "+tc.name+" and creates no file", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.wav")
			if _, err := New(path, tc.f); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("file exists: %v", err)
			}
		})
	}
	w, err := NewWith(&memFile{}, Format{Encoding: PCM16, Channels: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("WritePCM refuses half a stereo frame", func(t *testing.T) {
		if err := w.WritePCM(make([]int16, 3)); !errors.Is(err, ErrPartialFrame) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("WriteEncoded refuses a partial PCM16 frame", func(t *testing.T) {
		if err := w.WriteEncoded(make([]byte, 6)); !errors.Is(err, ErrPartialFrame) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a write past the 4 GiB limit fails", func(t *testing.T) {
		w.data = w.format.maxDataBytes() - 4
		defer func() { w.data = 0 }()
		if err := w.WriteEncoded(make([]byte, 8)); !errors.Is(err, ErrTooLarge) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Close twice is fine, writing afterwards is not", func(t *testing.T) {
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		for name, err := range map[string]error{
			"WritePCM": w.WritePCM(make([]int16, 2)), "WriteEncoded": w.WriteEncoded(make([]byte, 4)), "Flush": w.Flush(),
		} {
			if !errors.Is(err, ErrClosed) {
				t.Errorf("%s after Close: %v", name, err)
			}
		}
	})
}

func TestWriterDefaultsAndCounters(t *testing.T) {
	m := &memFile{}
	w, err := NewWith(m, Format{Encoding: MuLaw, Channels: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a zero sample rate means 8000", func(t *testing.T) {
		if got := w.Format().SampleRate; got != 8000 {
			t.Errorf("SampleRate = %d", got)
		}
	})
	t.Run("fifty 20 ms stereo frames are one second and 16000 bytes", func(t *testing.T) {
		for range 50 {
			if err := w.WritePCM(make([]int16, 320)); err != nil {
				t.Fatal(err)
			}
		}
		if w.DataBytes() != 16000 || w.Duration() != time.Second {
			t.Errorf("DataBytes %d, Duration %v", w.DataBytes(), w.Duration())
		}
	})
	t.Run("WriteEncoded counts bytes as frames of the file's encoding", func(t *testing.T) {
		if err := w.WriteEncoded(make([]byte, 320)); err != nil {
			t.Fatal(err)
		}
		if w.Duration() != time.Second+20*time.Millisecond {
			t.Errorf("Duration %v", w.Duration())
		}
	})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if p := parseWAV(t, m.b); p.rate != 8000 || p.dataSize != 16320 || p.factSamples != 8160 {
		t.Errorf("header %+v", p)
	}
}

func TestNewWithStartsAtTheCurrentOffset(t *testing.T) {
	m := &memFile{}
	prefix := []byte("container prefix")
	m.Write(prefix)
	w, err := NewWith(m, Format{Encoding: ALaw, Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteEncoded([]byte{0xD5, 0xD5, 0x55}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(m.b, prefix) {
		t.Fatalf("prefix overwritten: %q", m.b[:len(prefix)])
	}
	if p := parseWAV(t, m.b[len(prefix):]); !bytes.Equal(p.data, []byte{0xD5, 0xD5, 0x55}) {
		t.Errorf("data % x", p.data)
	}
}

func TestWritePCMDoesNotAllocate(t *testing.T) {
	for _, f := range allFormats() {
		t.Run(formatName(f)+" 20 ms frames", func(t *testing.T) {
			w, err := NewWith(&memFile{discard: true}, f)
			if err != nil {
				t.Fatal(err)
			}
			frame := tone(160, f.Channels)
			w.WritePCM(frame) // grows the scratch buffer once
			if n := testing.AllocsPerRun(200, func() { w.WritePCM(frame) }); n != 0 {
				t.Errorf("%v allocations per WritePCM", n)
			}
			if n := testing.AllocsPerRun(20, func() { w.Flush() }); n != 0 {
				t.Errorf("%v allocations per Flush", n)
			}
		})
	}
}
