// Package tenantcert keeps each recording profile's (tenant's) encryption
// certificates: PEM files read at start and again when they change or on
// Reload (SIGHUP), checked (RSA ≥ 2048 bits, EC P-256/P-384) and handed
// out without the ones that are expired or not yet valid.
//
// Start here: Load with the profiles' file lists, call Watch in a goroutine,
// Reload on SIGHUP, and Recipients when a file is to be encrypted. A file
// that is missing, malformed or holds a weak key is an error at Load; at a
// later reload the profile keeps the certificates it had and the error is
// logged once, so a bad edit during a rotation never stops encryption.
package tenantcert
