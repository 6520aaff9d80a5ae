package cms

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
)

type contentInfo struct {
	Type    asn1.ObjectIdentifier
	Content asn1.RawValue `asn1:"explicit,tag:0"`
}

type signedData struct {
	Version     int
	DigestAlgs  asn1.RawValue
	Encap       asn1.RawValue
	Certs       asn1.RawValue `asn1:"optional,tag:0"`
	CRLs        asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos []signerInfo  `asn1:"set"`
}

type signerInfo struct {
	Version     int
	SID         issuerSerial
	DigestAlg   pkix.AlgorithmIdentifier
	SignedAttrs asn1.RawValue `asn1:"optional,tag:0"`
	SigAlg      pkix.AlgorithmIdentifier
	Signature   []byte
}

type issuerSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attributeValue struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue
}

// Verify checks a detached SignedData over content: the signer's
// certificate (from the message) must chain to roots, the message digest
// must match and the signature verify. It returns the signer's certificate.
func Verify(sig, content []byte, roots *x509.CertPool) (*x509.Certificate, error) {
	var ci contentInfo
	if rest, err := asn1.Unmarshal(sig, &ci); err != nil || len(rest) > 0 || !ci.Type.Equal(oidSignedData) {
		return nil, fmt.Errorf("%w: not a SignedData: %v", ErrMalformed, err)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, fmt.Errorf("%w: SignedData: %v", ErrMalformed, err)
	}
	if sd.Version != 1 || !bytes.Equal(sd.DigestAlgs.FullBytes, tlv(tagSet, algID(oidSHA256, nil))) ||
		!bytes.Equal(sd.Encap.FullBytes, tlv(tagSequence, oid(oidData))) {
		return nil, fmt.Errorf("%w: want a version 1, SHA-256, detached id-data SignedData", ErrUnsupported)
	}
	certs, err := x509.ParseCertificates(sd.Certs.Bytes)
	if err != nil || len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("%w: want one signer and its certificate (%d signers): %v", ErrMalformed, len(sd.SignerInfos), err)
	}
	si := sd.SignerInfos[0]
	cert := findCert(certs, si.SID)
	if cert == nil {
		return nil, fmt.Errorf("%w: the signer's certificate is not in the message", ErrMalformed)
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: pool(certs),
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		return nil, fmt.Errorf("%w: signer %q is not trusted: %v", ErrSignature, cert.Subject.String(), err)
	}
	return cert, checkSigner(si, cert, content)
}

func checkSigner(si signerInfo, cert *x509.Certificate, content []byte) error {
	if si.Version != 1 || !si.DigestAlg.Algorithm.Equal(oidSHA256) {
		return fmt.Errorf("%w: digest %v", ErrUnsupported, si.DigestAlg.Algorithm)
	}
	digest, err := messageDigest(si.SignedAttrs.Bytes)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(content)
	if !bytes.Equal(digest, sum[:]) {
		return fmt.Errorf("%w: the content's SHA-256 differs from the signed one", ErrSignature)
	}
	alg := x509.SHA256WithRSA
	if si.SigAlg.Algorithm.Equal(oidECDSAWithSHA256) {
		alg = x509.ECDSAWithSHA256
	} else if !si.SigAlg.Algorithm.Equal(oidSHA256WithRSA) && !si.SigAlg.Algorithm.Equal(oidRSAEncryption) {
		return fmt.Errorf("%w: signature algorithm %v", ErrUnsupported, si.SigAlg.Algorithm)
	}
	signed := tlv(tagSet, si.SignedAttrs.Bytes)
	if err := cert.CheckSignature(alg, signed, si.Signature); err != nil {
		return fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return nil
}

// messageDigest finds the message-digest attribute's value.
func messageDigest(attrs []byte) ([]byte, error) {
	for len(attrs) > 0 {
		var a attributeValue
		var err error
		if attrs, err = asn1.Unmarshal(attrs, &a); err != nil {
			return nil, fmt.Errorf("%w: signed attributes: %v", ErrMalformed, err)
		}
		if a.Type.Equal(oidAttrMessageDigest) {
			var d []byte
			if _, err := asn1.Unmarshal(a.Values.Bytes, &d); err != nil {
				return nil, fmt.Errorf("%w: message digest: %v", ErrMalformed, err)
			}
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w: no message digest attribute", ErrMalformed)
}

func findCert(certs []*x509.Certificate, id issuerSerial) *x509.Certificate {
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, id.Issuer.FullBytes) && c.SerialNumber.Cmp(id.Serial) == 0 {
			return c
		}
	}
	return nil
}

func pool(certs []*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}
