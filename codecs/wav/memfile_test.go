package wav

import (
	"errors"
	"io"
)

// memFile is an in-memory io.WriteSeeker. With discard set it keeps only the
// length, for benchmarks that must not measure memory growth.
type memFile struct {
	b       []byte
	pos     int64
	size    int64
	discard bool
}

func (m *memFile) Write(p []byte) (int, error) {
	end := m.pos + int64(len(p))
	if !m.discard {
		if end > int64(len(m.b)) {
			m.b = append(m.b, make([]byte, end-int64(len(m.b)))...)
		}
		copy(m.b[m.pos:], p)
	}
	m.pos, m.size = end, max(m.size, end)
	return len(p), nil
}

func (m *memFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += m.pos
	case io.SeekEnd:
		off += m.size
	}
	if off < 0 {
		return 0, errors.New("memFile: negative offset")
	}
	m.pos = off
	return off, nil
}
