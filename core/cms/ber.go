package cms

import (
	"bufio"
	"fmt"
	"io"
)

// maxPart bounds any element the reader holds in memory (recipient infos,
// algorithm parameters, originator info): the content itself streams.
const maxPart = 1 << 20

// berReader reads BER (and so DER) elements one header at a time.
type berReader struct {
	r *bufio.Reader
}

// berHeader is one element's identifier and length; length -1 is indefinite.
type berHeader struct {
	tag    byte
	length int64
}

func (h berHeader) isEOC() bool { return h.tag == 0 && h.length == 0 }

func (b *berReader) header() (berHeader, error) {
	tag, err := b.r.ReadByte()
	if err != nil {
		return berHeader{}, truncated(err)
	}
	if tag&0x1f == 0x1f {
		return berHeader{}, fmt.Errorf("%w: high tag number form", ErrMalformed)
	}
	first, err := b.r.ReadByte()
	if err != nil {
		return berHeader{}, truncated(err)
	}
	h := berHeader{tag: tag, length: int64(first)}
	switch {
	case first < 0x80:
	case first == 0x80:
		if tag&0x20 == 0 {
			return h, fmt.Errorf("%w: indefinite length on a primitive element", ErrMalformed)
		}
		h.length = -1
	case first > 0x88:
		return h, fmt.Errorf("%w: length of %d octets", ErrMalformed, first&0x7f)
	default:
		h.length = 0
		for i := 0; i < int(first&0x7f); i++ {
			c, err := b.r.ReadByte()
			if err != nil {
				return h, truncated(err)
			}
			h.length = h.length<<8 | int64(c)
		}
		if h.length < 0 || h.length >= 1<<48 {
			return h, fmt.Errorf("%w: length %d", ErrMalformed, h.length)
		}
	}
	return h, nil
}

// expect reads a header and checks its tag.
func (b *berReader) expect(tag byte, what string) (berHeader, error) {
	h, err := b.header()
	if err != nil {
		return h, err
	}
	if h.tag != tag {
		return h, fmt.Errorf("%w: %s: tag 0x%02x, want 0x%02x", ErrMalformed, what, h.tag, tag)
	}
	return h, nil
}

// body reads the contents of a definite-length element of at most maxPart bytes.
func (b *berReader) body(h berHeader, what string) ([]byte, error) {
	if h.length < 0 || h.length > maxPart {
		return nil, fmt.Errorf("%w: %s of length %d", ErrMalformed, what, h.length)
	}
	out := make([]byte, h.length)
	if _, err := io.ReadFull(b.r, out); err != nil {
		return nil, truncated(err)
	}
	return out, nil
}

// element reads a whole definite-length element and returns its contents.
func (b *berReader) element(tag byte, what string) ([]byte, error) {
	h, err := b.expect(tag, what)
	if err != nil {
		return nil, err
	}
	return b.body(h, what)
}

// skip discards an element whose header was read, nested indefinite ones too.
func (b *berReader) skip(h berHeader, depth int) error {
	if depth > 32 {
		return fmt.Errorf("%w: nesting deeper than 32", ErrMalformed)
	}
	if h.length >= 0 {
		if _, err := b.r.Discard(int(min(h.length, maxPart+1))); err != nil {
			return truncated(err)
		}
		if h.length > maxPart {
			return fmt.Errorf("%w: skipped element of %d bytes", ErrMalformed, h.length)
		}
		return nil
	}
	for {
		inner, err := b.header()
		if err != nil {
			return err
		}
		if inner.isEOC() {
			return nil
		}
		if err := b.skip(inner, depth+1); err != nil {
			return err
		}
	}
}

func truncated(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: truncated", ErrMalformed)
	}
	return err
}
