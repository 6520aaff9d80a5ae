package cms

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"fmt"
	"hash"
)

// kdfHashes maps dhSinglePass-stdDH-*kdf-scheme OIDs (RFC 5753) to hashes.
var kdfHashes = map[string]func() hash.Hash{
	"1.3.133.16.840.63.0.2": sha1.New,
	"1.3.132.1.11.1":        sha256.New,
	"1.3.132.1.11.2":        sha512.New384,
	"1.3.132.1.11.3":        sha512.New,
}

// wrapKeyBytes maps id-aes*-wrap OIDs to key sizes.
var wrapKeyBytes = map[string]int{
	"2.16.840.1.101.3.4.1.5":  16,
	"2.16.840.1.101.3.4.1.25": 24,
	"2.16.840.1.101.3.4.1.45": 32,
}

// openRecipients finds the RecipientInfo the key opens and returns the
// content-encryption key. set is the contents of the SET OF RecipientInfo.
func openRecipients(set []byte, key crypto.PrivateKey) ([]byte, error) {
	found := 0
	for len(set) > 0 {
		var ri asn1.RawValue
		rest, err := asn1.Unmarshal(set, &ri)
		if err != nil {
			return nil, fmt.Errorf("%w: recipient info: %v", ErrMalformed, err)
		}
		set = rest
		var cek []byte
		switch {
		case ri.Class == asn1.ClassUniversal && ri.Tag == asn1.TagSequence:
			cek, err = openKeyTrans(ri.FullBytes, key)
		case ri.Class == asn1.ClassContextSpecific && ri.Tag == 1:
			cek, err = openKeyAgree(ri.Bytes, key)
		default:
			continue // kekri, pwri, ori: not ours
		}
		if err != nil {
			return nil, err
		}
		if cek != nil {
			return cek, nil
		}
		found++
	}
	return nil, fmt.Errorf("%w (%d recipients tried)", ErrNoRecipient, found)
}

type keyTransInfo struct {
	Version int
	RID     asn1.RawValue
	Alg     pkix.AlgorithmIdentifier
	Key     []byte
}

// openKeyTrans returns the key, or nil when this recipient is not the key's.
func openKeyTrans(der []byte, key crypto.PrivateKey) ([]byte, error) {
	priv, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil
	}
	var ktri keyTransInfo
	if rest, err := asn1.Unmarshal(der, &ktri); err != nil || len(rest) > 0 {
		return nil, fmt.Errorf("%w: key transport recipient: %v", ErrMalformed, err)
	}
	var cek []byte
	var err error
	switch {
	case ktri.Alg.Algorithm.Equal(oidRSAEncryption):
		// Offline, one file at a time (reelctl decrypt): no padding oracle.
		//lint:ignore SA1019 reads the PKCS#1 v1.5 option and openssl's default
		cek, err = rsa.DecryptPKCS1v15(nil, priv, ktri.Key)
	case ktri.Alg.Algorithm.Equal(oidRSAOAEP):
		if string(ktri.Alg.Parameters.FullBytes) != string(oaepParams()) {
			return nil, fmt.Errorf("%w: RSA-OAEP parameters other than SHA-256/MGF1-SHA-256", ErrUnsupported)
		}
		cek, err = rsa.DecryptOAEP(sha256.New(), nil, priv, ktri.Key, nil)
	default:
		return nil, fmt.Errorf("%w: key transport %v", ErrUnsupported, ktri.Alg.Algorithm)
	}
	if err != nil {
		return nil, nil // another recipient's key
	}
	return cek, nil
}

// openKeyAgree handles the contents of a [1] KeyAgreeRecipientInfo.
func openKeyAgree(body []byte, key crypto.PrivateKey) ([]byte, error) {
	priv, err := ecdhKey(key)
	if priv == nil || err != nil {
		return nil, err
	}
	k, err := parseKeyAgree(body)
	if err != nil {
		return nil, err
	}
	pub, err := priv.Curve().NewPublicKey(k.originator)
	if err != nil {
		return nil, nil // another curve: not this key's
	}
	z, err := priv.ECDH(pub)
	if err != nil {
		return nil, nil
	}
	kek := x963KDF(k.hash, z, k.wrapAlg, k.ukm, k.wrapBytes)
	for _, wrapped := range k.keys {
		if cek, err := aesUnwrap(kek, wrapped); err == nil {
			return cek, nil
		}
	}
	return nil, nil
}

func ecdhKey(key crypto.PrivateKey) (*ecdh.PrivateKey, error) {
	switch k := key.(type) {
	case *ecdh.PrivateKey:
		return k, nil
	case *ecdsa.PrivateKey:
		e, err := k.ECDH()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrKey, err)
		}
		return e, nil
	}
	return nil, nil
}

// x963KDF derives a key-encryption key from the shared secret z (ANSI X9.63;
// SharedInfo is ECC-CMS-SharedInfo of RFC 5753 §7.2).
func x963KDF(newHash func() hash.Hash, z, wrapAlg, ukm []byte, size int) []byte {
	info := [][]byte{wrapAlg}
	if ukm != nil {
		info = append(info, tlv(tagCtx0, octets(ukm)))
	}
	info = append(info, tlv(tagCtx2, octets(binary.BigEndian.AppendUint32(nil, uint32(size*8)))))
	shared := tlv(tagSequence, info...)
	var out []byte
	for counter := uint32(1); len(out) < size; counter++ {
		h := newHash()
		h.Write(z)
		h.Write(binary.BigEndian.AppendUint32(nil, counter))
		h.Write(shared)
		out = h.Sum(out)
	}
	return out[:size]
}
