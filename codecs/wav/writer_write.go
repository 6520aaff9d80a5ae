package wav

import (
	"errors"
	"fmt"
	"io"
)

// WritePCM encodes interleaved linear samples in the file's encoding and
// buffers them; len(pcm) must be a multiple of the channel count. The caller
// keeps pcm. After the first call it does not allocate for frames of the same
// or a smaller size.
func (w *Writer) WritePCM(pcm []int16) error {
	n := len(pcm) * w.format.bytesPerSample()
	if err := w.check(len(pcm)%w.format.Channels, n); err != nil {
		return err
	}
	if cap(w.scratch) < n {
		w.scratch = make([]byte, n)
	}
	b := w.scratch[:n]
	w.encode(b, pcm)
	return w.write(b)
}

// WriteEncoded buffers bytes already in the file's encoding — for G.711, the
// RTP payload as received, which keeps the recording bit-exact. len(b) must
// be a whole number of sample frames. The caller keeps b.
func (w *Writer) WriteEncoded(b []byte) error {
	if err := w.check(len(b)%w.format.blockAlign(), len(b)); err != nil {
		return err
	}
	return w.write(b)
}

// check rejects a write after Close, a partial frame (rest != 0) and a write
// of n bytes that would overflow the header's sizes.
func (w *Writer) check(rest, n int) error {
	switch {
	case w.closed:
		return ErrClosed
	case rest != 0:
		return fmt.Errorf("%w: %d values left over for %d channels", ErrPartialFrame, rest, w.format.Channels)
	case w.data+int64(n) > w.format.maxDataBytes():
		return fmt.Errorf("%w: %d + %d bytes, limit %d", ErrTooLarge, w.data, n, w.format.maxDataBytes())
	}
	return nil
}

func (w *Writer) write(b []byte) error {
	n, err := w.buf.Write(b)
	w.data += int64(n)
	if err != nil {
		return fmt.Errorf("wav: write samples: %w", err)
	}
	return nil
}

// Flush writes out the buffered samples and then rewrites the header's sizes,
// so the file is a complete WAV of everything written so far. It does not
// fsync: it protects against a crash of the process, not of the machine.
func (w *Writer) Flush() error {
	if w.closed {
		return ErrClosed
	}
	return w.flush()
}

// Close flushes, finalises the header and, if New opened the file, closes
// it. Calling Close again does nothing and returns nil.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.flush()
	if w.file != nil {
		err = errors.Join(err, w.file.Close())
	}
	return err
}

func (w *Writer) flush() error {
	if err := w.buf.Flush(); err != nil {
		return fmt.Errorf("wav: write samples: %w", err)
	}
	if w.patched == w.data {
		return nil
	}
	if err := w.patchHeader(); err != nil {
		return fmt.Errorf("wav: patch header: %w", err)
	}
	w.patched = w.data
	return nil
}

// patchHeader writes the pad byte an odd data chunk needs (the next samples
// overwrite it), rewrites the whole header with the current sizes and seeks
// back to the end of the data.
func (w *Writer) patchHeader() error {
	end := w.start + int64(w.format.headerLen()) + w.data
	if w.data&1 == 1 {
		if _, err := w.out.Write(w.pad[:]); err != nil {
			return err
		}
	}
	if _, err := w.out.Seek(w.start, io.SeekStart); err != nil {
		return err
	}
	if _, err := w.out.Write(w.format.appendHeader(w.header[:0], w.data)); err != nil {
		return err
	}
	_, err := w.out.Seek(end, io.SeekStart)
	return err
}
