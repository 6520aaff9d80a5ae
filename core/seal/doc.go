// Package seal makes a spooled recording fit to leave the node: each file
// encrypted in place for its profile's certificates (core/cms), a signed
// manifest in the node's hash chain (core/manifest) added beside the files,
// and the metadata document told the format, the certificates' SHA-256
// fingerprints and each stored file's size and SHA-256.
//
// Start here: build a Sealer and pass its Seal method as spool.Options.Seal.
// The spool runs it on a delivery worker (off the media clock), once per
// job, before any delivery; after a crash or an error it runs again and
// picks up where it stopped. A profile that requires encryption but has no
// valid certificate gets ErrWaiting: its jobs stay in the spool, counted
// by Waiting, until a certificate is configured. Where encryption sits and
// why: docs/decisions/0037.
package seal
