package wav

import (
	"encoding/binary"
	"fmt"
	"io"
)

// layout is where a WAV file keeps what Repair needs, as found on disk.
type layout struct {
	format     Format
	blockAlign int64
	riffSize   uint32
	factAt     int64 // offset of the fact sample count; 0 when there is none
	factValue  uint32
	dataSizeAt int64 // offset of the data chunk's size field
	dataSize   uint32
	dataAt     int64 // first sample byte
}

// Chunk ids and the size a chunk header takes.
const (
	chunkHeaderLen = 8
	riffHeaderLen  = 12
)

// readLayout walks the RIFF chunks of r (size bytes long) up to the data
// chunk. Every offset it reads is checked against size, so a hostile file can
// only make it return an error.
func readLayout(r io.ReaderAt, size int64) (layout, error) {
	var l layout
	if err := readRIFFHeader(r, size, &l); err != nil {
		return l, err
	}
	haveFmt := false
	for pos := int64(riffHeaderLen); ; {
		var h [chunkHeaderLen]byte
		if err := readFull(r, h[:], pos, size, "chunk header"); err != nil {
			return l, err
		}
		id, n := string(h[:4]), int64(binary.LittleEndian.Uint32(h[4:]))
		switch {
		case id == "data" && !haveFmt:
			return l, fmt.Errorf("%w: data chunk at offset %d before any fmt chunk", ErrBadHeader, pos)
		case id == "data":
			l.dataSizeAt, l.dataSize, l.dataAt = pos+4, uint32(n), pos+chunkHeaderLen
			return l, nil
		case id == "fmt " && !haveFmt:
			if err := readFmt(r, pos, n, size, &l); err != nil {
				return l, err
			}
			haveFmt = true
		case id == "fact" && n >= 4:
			if err := readFact(r, pos, size, &l); err != nil {
				return l, err
			}
		}
		pos += chunkHeaderLen + n + n&1
	}
}

// readRIFFHeader checks "RIFF" <size> "WAVE". A file shorter than 12 bytes
// whose bytes agree with that pattern is a truncated WAV, not a foreign file.
func readRIFFHeader(r io.ReaderAt, size int64, l *layout) error {
	var h [riffHeaderLen]byte
	n, err := r.ReadAt(h[:], 0)
	if n < len(h) && err == nil {
		err = io.ErrUnexpectedEOF
	}
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return fmt.Errorf("wav: read header: %w", err)
	}
	if !prefixMatches(h[:min(n, 4)], "RIFF") || n > 8 && !prefixMatches(h[8:n], "WAVE") {
		return fmt.Errorf("%w: starts with %q", ErrNotWAV, h[:n])
	}
	if n < len(h) {
		return fmt.Errorf("%w: %d of %d bytes of the RIFF header", ErrTruncatedHeader, n, len(h))
	}
	l.riffSize = binary.LittleEndian.Uint32(h[4:])
	return nil
}

func prefixMatches(b []byte, magic string) bool { return string(b) == magic[:len(b)] }

// readFmt parses the fmt chunk whose header is at pos and whose body is n bytes.
func readFmt(r io.ReaderAt, pos, n, size int64, l *layout) error {
	if n < 16 {
		return fmt.Errorf("%w: fmt chunk of %d bytes, want at least 16", ErrBadHeader, n)
	}
	var b [16]byte
	if err := readFull(r, b[:], pos+chunkHeaderLen, size, "fmt chunk"); err != nil {
		return err
	}
	le := binary.LittleEndian
	l.format = Format{
		Encoding:   Encoding(le.Uint16(b[0:])),
		Channels:   int(le.Uint16(b[2:])),
		SampleRate: int(le.Uint32(b[4:])),
	}
	l.blockAlign = int64(le.Uint16(b[12:]))
	if l.format.Channels == 0 || l.blockAlign == 0 {
		return fmt.Errorf("%w: %d channels, block size %d", ErrBadHeader, l.format.Channels, l.blockAlign)
	}
	return nil
}

// readFact remembers where the fact chunk at pos keeps its sample count.
func readFact(r io.ReaderAt, pos, size int64, l *layout) error {
	var b [4]byte
	if err := readFull(r, b[:], pos+chunkHeaderLen, size, "fact chunk"); err != nil {
		return err
	}
	l.factAt, l.factValue = pos+chunkHeaderLen, binary.LittleEndian.Uint32(b[:])
	return nil
}

// readFull reads len(b) bytes at off, or reports that the header of a file of
// size bytes is cut short there.
func readFull(r io.ReaderAt, b []byte, off, size int64, what string) error {
	if off+int64(len(b)) > size {
		return fmt.Errorf("%w: %s at offset %d, file has %d bytes", ErrTruncatedHeader, what, off, size)
	}
	if _, err := r.ReadAt(b, off); err != nil {
		return fmt.Errorf("wav: read %s at offset %d: %w", what, off, err)
	}
	return nil
}
