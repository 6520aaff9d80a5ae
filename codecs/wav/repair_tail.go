package wav

import (
	"encoding/binary"
	"io"
)

// maxTrailingChunks bounds the walk over chunks after the data (LIST, id3,
// cue, ...); real files have a handful.
const maxTrailingChunks = 64

// declaredSizeHolds reports whether the header's data size can be trusted:
// it is not the never-patched 0xFFFFFFFF, not more than the bytes present,
// whole frames, and whatever follows the data and its pad byte is a chain of
// well-formed chunks ending at the end of the file — metadata a tool added,
// not samples written after the last header patch.
func declaredSizeHolds(r io.ReaderAt, l layout, avail, size int64) bool {
	declared := int64(l.dataSize)
	if l.dataSize == 1<<32-1 || declared > avail || declared%l.blockAlign != 0 {
		return false
	}
	return chunksReachEnd(r, min(l.dataAt+declared+declared&1, size), size)
}

// chunksReachEnd reports whether the bytes from pos to size are whole chunks
// with printable ids (the last one may lack its pad byte).
func chunksReachEnd(r io.ReaderAt, pos, size int64) bool {
	for range maxTrailingChunks {
		if pos == size {
			return true
		}
		var h [chunkHeaderLen]byte
		if pos+chunkHeaderLen > size {
			return false
		}
		if _, err := r.ReadAt(h[:], pos); err != nil || !isChunkID(h[:4]) {
			return false
		}
		n := int64(binary.LittleEndian.Uint32(h[4:]))
		if end := pos + chunkHeaderLen + n; end == size {
			return true
		}
		pos += chunkHeaderLen + n + n&1
		if pos > size {
			return false
		}
	}
	return false
}

// isChunkID reports whether id is four printable ASCII characters, as every
// registered RIFF chunk id is.
func isChunkID(id []byte) bool {
	for _, c := range id {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}
