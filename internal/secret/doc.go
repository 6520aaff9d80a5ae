// Package secret reads secrets (passwords, access keys, private keys)
// from files the configuration names, refusing a file other users may
// read. It is the one way Reel takes secrets: plugin *_file keys, the
// SIP TLS key file and the admin token file all go through it.
//
// Design notes: docs/decisions/0047-who-may-talk.md (§ secrets).
package secret
