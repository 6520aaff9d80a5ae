package sdes

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCrypto(t *testing.T) {
	cases := []struct {
		in    string
		suite Suite
		tag   int
		life  string
		err   error
	}{
		// RFC 4568 §4 example.
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32", err: ErrUnsupported},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20", suite: AESCM128HMACSHA180, tag: 1, life: "2^20"},
		{in: "2 aes_cm_128_hmac_sha1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", suite: AESCM128HMACSHA132, tag: 2},
		{in: "3 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==", suite: AEADAES128GCM, tag: 3},
		{in: "3 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw", suite: AEADAES128GCM, tag: 3},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR WSH=64 KDR=0", suite: AESCM128HMACSHA180, tag: 1},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR UNENCRYPTED_SRTP", err: ErrUnsupported},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR KDR=24", err: ErrUnsupported},
		{in: "1 AES_256_CM_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", err: ErrUnsupported},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:a;inline:b", err: ErrUnsupported},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==", err: ErrMalformed}, // 28 bytes
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:!!!", err: ErrMalformed},
		{in: "1 AES_CM_128_HMAC_SHA1_80 uri:x", err: ErrMalformed},
		{in: "x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", err: ErrMalformed},
		{in: "1 AES_CM_128_HMAC_SHA1_80", err: ErrMalformed},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^99", err: ErrMalformed},
		{in: "1 AES_CM_128_HMAC_SHA1_80 inline:" + strings.Repeat("A", 400), err: ErrMalformed},
	}
	for _, c := range cases {
		got, err := ParseCrypto(c.in)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%q: err %v, want %v", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got.Suite != c.suite || got.Tag != c.tag || got.Lifetime != c.life {
			t.Errorf("%q: %+v, %v", c.in, got, err)
		}
	}
}

func TestCryptoRoundTrip(t *testing.T) {
	for _, s := range Suites {
		c, err := NewCrypto(7, s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseCrypto(c.Attr())
		if err != nil || back != c {
			t.Fatalf("%v: %q read back as %+v, %v", s, c.Attr(), back, err)
		}
		other, _ := NewCrypto(7, s)
		if other == c {
			t.Fatalf("%v: two keys are equal", s)
		}
	}
}

func TestNewCryptoRefusesUnknownSuite(t *testing.T) {
	if _, err := NewCrypto(1, 99); !errors.Is(err, ErrUnsupported) {
		t.Fatal(err)
	}
	if _, err := NewContext(Crypto{}); !errors.Is(err, ErrUnsupported) {
		t.Fatal(err)
	}
}

func FuzzParseCrypto(f *testing.F) {
	f.Add("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32")
	f.Add("3 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw== WSH=64")
	f.Fuzz(func(t *testing.T, v string) {
		c, err := ParseCrypto(v)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		back, err := ParseCrypto(c.Attr())
		if err != nil || back.Suite != c.Suite || back.key != c.key {
			t.Fatalf("%q → %q → %+v, %v", v, c.Attr(), back, err)
		}
	})
}
