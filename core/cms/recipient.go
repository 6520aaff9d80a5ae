package cms

import (
	"crypto/aes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"fmt"
)

// KeyTransport picks how a content key is wrapped for an RSA certificate.
type KeyTransport int

const (
	// RSAOAEP is RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, 4055).
	RSAOAEP KeyTransport = iota
	// RSAPKCS1v15 is RSAES-PKCS1-v1_5, for decryptors that lack OAEP.
	RSAPKCS1v15
)

// MinRSABits is the smallest RSA modulus accepted (the GIR rule).
const MinRSABits = 2048

// recipientInfo returns one DER RecipientInfo wrapping cek for c.
func recipientInfo(c *x509.Certificate, cek []byte, kt KeyTransport) (ri []byte, kari bool, err error) {
	switch pub := c.PublicKey.(type) {
	case *rsa.PublicKey:
		ri, err = keyTransRecipient(c, pub, cek, kt)
		return ri, false, err
	case *ecdsa.PublicKey:
		ri, err = keyAgreeRecipient(c, pub, cek)
		return ri, true, err
	default:
		return nil, false, fmt.Errorf("%w: certificate %q has a %T key", ErrKey, c.Subject, c.PublicKey)
	}
}

// CheckCertificate reports whether c's key can be a recipient.
func CheckCertificate(c *x509.Certificate) error {
	switch pub := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if pub.N.BitLen() < MinRSABits {
			return fmt.Errorf("%w: RSA key of %d bits, need at least %d", ErrKey, pub.N.BitLen(), MinRSABits)
		}
		return nil
	case *ecdsa.PublicKey:
		_, err := ecdhCurve(pub.Curve)
		return err
	default:
		return fmt.Errorf("%w: %T keys cannot receive (want RSA or EC P-256/P-384)", ErrKey, c.PublicKey)
	}
}

// keyTransRecipient is a version 0 KeyTransRecipientInfo (RFC 5652 §6.2.1).
func keyTransRecipient(c *x509.Certificate, pub *rsa.PublicKey, cek []byte, kt KeyTransport) ([]byte, error) {
	if err := CheckCertificate(c); err != nil {
		return nil, err
	}
	var ek, alg []byte
	var err error
	if kt == RSAPKCS1v15 {
		//lint:ignore SA1019 the opt-in for decryptors without OAEP (decision 0036)
		ek, err = rsa.EncryptPKCS1v15(rand.Reader, pub, cek)
		alg = algID(oidRSAEncryption, []byte{tagNull, 0})
	} else {
		ek, err = rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, cek, nil)
		alg = oaepAlgID()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return tlv(tagSequence, smallInt(0), issuerAndSerial(c), alg, octets(ek)), nil
}

// oaepAlgID is RSAES-OAEP with SHA-256 for the hash and MGF1 (RFC 4055 §4.1),
// hash parameters absent as OpenSSL writes them.
func oaepAlgID() []byte { return algID(oidRSAOAEP, oaepParams()) }

func oaepParams() []byte {
	sha := algID(oidSHA256, nil)
	return tlv(tagSequence, tlv(tagCtx0, sha), tlv(tagCtx1, algID(oidMGF1, sha)))
}

// keyAgreeRecipient is a KeyAgreeRecipientInfo (RFC 5652 §6.2.2) with an
// ephemeral originator key, ECDH, the X9.63 SHA-256 KDF and AES-256 key
// wrap (RFC 5753 §3.1).
func keyAgreeRecipient(c *x509.Certificate, pub *ecdsa.PublicKey, cek []byte) ([]byte, error) {
	curve, err := ecdhCurve(pub.Curve)
	if err != nil {
		return nil, err
	}
	rpub, err := pub.ECDH()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	eph, err := curve.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	z, err := eph.ECDH(rpub)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	wrapped, err := aesWrap(x963KDF(sha256.New, z, algID(oidAES256Wrap, nil), nil, 32), cek)
	if err != nil {
		return nil, err
	}
	originator := tlv(tagCtx0, tlv(tagCtx1, algID(oidECPublicKey, nil), bitString(eph.PublicKey().Bytes())))
	keyEnc := algID(oidECDHStdSHA256KDF, algID(oidAES256Wrap, nil))
	rek := tlv(tagSequence, tlv(tagSequence, issuerAndSerial(c), octets(wrapped)))
	return tlv(tagCtx1, smallInt(3), originator, keyEnc, rek), nil
}

func ecdhCurve(c elliptic.Curve) (ecdh.Curve, error) {
	switch c {
	case elliptic.P256():
		return ecdh.P256(), nil
	case elliptic.P384():
		return ecdh.P384(), nil
	}
	return nil, fmt.Errorf("%w: EC curve %s (want P-256 or P-384)", ErrKey, c.Params().Name)
}

func bitString(b []byte) []byte { return tlv(tagBitString, []byte{0}, b) }

// aesWrap is the AES key wrap of RFC 3394 §2.2.1 (default IV).
func aesWrap(kek, key []byte) ([]byte, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	n := len(key) / 8
	out := make([]byte, 8+len(key))
	copy(out[8:], key)
	a := [8]byte{0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}
	var buf [16]byte
	for j := 0; j < 6; j++ {
		for i := 1; i <= n; i++ {
			copy(buf[:8], a[:])
			copy(buf[8:], out[8*i:8*i+8])
			block.Encrypt(buf[:], buf[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(a[:], binary.BigEndian.Uint64(buf[:8])^t)
			copy(out[8*i:], buf[8:])
		}
	}
	copy(out, a[:])
	return out, nil
}

// aesUnwrap reverses aesWrap and checks the integrity value.
func aesUnwrap(kek, wrapped []byte) ([]byte, error) {
	if len(wrapped) < 24 || len(wrapped)%8 != 0 {
		return nil, fmt.Errorf("%w: wrapped key of %d bytes", ErrMalformed, len(wrapped))
	}
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	n := len(wrapped)/8 - 1
	out := make([]byte, len(wrapped))
	copy(out, wrapped)
	var a [8]byte
	copy(a[:], out[:8])
	var buf [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(buf[:8], binary.BigEndian.Uint64(a[:])^t)
			copy(buf[8:], out[8*i:8*i+8])
			block.Decrypt(buf[:], buf[:])
			copy(a[:], buf[:8])
			copy(out[8*i:], buf[8:])
		}
	}
	for _, b := range a {
		if b != 0xA6 {
			return nil, ErrNoRecipient
		}
	}
	return out[8:], nil
}
