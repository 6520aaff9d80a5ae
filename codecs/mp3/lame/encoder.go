//go:build cgo

package lame

// #include <lame/lame.h>
import "C"

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"unsafe"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/codecs/mp3"
)

var _ codecs.FrameWriter = (*Encoder)(nil)

// maxChunk is the most samples per channel handed to LAME in one call;
// longer blocks are split so the output buffer can be sized once.
const maxChunk = 8 * 576

// outSize is LAME's documented worst case for maxChunk samples:
// 1.25*nsamples + 7200 bytes (lame.h, lame_encode_buffer).
const outSize = maxChunk*5/4 + 7200

// outPool holds the buffers that receive LAME's output. One is borrowed for
// each encode call, not kept per Encoder: a recording encodes a few times a
// second, and 13 KB per Encoder is 4 MB at 300 calls. The buffer is Go
// memory passed to C only for the duration of one call (allowed by the cgo
// pointer rules; it holds no Go pointers), so it needs no pinning.
var outPool = sync.Pool{New: func() any { return new([outSize]byte) }}

// Encoder streams PCM16 at 8 kHz into CBR MP3 bytes on an io.Writer.
// It is not safe for concurrent use.
type Encoder struct {
	w       io.Writer
	gfp     *C.lame_global_flags // nil after Close
	ch      int
	err     error // sticky: the first write or LAME error
	cleanup runtime.Cleanup
}

// Available reports whether this binary can encode MP3 (built with cgo).
func Available() bool { return true }

// NewEncoder returns an Encoder writing mode m to w. Nothing is written to w
// until LAME produces its first frame.
func NewEncoder(w io.Writer, m mp3.Mode, opts ...Option) (*Encoder, error) {
	o, err := newOptions(m, opts)
	if err != nil {
		return nil, err
	}
	gfp, err := newLame(m, o)
	if err != nil {
		return nil, err
	}
	e := &Encoder{w: w, gfp: gfp, ch: m.Channels()}
	// An Encoder dropped without Close still frees its C memory.
	e.cleanup = runtime.AddCleanup(e, closeLame, gfp)
	return e, nil
}

func closeLame(gfp *C.lame_global_flags) { C.lame_close(gfp) }

// WritePCM encodes pcm (interleaved left, right for stereo; any length that
// is a whole number of frames) and writes whatever MP3 bytes LAME produced
// to w before returning. The caller keeps pcm. After a failed write the
// Encoder keeps returning that error.
func (e *Encoder) WritePCM(pcm []int16) error {
	if err := e.usable(); err != nil {
		return err
	}
	if len(pcm)%e.ch != 0 {
		return fmt.Errorf("%w: got %d samples for %d channels", ErrSampleCount, len(pcm), e.ch)
	}
	for len(pcm) > 0 {
		n := min(len(pcm), maxChunk*e.ch)
		if err := e.encode(pcm[:n]); err != nil {
			return err
		}
		pcm = pcm[n:]
	}
	return nil
}

// encode hands one chunk to LAME and writes the result.
func (e *Encoder) encode(pcm []int16) error {
	frames := C.int(len(pcm) / e.ch)
	in := (*C.short)(unsafe.Pointer(&pcm[0]))
	buf := outPool.Get().(*[outSize]byte)
	defer outPool.Put(buf)
	out := (*C.uchar)(unsafe.Pointer(&buf[0]))
	var rc C.int
	if e.ch == 1 {
		rc = C.lame_encode_buffer(e.gfp, in, nil, frames, out, outSize)
	} else {
		rc = C.lame_encode_buffer_interleaved(e.gfp, in, frames, out, outSize)
	}
	return e.emit("lame_encode_buffer", rc, buf[:])
}

// Flush guarantees that every byte LAME has output so far is in w; since
// WritePCM writes immediately, it only reports a pending error. The newest
// input is not in w yet: LAME's look-ahead, and coded bits held for the bit
// reservoir (up to about 0.5 s at 8 kbit/s, see doc.go). Only Close forces
// them out; lame_encode_flush_nogap would do it mid-stream but pads the
// last frame with silence, inserting a gap at every Flush. Flush does not
// sync w: the spool fsyncs its own file.
func (e *Encoder) Flush() error { return e.usable() }

// Close encodes the samples still inside LAME (padding the last frame with
// silence), writes them, and frees the encoder. It is safe to call twice;
// the second call returns nil.
func (e *Encoder) Close() error {
	if e.gfp == nil {
		return nil
	}
	err := e.err
	if err == nil {
		buf := outPool.Get().(*[outSize]byte)
		rc := C.lame_encode_flush(e.gfp, (*C.uchar)(unsafe.Pointer(&buf[0])), outSize)
		err = e.emit("lame_encode_flush", rc, buf[:])
		outPool.Put(buf)
	}
	e.cleanup.Stop()
	closeLame(e.gfp)
	e.gfp = nil
	return err
}

func (e *Encoder) usable() error {
	if e.gfp == nil {
		return ErrClosed
	}
	return e.err
}

// emit checks a LAME encode return code (bytes produced, or negative on
// error) and writes that many bytes of out to w.
func (e *Encoder) emit(call string, rc C.int, out []byte) error {
	if rc < 0 {
		e.err = lameError(call, rc)
		return e.err
	}
	if rc == 0 {
		return nil
	}
	n, err := e.w.Write(out[:rc])
	if err == nil && n < int(rc) {
		err = io.ErrShortWrite
	}
	if err != nil {
		e.err = fmt.Errorf("mp3: write: %w", err)
	}
	return e.err
}
