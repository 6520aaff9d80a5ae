package cms

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"testing"
)

var algorithmCases = []struct {
	key string
	opt Options
}{
	{"rsa2048", Options{}},
	{"rsa2048", Options{KeyTransport: RSAPKCS1v15}},
	{"rsa2048", Options{Cipher: AES256GCM}},
	{"rsa2048", Options{Cipher: AES256GCM, KeyTransport: RSAPKCS1v15}},
	{"p256", Options{}},
	{"p384", Options{Cipher: AES256GCM}},
}

func caseName(key string, opt Options) string {
	c, kt := "cbc", "oaep"
	if opt.Cipher == AES256GCM {
		c = "gcm"
	}
	if opt.KeyTransport == RSAPKCS1v15 {
		kt = "pkcs1v15"
	}
	return fmt.Sprintf("%s/%s/%s", key, c, kt)
}

func TestOpenSSLDecryptsWhatTheWriterWrites(t *testing.T) {
	for _, tc := range algorithmCases {
		for _, size := range []int{0, 1, 16, 1000, chunkSize + 7, 3 * chunkSize} {
			t.Run(fmt.Sprintf("%s/%d bytes", caseName(tc.key, tc.opt), size), func(t *testing.T) {
				k := newTestKey(t, tc.key)
				plain := make([]byte, size)
				rand.Read(plain)
				env := encryptBytes(t, plain, tc.opt, k)
				got, err := openssl(t, env, "cms", "-decrypt", "-binary", "-inform", "DER", "-inkey", k.keyPath, "-recip", k.certPath)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, plain) {
					t.Fatalf("openssl returned %d bytes that differ from the %d written", len(got), len(plain))
				}
				reencoded, err := openssl(t, env, "cms", "-cmsout", "-inform", "DER", "-outform", "DER")
				if err != nil || !bytes.Equal(reencoded, env) {
					t.Fatalf("openssl re-encodes the envelope differently (not DER): %v", err)
				}
			})
		}
	}
}
