// Package testpki makes throw-away keys and self-signed certificates for
// tests (encryption recipients, manifest signers), as values and PEM files.
package testpki
