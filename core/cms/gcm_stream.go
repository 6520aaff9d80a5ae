package cms

import (
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
)

// gcmStream is AES-GCM (NIST SP 800-38D) over a stream, which
// crypto/cipher's AEAD cannot do: it needs the whole message at once.
// Counter mode comes from cipher.NewCTR; GHASH of each chunk comes from the
// standard AEAD itself (sealing the chunk as additional data with an empty
// plaintext gives E(J0') ⊕ GHASH(chunk ‖ lengths), hardware-accelerated), and
// the chunks are joined with a few GF(2^128) products per chunk. The result
// is byte-identical to cipher.AEAD.Seal (gcm_stream_test.go checks it).
// Not safe for concurrent use.
type gcmStream struct {
	ctr      cipher.Stream
	aux      cipher.AEAD // GHASH oracle, nonce auxNonce
	h        gf128
	auxMask  [16]byte // E(auxNonce ‖ 1)
	tagMask  [16]byte // E(J0)
	acc      gf128    // Σ W_j · H^(blocks after chunk j)
	total    uint64   // ciphertext bytes hashed
	lastSeen bool     // a chunk that was not a whole number of blocks was hashed
}

var auxNonce = make([]byte, 12)

// maxGCMBytes keeps the 32-bit block counter from wrapping.
const maxGCMBytes = (1<<32 - 2) * 16

func newGCMStream(block cipher.Block, nonce []byte) (*gcmStream, error) {
	aux, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	g := &gcmStream{aux: aux}
	var zero, j0 [16]byte
	block.Encrypt(zero[:], zero[:])
	g.h = gfLoad(zero[:])
	copy(j0[:], nonce)
	j0[15] = 1
	block.Encrypt(g.tagMask[:], j0[:])
	var a [16]byte
	a[15] = 1
	block.Encrypt(g.auxMask[:], a[:])
	j0[15] = 2
	g.ctr = cipher.NewCTR(block, j0[:])
	return g, nil
}

// hash adds ciphertext to the running GHASH. Every call but the last must
// pass a whole number of 16-byte blocks.
func (g *gcmStream) hash(c []byte) error {
	if len(c) == 0 {
		return nil
	}
	if g.lastSeen {
		return fmt.Errorf("%w: GCM data after a partial block", ErrMalformed)
	}
	g.lastSeen = len(c)%16 != 0
	g.total += uint64(len(c))
	if g.total > maxGCMBytes {
		return fmt.Errorf("%w: GCM content over %d bytes", ErrUnsupported, uint64(maxGCMBytes))
	}
	t := g.aux.Seal(nil, auxNonce, nil, c)
	subtle.XORBytes(t, t, g.auxMask[:])
	lc := gf128{uint64(len(c)) * 8, 0}
	w := gfLoad(t).xor(gfMul(lc, g.h)) // GHASH state of the chunk alone, times H
	blocks := uint64(len(c)+15) / 16
	g.acc = gfMul(g.acc, gfPow(g.h, blocks)).xor(w)
	return nil
}

// tag returns the 16-byte authentication tag of everything hashed.
func (g *gcmStream) tag() []byte {
	s := g.acc.xor(gfMul(gf128{0, g.total * 8}, g.h))
	out := s.bytes()
	subtle.XORBytes(out, out, g.tagMask[:])
	return out
}

// gf128 is an element of GCM's field, bit 0 of the spec in the top bit of [0].
type gf128 [2]uint64

func gfLoad(b []byte) gf128 {
	return gf128{binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])}
}

func (x gf128) bytes() []byte {
	out := make([]byte, 16)
	binary.BigEndian.PutUint64(out, x[0])
	binary.BigEndian.PutUint64(out[8:], x[1])
	return out
}

func (x gf128) xor(y gf128) gf128 { return gf128{x[0] ^ y[0], x[1] ^ y[1]} }

// gfMul is SP 800-38D Algorithm 1; it runs a few times per 32 KB chunk.
func gfMul(x, y gf128) gf128 {
	var z gf128
	v := y
	for i := 0; i < 128; i++ {
		if x[i/64]>>(63-i%64)&1 == 1 {
			z = z.xor(v)
		}
		lsb := v[1] & 1
		v[1] = v[1]>>1 | v[0]<<63
		v[0] >>= 1
		if lsb == 1 {
			v[0] ^= 0xe1 << 56
		}
	}
	return z
}

// gfPow returns h^n (n ≥ 1) by square and multiply.
func gfPow(h gf128, n uint64) gf128 {
	r := gf128{1 << 63, 0} // the field's 1
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r = gfMul(r, h)
		}
		h = gfMul(h, h)
	}
	return r
}
