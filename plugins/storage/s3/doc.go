// Package s3 is the storage plugin for S3:bucket[/prefix] destinations: it
// keeps recording files on any S3-compatible server (AWS S3, MinIO, Ceph…).
//
// Objects are stored as <prefix>/<recording id>/<file name>. Put sends a
// single PUT below the multipart threshold and a multipart upload above it,
// both signed with AWS Signature Version 4 (sigv4.go) over the real
// SHA-256 of the payload, so the server rejects damaged bytes. The object's
// SHA-256 travels as user metadata (x-amz-meta-sha256), which Stat reads
// back with a HEAD so the host can skip a retry. S3 errors are mapped to the
// SDK's permanent and retryable classes in errors.go.
//
// The command is cmd/reel-plugin-storage-s3; README.md documents the
// configuration and failure behaviour; docs/decisions/0020-s3-plugin.md the
// choices.
package s3
