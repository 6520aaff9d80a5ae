package cms

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
)

// ContentCipher picks the content encryption.
type ContentCipher int

const (
	// AES256CBC is EnvelopedData with AES-256-CBC: every CMS decryptor reads it.
	AES256CBC ContentCipher = iota
	// AES256GCM is AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084):
	// authenticated, but needs OpenSSL 3.0 or later to open.
	AES256GCM
)

// Options choose the algorithms; the zero value is AES-256-CBC with RSA-OAEP.
type Options struct {
	Cipher       ContentCipher
	KeyTransport KeyTransport
}

// chunkSize is how much plaintext the writer holds before encrypting it.
const chunkSize = 32 << 10

// Writer streams one enveloped message. Write the announced number of
// plaintext bytes, then Close. Not safe for concurrent use.
//
// Layout (definite-length DER; the lengths follow from the size):
//
//	ContentInfo SEQUENCE { id-envelopedData | id-ct-authEnvelopedData,
//	  [0] { SEQUENCE { version, SET OF RecipientInfo,
//	    EncryptedContentInfo { id-data, AlgorithmIdentifier, [0] IMPLICIT ciphertext },
//	    mac OCTET STRING (GCM only) } } }
type Writer struct {
	w       io.Writer
	opt     Options
	want    int64 // plaintext bytes announced
	got     int64
	buf     []byte // plaintext not yet encrypted; cap chunkSize+16
	cbc     cipher.BlockMode
	gcm     *gcmStream
	closed  bool
	failure error
}

// NewWriter writes the message's header to w and returns a Writer for
// exactly size bytes of plaintext, readable by the holder of any one of the
// certificates' private keys. Check the certificates with CheckCertificate
// first: one that fails makes NewWriter fail.
func NewWriter(w io.Writer, size int64, recipients []*x509.Certificate, opt Options) (*Writer, error) {
	if len(recipients) == 0 {
		return nil, fmt.Errorf("%w: no recipients", ErrKey)
	}
	if size < 0 || (opt.Cipher == AES256GCM && size > maxGCMBytes) {
		return nil, fmt.Errorf("%w: size %d", ErrSize, size)
	}
	cek := make([]byte, 32)
	rand.Read(cek)
	ris, kari, err := recipientInfos(recipients, cek, opt.KeyTransport)
	if err != nil {
		return nil, err
	}
	wr := &Writer{w: w, opt: opt, want: size, buf: make([]byte, 0, chunkSize+aes.BlockSize)}
	head, err := wr.start(cek, ris, kari)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(head); err != nil {
		return nil, err
	}
	return wr, nil
}

// recipientInfos returns the DER SET OF RecipientInfo (sorted, as DER wants).
func recipientInfos(certs []*x509.Certificate, cek []byte, kt KeyTransport) ([]byte, bool, error) {
	var all [][]byte
	anyKari := false
	for _, c := range certs {
		ri, kari, err := recipientInfo(c, cek, kt)
		if err != nil {
			return nil, false, err
		}
		anyKari = anyKari || kari
		all = append(all, ri)
	}
	sortDER(all)
	return tlv(tagSet, all...), anyKari, nil
}

// start sets up the cipher and returns every byte before the ciphertext.
func (wr *Writer) start(cek, ris []byte, kari bool) ([]byte, error) {
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	var alg []byte
	var cipherLen, trailer int64
	contentType, version := oidEnvelopedData, int64(0)
	if wr.opt.Cipher == AES256GCM {
		nonce := make([]byte, 12)
		rand.Read(nonce)
		if wr.gcm, err = newGCMStream(block, nonce); err != nil {
			return nil, err
		}
		alg = algID(oidAES256GCM, tlv(tagSequence, octets(nonce), smallInt(16)))
		cipherLen, trailer = wr.want, 18 // mac OCTET STRING of 16
		contentType = oidAuthEnvelopedData
	} else {
		iv := make([]byte, aes.BlockSize)
		rand.Read(iv)
		wr.cbc = cipher.NewCBCEncrypter(block, iv)
		alg = algID(oidAES256CBC, octets(iv))
		cipherLen = (wr.want/aes.BlockSize + 1) * aes.BlockSize
		if kari {
			version = 2
		}
	}
	eci := append(append(oid(oidData), alg...), header(tagCtx0Prim, cipherLen)...)
	eciLen := int64(len(eci)) + cipherLen
	body := append(smallInt(version), ris...)
	body = append(body, header(tagSequence, eciLen)...)
	body = append(body, eci...)
	seqLen := int64(len(body)) + cipherLen + trailer
	seqHdr := header(tagSequence, seqLen)
	ctx := header(tagCtx0, int64(len(seqHdr))+seqLen)
	o := oid(contentType)
	ciLen := int64(len(o)+len(ctx)+len(seqHdr)) + seqLen
	return bytes.Join([][]byte{header(tagSequence, ciLen), o, ctx, seqHdr, body}, nil), nil
}

// Write encrypts p; it never keeps p.
func (wr *Writer) Write(p []byte) (int, error) {
	if wr.failure != nil {
		return 0, wr.failure
	}
	if wr.got+int64(len(p)) > wr.want {
		return 0, wr.fail(fmt.Errorf("%w: more than %d bytes", ErrSize, wr.want))
	}
	n := 0
	for len(p) > 0 {
		k := copy(wr.buf[len(wr.buf):chunkSize], p)
		wr.buf = wr.buf[:len(wr.buf)+k]
		p = p[k:]
		n += k
		wr.got += int64(k)
		if len(wr.buf) == chunkSize {
			if err := wr.flush(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// ReadFrom reads r to its end straight into the writer's buffer — no copy
// between buffers — encrypting each full chunk. More bytes than announced
// fail with ErrSize.
func (wr *Writer) ReadFrom(r io.Reader) (int64, error) {
	var total int64
	for wr.failure == nil {
		n, err := r.Read(wr.buf[len(wr.buf):chunkSize])
		wr.buf = wr.buf[:len(wr.buf)+n]
		wr.got += int64(n)
		total += int64(n)
		if wr.got > wr.want {
			return total, wr.fail(fmt.Errorf("%w: more than %d bytes", ErrSize, wr.want))
		}
		if len(wr.buf) == chunkSize {
			if ferr := wr.flush(); ferr != nil {
				return total, ferr
			}
		}
		switch {
		case errors.Is(err, io.EOF):
			return total, nil
		case err != nil:
			return total, err
		}
	}
	return total, wr.failure
}

// flush encrypts and writes the buffer (whole blocks, or the padded end).
func (wr *Writer) flush() error {
	b := wr.buf
	if wr.gcm != nil {
		wr.gcm.ctr.XORKeyStream(b, b)
		if err := wr.gcm.hash(b); err != nil {
			return wr.fail(err)
		}
	} else {
		wr.cbc.CryptBlocks(b, b)
	}
	if _, err := wr.w.Write(b); err != nil {
		return wr.fail(err)
	}
	wr.buf = wr.buf[:0]
	return nil
}

// Close encrypts the rest, writes the padding or the GCM tag, and checks
// that exactly the announced size was written. It does not close the
// underlying writer. A second Close returns the first one's result.
func (wr *Writer) Close() error {
	if wr.closed || wr.failure != nil {
		return wr.failure
	}
	wr.closed = true
	if wr.got != wr.want {
		return wr.fail(fmt.Errorf("%w: got %d want %d", ErrSize, wr.got, wr.want))
	}
	if wr.cbc != nil {
		pad := aes.BlockSize - len(wr.buf)%aes.BlockSize
		wr.buf = append(wr.buf, bytes.Repeat([]byte{byte(pad)}, pad)...)
	}
	if err := wr.flush(); err != nil {
		return err
	}
	if wr.gcm != nil {
		if _, err := wr.w.Write(octets(wr.gcm.tag())); err != nil {
			return wr.fail(err)
		}
	}
	return nil
}

func (wr *Writer) fail(err error) error {
	if wr.failure == nil {
		wr.failure = err
	}
	return wr.failure
}

// Encrypt copies size bytes from src into an envelope on dst.
func Encrypt(dst io.Writer, src io.Reader, size int64, recipients []*x509.Certificate, opt Options) error {
	w, err := NewWriter(dst, size, recipients, opt)
	if err != nil {
		return err
	}
	if _, err := w.ReadFrom(src); err != nil {
		return err
	}
	return w.Close()
}
