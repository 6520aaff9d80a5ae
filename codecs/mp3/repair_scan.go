package mp3

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"time"
)

// scanResult is what one pass over an MPEG audio stream found.
type scanResult struct {
	first    FrameHeader   // the first whole frame's header
	frames   int           // whole frames
	samples  int64         // per channel, over the whole frames
	duration time.Duration // summed frame by frame
	start    int64         // offset of the first frame (after an ID3v2 tag)
	end      int64         // end of the last whole frame
	skipped  int64         // bytes between start and end that belong to no frame
	keep     int64         // bytes to keep: end, plus a trailing ID3v1 tag
}

// id3v1Len is the size of the ID3v1 tag some files carry after the audio.
const id3v1Len = 128

// frameScanner walks a stream of size bytes frame by frame. Once a frame is
// accepted the scanner is locked: the next header is trusted when it follows
// the same version, rate and channels. Elsewhere (at the start, after junk) a
// candidate header counts only when another such header starts right after
// its frame, or its frame ends exactly at the end of the stream.
type frameScanner struct {
	br     *bufio.Reader
	pos    int64
	size   int64
	res    scanResult
	prev   FrameHeader
	locked bool
	junk   int64 // bytes skipped since the last accepted frame
	tag    bool  // the stream ends with an ID3v1 tag after the last frame
}

// scanFrames scans r, which holds exactly size bytes.
func scanFrames(r io.Reader, size int64) (scanResult, error) {
	// The buffer must hold a whole frame and the next header (confirmed peeks).
	sc := &frameScanner{br: bufio.NewReaderSize(r, max(4096, maxFrameLen+HeaderLen)), size: size}
	if err := sc.skipID3v2(); err != nil {
		return sc.res, err
	}
	sc.res.start, sc.res.end = sc.pos, sc.pos
	for sc.pos+HeaderLen <= sc.size {
		stop, err := sc.step()
		if err != nil || stop {
			return sc.finish(), err
		}
	}
	return sc.finish(), nil
}

// step looks at the bytes at pos: it accepts a frame, skips a byte of junk,
// or reports (stop) that the locked stream ends in a partial frame.
func (sc *frameScanner) step() (stop bool, err error) {
	b, err := sc.br.Peek(HeaderLen)
	if err != nil {
		return true, fmt.Errorf("mp3: read at offset %d: %w", sc.pos, err)
	}
	if sc.atTag() {
		return true, nil
	}
	h, why := parseHeader(b)
	switch {
	case why != "":
		sc.locked = false
		return false, sc.skipJunk()
	case sc.locked && !h.follows(sc.prev):
		sc.locked = false
		return false, nil
	case sc.locked && sc.pos+int64(h.Length) > sc.size:
		return true, nil
	case sc.locked:
		return false, sc.accept(h)
	}
	ok, err := sc.confirmed(h)
	if err != nil {
		return true, err
	}
	if !ok {
		return false, sc.skipJunk()
	}
	sc.locked = true
	return false, sc.accept(h)
}

// confirmed reports whether the candidate frame h at pos is followed by a
// header it can precede, or ends exactly at the end of the stream.
func (sc *frameScanner) confirmed(h FrameHeader) (bool, error) {
	next := sc.pos + int64(h.Length)
	switch {
	case next == sc.size:
		return true, nil
	case next+HeaderLen > sc.size:
		return false, nil
	}
	b, err := sc.br.Peek(h.Length + HeaderLen)
	if err != nil {
		return false, fmt.Errorf("mp3: read at offset %d: %w", sc.pos, err)
	}
	n, why := parseHeader(b[h.Length:])
	return why == "" && n.follows(h), nil
}

func (sc *frameScanner) accept(h FrameHeader) error {
	if sc.res.frames == 0 {
		sc.res.first = h
	} else {
		sc.res.skipped += sc.junk
	}
	sc.junk = 0
	sc.prev = h
	sc.res.frames++
	sc.res.samples += int64(h.Samples)
	sc.res.duration += time.Duration(h.Samples) * time.Second / time.Duration(h.SampleRate)
	if err := sc.discard(int64(h.Length)); err != nil {
		return err
	}
	sc.res.end = sc.pos
	return nil
}

// skipJunk steps over one byte that starts no frame.
func (sc *frameScanner) skipJunk() error {
	sc.junk++
	return sc.discard(1)
}

// discard moves n bytes ahead.
func (sc *frameScanner) discard(n int64) error {
	if _, err := sc.br.Discard(int(n)); err != nil {
		return fmt.Errorf("mp3: read at offset %d: %w", sc.pos, err)
	}
	sc.pos += n
	return nil
}

// finish decides how much of the stream to keep.
func (sc *frameScanner) finish() scanResult {
	sc.res.keep = sc.res.end
	if sc.tag {
		sc.res.keep = sc.size
	}
	return sc.res
}

// atTag reports whether pos is right after the last frame and the stream
// ends with exactly an ID3v1 tag there, which the scan keeps and stops at.
func (sc *frameScanner) atTag() bool {
	if sc.res.frames == 0 || sc.pos != sc.res.end || sc.size-sc.pos != id3v1Len {
		return false
	}
	b, err := sc.br.Peek(3)
	sc.tag = err == nil && bytes.Equal(b, []byte("TAG"))
	return sc.tag
}

// skipID3v2 steps over an ID3v2 tag at the start ("ID3", version, flags,
// a 28-bit syncsafe size, then a 10-byte footer when flag 0x10 is set).
func (sc *frameScanner) skipID3v2() error {
	b, err := sc.br.Peek(10)
	if err != nil || string(b[:3]) != "ID3" || b[6]|b[7]|b[8]|b[9] >= 0x80 {
		return nil
	}
	n := int64(b[6])<<21 | int64(b[7])<<14 | int64(b[8])<<7 | int64(b[9]) + 10
	if b[5]&0x10 != 0 {
		n += 10
	}
	n = min(n, sc.size)
	if _, err := sc.br.Discard(int(n)); err != nil {
		return fmt.Errorf("mp3: skip ID3v2 tag of %d bytes: %w", n, err)
	}
	sc.pos = n
	return nil
}
