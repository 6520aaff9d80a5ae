// Package testpki makes throw-away keys and certificates for tests, as
// values and PEM files: self-signed ones (encryption recipients, manifest
// signers) and a CA issuing TLS server/client certificates for 127.0.0.1
// (SIP over TLS).
package testpki
