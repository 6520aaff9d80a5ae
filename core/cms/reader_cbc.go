package cms

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"io"
)

// cbcOpener holds back the last block until the end, where the padding is.
type cbcOpener struct {
	mode    cipher.BlockMode
	pending []byte
}

func newCBCOpener(block cipher.Block, iv []byte) *cbcOpener {
	return &cbcOpener{mode: cipher.NewCBCDecrypter(block, iv)}
}

func (o *cbcOpener) update(dst io.Writer, c []byte) error {
	o.pending = append(o.pending, c...)
	n := (len(o.pending) - 1) / aes.BlockSize * aes.BlockSize
	if n <= 0 {
		return nil
	}
	o.mode.CryptBlocks(o.pending[:n], o.pending[:n])
	if _, err := dst.Write(o.pending[:n]); err != nil {
		return err
	}
	o.pending = o.pending[:copy(o.pending, o.pending[n:])]
	return nil
}

func (o *cbcOpener) finish(dst io.Writer, _ []byte) error {
	if len(o.pending) != aes.BlockSize {
		return fmt.Errorf("%w: CBC content is not a whole number of blocks", ErrMalformed)
	}
	last := o.pending
	o.mode.CryptBlocks(last, last)
	pad := int(last[len(last)-1])
	if pad < 1 || pad > aes.BlockSize {
		return fmt.Errorf("%w: bad CBC padding (wrong key or damaged)", ErrIntegrity)
	}
	for _, p := range last[len(last)-pad:] {
		if int(p) != pad {
			return fmt.Errorf("%w: bad CBC padding (wrong key or damaged)", ErrIntegrity)
		}
	}
	_, err := dst.Write(last[:len(last)-pad])
	return err
}
