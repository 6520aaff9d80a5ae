package cms

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

func decryptBytes(env []byte, k *testKey) ([]byte, error) {
	var out bytes.Buffer
	err := Decrypt(&out, bytes.NewReader(env), k.key)
	return out.Bytes(), err
}

func TestDecryptReadsWhatTheWriterWrites(t *testing.T) {
	for _, tc := range algorithmCases {
		for _, size := range []int{0, 15, 16, 17, chunkSize, 2*chunkSize + 1} {
			t.Run(fmt.Sprintf("%s/%d bytes", caseName(tc.key, tc.opt), size), func(t *testing.T) {
				k := newTestKey(t, tc.key)
				plain := make([]byte, size)
				rand.Read(plain)
				got, err := decryptBytes(encryptBytes(t, plain, tc.opt, k), k)
				if err != nil || !bytes.Equal(got, plain) {
					t.Fatalf("round trip failed: %v (%d of %d bytes)", err, len(got), size)
				}
			})
		}
	}
}

func TestDecryptReadsWhatOpenSSLWrites(t *testing.T) {
	plain := make([]byte, 70000)
	rand.Read(plain)
	in := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(in, plain, 0o600)
	for _, tc := range []struct {
		name, key string
		args      []string
	}{
		{"DER, CBC, PKCS#1 v1.5", "rsa2048", []string{"-aes-256-cbc"}},
		{"BER streamed, CBC", "rsa2048", []string{"-aes-256-cbc", "-stream"}},
		{"DER, GCM", "rsa2048", []string{"-aes-256-gcm"}},
		{"BER streamed, GCM, OAEP", "rsa2048", []string{"-aes-256-gcm", "-stream", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"}},
		{"EC P-256, SHA-1 KDF, AES-128", "p256", []string{"-aes-128-cbc"}},
		{"EC P-384, streamed", "p384", []string{"-aes-256-cbc", "-stream"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := newTestKey(t, tc.key)
			args := []string{"cms", "-encrypt", "-binary", "-outform", "DER", "-in", in, "-recip", k.certPath}
			env, err := openssl(t, nil, append(args, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decryptBytes(env, k)
			if err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("decrypting openssl's envelope: %v (%d bytes)", err, len(got))
			}
		})
	}
}

func TestDecryptRefusesWithAPreciseError(t *testing.T) {
	a, b := newTestKey(t, "rsa2048"), newTestKey(t, "p256")
	plain := bytes.Repeat([]byte("card 4111 1111 1111 1111 "), 2000)
	cbc := encryptBytes(t, plain, Options{}, a)
	gcm := encryptBytes(t, plain, Options{Cipher: AES256GCM}, a)
	flip := func(env []byte, at int) []byte {
		d := bytes.Clone(env)
		d[at] ^= 1
		return d
	}
	for _, tc := range []struct {
		name string
		env  []byte
		key  *testKey
		want error
	}{
		{"a file for another key", cbc, b, ErrNoRecipient},
		{"a truncated file", cbc[:len(cbc)/2], a, ErrMalformed},
		{"a GCM file with one ciphertext bit flipped", flip(gcm, len(gcm)-100), a, ErrIntegrity},
		{"a GCM file with the tag altered", flip(gcm, len(gcm)-1), a, ErrIntegrity},
		{"a CBC file whose last block is altered", flip(cbc, len(cbc)-1), a, ErrIntegrity},
		{"not CMS at all", []byte("ID3\x03\x00 an mp3"), a, ErrMalformed},
		{"an empty file", nil, a, ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decryptBytes(tc.env, tc.key)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestRotationOverlapOpensWithEitherKeyOnly(t *testing.T) {
	a, b, c := newTestKey(t, "rsa2048"), newTestKey(t, "p384"), newTestKey(t, "p256")
	plain := []byte("rotation")
	for _, tc := range []struct {
		name      string
		for_      []*testKey
		opens     []*testKey
		doesNotOp []*testKey
	}{
		{"file 1 made for A", []*testKey{a}, []*testKey{a}, []*testKey{b, c}},
		{"file 2 made during the overlap", []*testKey{a, b}, []*testKey{a, b}, []*testKey{c}},
		{"file 3 made for B", []*testKey{b}, []*testKey{b}, []*testKey{a, c}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := encryptBytes(t, plain, Options{}, tc.for_...)
			for _, k := range tc.opens {
				if got, err := decryptBytes(env, k); err != nil || !bytes.Equal(got, plain) {
					t.Errorf("%s cannot open it: %v", k.cert.Subject.CommonName, err)
				}
				if _, err := openssl(t, env, "cms", "-decrypt", "-inform", "DER", "-inkey", k.keyPath); err != nil {
					t.Errorf("openssl with %s cannot open it: %v", k.cert.Subject.CommonName, err)
				}
			}
			for _, k := range tc.doesNotOp {
				if _, err := decryptBytes(env, k); !errors.Is(err, ErrNoRecipient) {
					t.Errorf("%s: got %v, want ErrNoRecipient", k.cert.Subject.CommonName, err)
				}
			}
		})
	}
}

func TestWriterRefusesTheWrongSize(t *testing.T) {
	k := newTestKey(t, "rsa2048")
	if _, err := NewWriter(&bytes.Buffer{}, 10, nil, Options{}); !errors.Is(err, ErrKey) {
		t.Fatalf("no recipients: got %v", err)
	}
	w, _ := NewWriter(&bytes.Buffer{}, 10, []*x509.Certificate{k.cert}, Options{})
	w.Write([]byte("short"))
	if err := w.Close(); !errors.Is(err, ErrSize) {
		t.Fatalf("short: got %v", err)
	}
	w, _ = NewWriter(&bytes.Buffer{}, 3, []*x509.Certificate{k.cert}, Options{})
	if _, err := w.Write([]byte("too long")); !errors.Is(err, ErrSize) {
		t.Fatalf("long: got %v", err)
	}
	// Encrypt reads its source straight into the writer (ReadFrom).
	certs := []*x509.Certificate{k.cert}
	src := bytes.Repeat([]byte{7}, chunkSize+100)
	if err := Encrypt(io.Discard, bytes.NewReader(src), int64(len(src)-1), certs, Options{}); !errors.Is(err, ErrSize) {
		t.Fatalf("Encrypt of a longer source: got %v", err)
	}
	if err := Encrypt(io.Discard, bytes.NewReader(src), int64(len(src)+1), certs, Options{}); !errors.Is(err, ErrSize) {
		t.Fatalf("Encrypt of a shorter source: got %v", err)
	}
	if err := Encrypt(io.Discard, iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(src))), int64(len(src)), certs, Options{}); err != nil {
		t.Fatalf("Encrypt from one-byte reads: %v", err)
	}
}

func TestCheckCertificateRefusesWeakKeys(t *testing.T) {
	if err := CheckCertificate(newTestKey(t, "rsa1024").cert); !errors.Is(err, ErrKey) {
		t.Fatalf("RSA 1024: got %v", err)
	}
	for _, kind := range []string{"rsa2048", "p256", "p384"} {
		if err := CheckCertificate(newTestKey(t, kind).cert); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
}
