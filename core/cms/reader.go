package cms

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/subtle"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"io"
)

// contentAlgs maps AES content-encryption OIDs to key size and GCM-ness.
var contentAlgs = map[string]struct {
	keyBytes int
	gcm      bool
}{
	"2.16.840.1.101.3.4.1.2":  {16, false},
	"2.16.840.1.101.3.4.1.22": {24, false},
	"2.16.840.1.101.3.4.1.42": {32, false},
	"2.16.840.1.101.3.4.1.6":  {16, true},
	"2.16.840.1.101.3.4.1.26": {24, true},
	"2.16.840.1.101.3.4.1.46": {32, true},
}

// Decrypt streams the plaintext of the EnvelopedData or AuthEnvelopedData
// in src to dst, opened with key (*rsa.PrivateKey, *ecdsa.PrivateKey or
// *ecdh.PrivateKey). It reads DER and BER. Memory stays bounded whatever the
// size. Plaintext reaches dst before the end is checked: on any error the
// output must be discarded (ErrIntegrity: altered; ErrNoRecipient: wrong
// key; ErrMalformed: damaged).
func Decrypt(dst io.Writer, src io.Reader, key crypto.PrivateKey) error {
	b := &berReader{r: bufio.NewReaderSize(src, chunkSize)}
	auth, err := readPreamble(b)
	if err != nil {
		return err
	}
	set, err := b.element(tagSet, "recipient infos")
	if err != nil {
		return err
	}
	cek, err := openRecipients(set, key)
	if err != nil {
		return err
	}
	op, eci, err := readContentAlgorithm(b, cek)
	if err != nil {
		return err
	}
	if err := streamContent(b, dst, op); err != nil {
		return err
	}
	var mac []byte
	if auth {
		if mac, err = readMAC(b, eci); err != nil {
			return err
		}
	}
	return op.finish(dst, mac)
}

// readPreamble reads up to the recipient infos and reports AuthEnvelopedData.
func readPreamble(b *berReader) (auth bool, err error) {
	if auth, err = readContentType(b); err != nil {
		return false, err
	}
	if _, err := b.expect(tagCtx0, "content"); err != nil {
		return false, err
	}
	if _, err := b.expect(tagSequence, "EnvelopedData"); err != nil {
		return false, err
	}
	if _, err := b.element(tagInteger, "version"); err != nil {
		return false, err
	}
	return auth, skipOriginatorInfo(b)
}

// readContentType reads the ContentInfo's start and reports AuthEnvelopedData.
func readContentType(b *berReader) (auth bool, err error) {
	if _, err := b.expect(tagSequence, "ContentInfo"); err != nil {
		return false, err
	}
	ct, err := b.element(tagOID, "content type")
	if err != nil {
		return false, err
	}
	switch string(ct) {
	case string(oid(oidEnvelopedData)[2:]):
		return false, nil
	case string(oid(oidAuthEnvelopedData)[2:]):
		return true, nil
	}
	return false, fmt.Errorf("%w: content type is not (Auth)EnvelopedData", ErrMalformed)
}

// skipOriginatorInfo skips the optional [0] originatorInfo.
func skipOriginatorInfo(b *berReader) error {
	next, err := b.r.Peek(1)
	if err != nil {
		return truncated(err)
	}
	if next[0] != tagCtx0 {
		return nil
	}
	h, err := b.header()
	if err != nil {
		return err
	}
	return b.skip(h, 0)
}

// readContentAlgorithm reads the EncryptedContentInfo up to its content.
func readContentAlgorithm(b *berReader, cek []byte) (opener, berHeader, error) {
	eci, err := b.expect(tagSequence, "EncryptedContentInfo")
	if err != nil {
		return nil, eci, err
	}
	if _, err := b.element(tagOID, "content type"); err != nil {
		return nil, eci, err
	}
	der, err := b.element(tagSequence, "content encryption algorithm")
	if err != nil {
		return nil, eci, err
	}
	var alg pkix.AlgorithmIdentifier
	if _, err := asn1.Unmarshal(tlv(tagSequence, der), &alg); err != nil {
		return nil, eci, fmt.Errorf("%w: content encryption algorithm: %v", ErrMalformed, err)
	}
	ca, ok := contentAlgs[alg.Algorithm.String()]
	if !ok {
		return nil, eci, fmt.Errorf("%w: content encryption %v", ErrUnsupported, alg.Algorithm)
	}
	if len(cek) != ca.keyBytes {
		return nil, eci, fmt.Errorf("%w: content key of %d bytes for a %d-byte cipher", ErrNoRecipient, len(cek), ca.keyBytes)
	}
	op, err := newOpener(cek, ca.gcm, alg.Parameters.FullBytes)
	return op, eci, err
}

// streamContent feeds the [0] encryptedContent, primitive or constructed.
func streamContent(b *berReader, dst io.Writer, op opener) error {
	h, err := b.header()
	if err != nil {
		return err
	}
	buf := make([]byte, chunkSize)
	switch h.tag {
	case tagCtx0Prim:
		return copySegment(b, dst, op, h.length, buf)
	case tagCtx0:
		return copySegments(b, dst, op, h.length, buf)
	}
	return fmt.Errorf("%w: encrypted content: tag 0x%02x", ErrMalformed, h.tag)
}

// copySegments reads the OCTET STRINGs of a constructed encryptedContent.
func copySegments(b *berReader, dst io.Writer, op opener, length int64, buf []byte) error {
	for read := int64(0); length < 0 || read < length; {
		h, err := b.header()
		if err != nil {
			return err
		}
		if h.isEOC() && length < 0 {
			return nil
		}
		if h.tag != tagOctetString || h.length < 0 {
			return fmt.Errorf("%w: encrypted content segment: tag 0x%02x", ErrMalformed, h.tag)
		}
		if err := copySegment(b, dst, op, h.length, buf); err != nil {
			return err
		}
		read += h.length + int64(len(header(h.tag, h.length)))
	}
	return nil
}

func copySegment(b *berReader, dst io.Writer, op opener, n int64, buf []byte) error {
	for n > 0 {
		k, err := io.ReadFull(b.r, buf[:min(n, int64(len(buf)))])
		if err != nil {
			return truncated(err)
		}
		n -= int64(k)
		if err := op.update(dst, buf[:k]); err != nil {
			return err
		}
	}
	return nil
}

// readMAC reads what follows the content of AuthEnvelopedData: the end of
// the EncryptedContentInfo, no authAttrs (unsupported), and the mac.
func readMAC(b *berReader, eci berHeader) ([]byte, error) {
	h, err := b.header()
	if err != nil {
		return nil, err
	}
	if eci.length < 0 {
		if !h.isEOC() {
			return nil, fmt.Errorf("%w: data after the encrypted content", ErrMalformed)
		}
		if h, err = b.header(); err != nil {
			return nil, err
		}
	}
	if h.tag == tagCtx1 {
		return nil, fmt.Errorf("%w: authenticated attributes", ErrUnsupported)
	}
	if h.tag != tagOctetString {
		return nil, fmt.Errorf("%w: mac: tag 0x%02x", ErrMalformed, h.tag)
	}
	return b.body(h, "mac")
}

// opener decrypts content as it arrives.
type opener interface {
	update(dst io.Writer, ciphertext []byte) error
	finish(dst io.Writer, mac []byte) error
}

func newOpener(cek []byte, gcm bool, params []byte) (opener, error) {
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	if !gcm {
		var iv []byte
		if _, err := asn1.Unmarshal(params, &iv); err != nil || len(iv) != aes.BlockSize {
			return nil, fmt.Errorf("%w: CBC IV: %v", ErrMalformed, err)
		}
		return newCBCOpener(block, iv), nil
	}
	var p struct {
		Nonce  []byte
		ICVLen int `asn1:"optional,default:12"`
	}
	if _, err := asn1.Unmarshal(params, &p); err != nil || len(p.Nonce) != 12 || p.ICVLen < 12 || p.ICVLen > 16 {
		return nil, fmt.Errorf("%w: GCM parameters (want a 12-byte nonce, tag of 12 to 16): %v", ErrUnsupported, err)
	}
	g, err := newGCMStream(block, p.Nonce)
	if err != nil {
		return nil, err
	}
	return &gcmOpener{g: g, tagLen: p.ICVLen}, nil
}

// gcmOpener checks the tag at the end; its buffer keeps GHASH input whole blocks.
type gcmOpener struct {
	g       *gcmStream
	tagLen  int
	pending []byte
}

func (o *gcmOpener) update(dst io.Writer, c []byte) error {
	o.pending = append(o.pending, c...)
	n := len(o.pending) / aes.BlockSize * aes.BlockSize
	if err := o.process(dst, o.pending[:n]); err != nil {
		return err
	}
	o.pending = o.pending[:copy(o.pending, o.pending[n:])]
	return nil
}

func (o *gcmOpener) process(dst io.Writer, c []byte) error {
	if err := o.g.hash(c); err != nil {
		return err
	}
	o.g.ctr.XORKeyStream(c, c)
	_, err := dst.Write(c)
	return err
}

func (o *gcmOpener) finish(dst io.Writer, mac []byte) error {
	if err := o.process(dst, o.pending); err != nil {
		return err
	}
	if len(mac) != o.tagLen || subtle.ConstantTimeCompare(mac, o.g.tag()[:o.tagLen]) != 1 {
		return fmt.Errorf("%w: GCM tag does not match", ErrIntegrity)
	}
	return nil
}

// IsEnvelope reports whether prefix (the first 32 bytes or fewer of a
// file) starts an EnvelopedData or AuthEnvelopedData ContentInfo.
func IsEnvelope(prefix []byte) bool {
	b := &berReader{r: bufio.NewReader(bytes.NewReader(prefix))}
	_, err := readContentType(b)
	return err == nil
}
