package cms

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"hash"
)

// keyAgree is the part of a KeyAgreeRecipientInfo needed to open it.
type keyAgree struct {
	originator []byte // uncompressed EC point
	ukm        []byte
	hash       func() hash.Hash
	wrapAlg    []byte // DER AlgorithmIdentifier of the key wrap, parameters absent
	wrapBytes  int
	keys       [][]byte // encrypted keys of every RecipientEncryptedKey
}

type originatorPublicKey struct {
	Alg pkix.AlgorithmIdentifier
	Key asn1.BitString
}

// parseKeyAgree reads version, originator [0], ukm [1], the algorithms and
// the encrypted keys (RFC 5652 §6.2.2).
func parseKeyAgree(body []byte) (*keyAgree, error) {
	var version int
	var orig, next asn1.RawValue
	rest, err := asn1.Unmarshal(body, &version)
	if err == nil {
		rest, err = asn1.Unmarshal(rest, &orig)
	}
	if err == nil && (orig.Class != asn1.ClassContextSpecific || orig.Tag != 0) {
		err = fmt.Errorf("originator: tag %d", orig.Tag)
	}
	if err == nil {
		_, err = asn1.Unmarshal(orig.Bytes, &orig) // [0] EXPLICIT
	}
	if err == nil {
		rest, err = asn1.Unmarshal(rest, &next)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: key agreement recipient: %v", ErrMalformed, err)
	}
	k := &keyAgree{}
	if next.Class == asn1.ClassContextSpecific && next.Tag == 1 {
		if _, err := asn1.Unmarshal(next.Bytes, &k.ukm); err != nil {
			return nil, fmt.Errorf("%w: ukm: %v", ErrMalformed, err)
		}
		if rest, err = asn1.Unmarshal(rest, &next); err != nil {
			return nil, fmt.Errorf("%w: key agreement recipient: %v", ErrMalformed, err)
		}
	}
	if err := k.setOriginator(orig); err != nil {
		return nil, err
	}
	if err := k.setAlgorithms(next.FullBytes); err != nil {
		return nil, err
	}
	return k, k.setKeys(rest)
}

func (k *keyAgree) setOriginator(orig asn1.RawValue) error {
	if orig.Class != asn1.ClassContextSpecific || orig.Tag != 1 {
		return fmt.Errorf("%w: originator identified by certificate, not by key", ErrUnsupported)
	}
	var opk originatorPublicKey
	if _, err := asn1.UnmarshalWithParams(orig.FullBytes, &opk, "tag:1"); err != nil {
		return fmt.Errorf("%w: originator key: %v", ErrMalformed, err)
	}
	k.originator = opk.Key.RightAlign()
	return nil
}

func (k *keyAgree) setAlgorithms(der []byte) error {
	var alg pkix.AlgorithmIdentifier
	if _, err := asn1.Unmarshal(der, &alg); err != nil {
		return fmt.Errorf("%w: key agreement algorithm: %v", ErrMalformed, err)
	}
	if k.hash = kdfHashes[alg.Algorithm.String()]; k.hash == nil {
		return fmt.Errorf("%w: key agreement %v", ErrUnsupported, alg.Algorithm)
	}
	var wrap pkix.AlgorithmIdentifier
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &wrap); err != nil {
		return fmt.Errorf("%w: key wrap algorithm: %v", ErrMalformed, err)
	}
	if k.wrapBytes = wrapKeyBytes[wrap.Algorithm.String()]; k.wrapBytes == 0 {
		return fmt.Errorf("%w: key wrap %v", ErrUnsupported, wrap.Algorithm)
	}
	k.wrapAlg = algID(wrap.Algorithm, nil)
	return nil
}

func (k *keyAgree) setKeys(der []byte) error {
	var reks []struct {
		RID asn1.RawValue
		Key []byte
	}
	if _, err := asn1.Unmarshal(der, &reks); err != nil {
		return fmt.Errorf("%w: recipient encrypted keys: %v", ErrMalformed, err)
	}
	for _, r := range reks {
		k.keys = append(k.keys, r.Key)
	}
	return nil
}
