package cms

import (
	"crypto/x509"
	"encoding/asn1"
	"math/big"
)

// DER tags used here.
const (
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagSequence    = 0x30
	tagSet         = 0x31
	tagUTCTime     = 0x17
	tagCtx0        = 0xA0 // [0] constructed
	tagCtx1        = 0xA1
	tagCtx2        = 0xA2
	tagCtx0Prim    = 0x80 // [0] IMPLICIT primitive (encryptedContent)
)

// Object identifiers (RFC 5652, 5083, 5084, 4055, 3565, 5753, 5754, 8017).
var (
	oidData              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidEnvelopedData     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 3}
	oidAuthEnvelopedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 23}
	oidAES256CBC         = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidAES256GCM         = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 46}
	oidAES256Wrap        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 45}
	oidRSAEncryption     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAOAEP           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 7}
	oidMGF1              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}
	oidSHA256            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA256WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA256   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECPublicKey       = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidECDHStdSHA256KDF  = asn1.ObjectIdentifier{1, 3, 132, 1, 11, 1}
	oidAttrContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidAttrMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidAttrSigningTime   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
)

// header returns DER identifier and length octets for a value of n bytes.
func header(tag byte, n int64) []byte {
	if n < 0x80 {
		return []byte{tag, byte(n)}
	}
	var l []byte
	for v := n; v > 0; v >>= 8 {
		l = append([]byte{byte(v)}, l...)
	}
	return append([]byte{tag, 0x80 | byte(len(l))}, l...)
}

// tlv returns a complete DER value whose contents are parts concatenated.
func tlv(tag byte, parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := header(tag, int64(n))
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func oid(o asn1.ObjectIdentifier) []byte {
	b, err := asn1.Marshal(o)
	if err != nil {
		panic(err) // only package constants reach here
	}
	return b
}

func integer(v *big.Int) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(err) // *big.Int always marshals
	}
	return b
}

func smallInt(v int64) []byte { return integer(big.NewInt(v)) }

// algID is an AlgorithmIdentifier; params nil means absent.
func algID(o asn1.ObjectIdentifier, params []byte) []byte {
	return tlv(tagSequence, oid(o), params)
}

func octets(b []byte) []byte { return tlv(tagOctetString, b) }

// issuerAndSerial identifies a certificate (RFC 5652 §10.2.4).
func issuerAndSerial(c *x509.Certificate) []byte {
	return tlv(tagSequence, c.RawIssuer, integer(c.SerialNumber))
}
