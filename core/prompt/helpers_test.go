package prompt

import (
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/reel-project/reel/codecs"
)

// wavFile describes a WAV file for tests to build, including broken ones.
type wavFile struct {
	tag        uint16
	channels   int
	rate       uint32
	bits       int
	data       []byte
	extensible bool    // write WAVE_FORMAT_EXTENSIBLE with tag as SubFormat
	before     []byte  // raw chunks between "WAVE" and fmt
	between    []byte  // raw chunks between fmt and data
	dataSize   *uint32 // declared data size instead of len(data)
}

// pcmFile returns an 8 kHz PCM16 file of interleaved samples.
func pcmFile(channels int, samples []int16) wavFile {
	return wavFile{tag: tagPCM, channels: channels, rate: codecs.SampleRate, bits: 16, data: pcmBytes(samples)}
}

// lawFile returns an 8 kHz G.711 file (tag 6 or 7) of interleaved codes.
func lawFile(tag uint16, channels int, codes []byte) wavFile {
	return wavFile{tag: tag, channels: channels, rate: codecs.SampleRate, bits: 8, data: codes}
}

func (w wavFile) bytes() []byte {
	b := []byte("RIFF\x00\x00\x00\x00WAVE")
	b = append(b, w.before...)
	b = append(b, w.fmtChunk()...)
	b = append(b, w.between...)
	size := uint32(len(w.data))
	if w.dataSize != nil {
		size = *w.dataSize
	}
	b = append(b, "data"...)
	b = binary.LittleEndian.AppendUint32(b, size)
	b = append(b, w.data...)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

func (w wavFile) fmtChunk() []byte {
	align := w.channels * w.bits / 8
	tag := w.tag
	if w.extensible {
		tag = tagExtensible
	}
	var c []byte
	c = binary.LittleEndian.AppendUint16(c, tag)
	c = binary.LittleEndian.AppendUint16(c, uint16(w.channels))
	c = binary.LittleEndian.AppendUint32(c, w.rate)
	c = binary.LittleEndian.AppendUint32(c, w.rate*uint32(align))
	c = binary.LittleEndian.AppendUint16(c, uint16(align))
	c = binary.LittleEndian.AppendUint16(c, uint16(w.bits))
	if w.extensible {
		c = binary.LittleEndian.AppendUint16(c, 22)             // cbSize
		c = binary.LittleEndian.AppendUint16(c, uint16(w.bits)) // valid bits
		c = binary.LittleEndian.AppendUint32(c, 0)              // channel mask
		c = binary.LittleEndian.AppendUint16(c, w.tag)          // SubFormat GUID ...
		c = append(c, "\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"...)
	}
	return chunk("fmt ", c)
}

// chunk returns a RIFF chunk with its pad byte.
func chunk(id string, body []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func pcmBytes(samples []int16) []byte {
	b := make([]byte, 0, 2*len(samples))
	for _, s := range samples {
		b = binary.LittleEndian.AppendUint16(b, uint16(s))
	}
	return b
}

// ramp returns n distinct, never-zero samples, so that a misplaced or
// missing sample shows.
func ramp(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i%30000 + 1)
	}
	return s
}

// allCodes returns the 256 G.711 codes.
func allCodes() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// maxSamples is the limit the WAV tests decode with: ten seconds.
const maxSamples = 10 * 8000

// parseWAV decodes b with a ten-second limit.
func parseWAV(b []byte) (*Audio, error) {
	return Decode(b, DecodeOptions{MaxDuration: 10 * time.Second})
}

// isSentinel reports whether err wraps one of the package's sentinels.
func isSentinel(err error) bool {
	for _, s := range []error{ErrFormat, ErrTooLong} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func equalSamples(t *testing.T, got, want []int16) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d samples, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sample %d = %d, want %d", i, got[i], want[i])
		}
	}
}

// memFile is an in-memory io.WriteSeeker for codecs/wav's writer.
type memFile struct {
	b   []byte
	off int64
}

func (m *memFile) Write(p []byte) (int, error) {
	if need := m.off + int64(len(p)); need > int64(len(m.b)) {
		m.b = append(m.b, make([]byte, need-int64(len(m.b)))...)
	}
	copy(m.b[m.off:], p)
	m.off += int64(len(p))
	return len(p), nil
}

func (m *memFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		m.off = off
	case io.SeekCurrent:
		m.off += off
	case io.SeekEnd:
		m.off = int64(len(m.b)) + off
	}
	return m.off, nil
}
