// Package cms writes and reads the Cryptographic Message Syntax (RFC 5652)
// messages Reel needs: streaming EnvelopedData (AES-256-CBC) and
// AuthEnvelopedData (AES-256-GCM, RFC 5083) for recordings, and detached
// SignedData for manifests, all in DER that `openssl cms` accepts.
//
// Start here: NewWriter wraps an io.Writer; it needs the plaintext's size up
// front so every DER length is known before the first byte (definite-length
// DER, streamed in 32 KB chunks, bounded memory whatever the file size). Each
// certificate becomes one RecipientInfo: RSA keys by key transport (RSA-OAEP
// with SHA-256 by default, PKCS#1 v1.5 as an option), EC P-256/P-384 keys by
// ephemeral-static ECDH (dhSinglePass-stdDH-sha256kdf-scheme, AES-256 key
// wrap, RFC 5753). Decrypt streams the other way, for `reelctl decrypt`, and
// also reads BER with indefinite lengths as `openssl cms -stream` writes it.
// Sign and Verify make and check detached SignedData.
//
// Why the standard library and not a PKCS#7 package: docs/decisions/0036.
package cms
