package wav

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/reel-project/reel/codecs"
)

var _ codecs.FrameWriter = (*Writer)(nil)

// bufferSize batches the writes of a few hundred milliseconds of audio, so
// 20 ms frames do not each cost a system call.
const bufferSize = 8 << 10

// Writer streams one WAV file. It is not safe for concurrent use.
type Writer struct {
	format  Format
	encode  func(dst []byte, pcm []int16) // linear samples to file bytes
	out     io.WriteSeeker
	file    *os.File // set when New opened the file; Close closes it
	buf     *bufio.Writer
	start   int64 // offset of "RIFF" in out
	data    int64 // sample bytes accepted, buffered ones included
	patched int64 // data size the header on disk carries
	closed  bool
	header  [maxHeaderLen]byte
	scratch []byte // encoded bytes of the current WritePCM, reused
	pad     [1]byte
}

// New creates (or truncates) the file at path, readable by owner and group
// only, and starts a WAV in it. Close closes the file.
func New(path string, f Format) (*Writer, error) {
	f = f.withDefaults()
	if err := f.validate(); err != nil {
		return nil, err
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return nil, fmt.Errorf("wav: %w", err)
	}
	w, err := NewWith(file, f)
	if err != nil {
		return nil, errors.Join(err, file.Close(), os.Remove(path))
	}
	w.file = file
	return w, nil
}

// NewWith starts a WAV at the current offset of out. The header is patched
// by seeking back, so out must not be appended to by anyone else. Close does
// not close out.
func NewWith(out io.WriteSeeker, f Format) (*Writer, error) {
	f = f.withDefaults()
	if err := f.validate(); err != nil {
		return nil, err
	}
	start, err := out.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("wav: find start offset: %w", err)
	}
	w := &Writer{format: f, out: out, start: start, buf: bufio.NewWriterSize(out, bufferSize)}
	w.encode = encodePCM16
	if law, ok := f.Encoding.law(); ok {
		w.encode = func(dst []byte, pcm []int16) { law.EncodeTo(dst, pcm) }
	}
	if _, err := w.buf.Write(f.appendHeader(w.header[:0], 0)); err != nil {
		return nil, fmt.Errorf("wav: write header: %w", err)
	}
	return w, nil
}

// encodePCM16 writes samples as 16-bit little-endian; dst has 2×len(pcm) bytes.
func encodePCM16(dst []byte, pcm []int16) {
	dst = dst[:2*len(pcm)]
	for i, s := range pcm {
		binary.LittleEndian.PutUint16(dst[2*i:2*i+2], uint16(s))
	}
}

// Format returns the format of the file, defaults filled in.
func (w *Writer) Format() Format { return w.format }

// DataBytes returns the number of sample bytes written so far, including
// those still buffered.
func (w *Writer) DataBytes() int64 { return w.data }

// Duration returns the playing time of the samples written so far.
func (w *Writer) Duration() time.Duration {
	frames := w.data / int64(w.format.blockAlign())
	return time.Duration(frames) * time.Second / time.Duration(w.format.SampleRate)
}
