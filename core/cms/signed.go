package cms

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"time"
)

// Sign returns a detached SignedData (RFC 5652 §5) over content, signed
// with key for cert: SHA-256, signed attributes content-type, signing-time
// and message-digest, the certificate included.
// `openssl cms -verify -binary -inform DER -content <file>` accepts it.
//
//	ContentInfo { id-signedData, [0] SignedData { 1, {sha256}, {id-data},
//	  [0] certificates, { SignerInfo { 1, issuerAndSerialNumber, sha256,
//	  [0] signedAttrs, signatureAlgorithm, signature } } } }
func Sign(content []byte, cert *x509.Certificate, key crypto.Signer, now time.Time) ([]byte, error) {
	sigAlg, err := signatureAlgorithm(key)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(content)
	attrs := [][]byte{
		attribute(oidAttrContentType, oid(oidData)),
		attribute(oidAttrSigningTime, tlv(tagUTCTime, []byte(now.UTC().Format("060102150405Z")))),
		attribute(oidAttrMessageDigest, octets(digest[:])),
	}
	sortDER(attrs)
	h := sha256.Sum256(tlv(tagSet, attrs...)) // signed as a SET, sent as [0] (§5.4)
	sig, err := key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	sha := algID(oidSHA256, nil)
	si := tlv(tagSequence, smallInt(1), issuerAndSerial(cert), sha,
		tlv(tagCtx0, attrs...), sigAlg, octets(sig))
	sd := tlv(tagSequence, smallInt(1), tlv(tagSet, sha), tlv(tagSequence, oid(oidData)),
		tlv(tagCtx0, cert.Raw), tlv(tagSet, si))
	return tlv(tagSequence, oid(oidSignedData), tlv(tagCtx0, sd)), nil
}

func attribute(o asn1.ObjectIdentifier, value []byte) []byte {
	return tlv(tagSequence, oid(o), tlv(tagSet, value))
}

func signatureAlgorithm(key crypto.Signer) ([]byte, error) {
	switch key.Public().(type) {
	case *rsa.PublicKey:
		return algID(oidSHA256WithRSA, []byte{tagNull, 0}), nil
	case *ecdsa.PublicKey:
		return algID(oidECDSAWithSHA256, nil), nil
	}
	return nil, fmt.Errorf("%w: cannot sign with a %T key", ErrKey, key.Public())
}
