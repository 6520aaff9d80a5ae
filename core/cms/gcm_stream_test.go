package cms

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"testing"
)

func TestGCMStreamMatchesStandardAEAD(t *testing.T) {
	key := make([]byte, 32)
	nonce := make([]byte, 12)
	rand.Read(key)
	rand.Read(nonce)
	block, _ := aes.NewCipher(key)
	aead, _ := cipher.NewGCM(block)
	for _, size := range []int{0, 1, 15, 16, 17, 1000, chunkSize - 1, chunkSize, chunkSize + 5, 3*chunkSize + 33} {
		for _, step := range []int{16, 4096, chunkSize} {
			plain := make([]byte, size)
			rand.Read(plain)
			want := aead.Seal(nil, nonce, plain, nil)
			g, err := newGCMStream(block, nonce)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]byte, size)
			g.ctr.XORKeyStream(got, plain)
			for off := 0; off < size; off += step {
				if err := g.hash(got[off:min(off+step, size)]); err != nil {
					t.Fatal(err)
				}
			}
			got = append(got, g.tag()...)
			if !bytes.Equal(got, want) {
				t.Fatalf("size %d step %d: streamed GCM differs from cipher.AEAD", size, step)
			}
		}
	}
}
