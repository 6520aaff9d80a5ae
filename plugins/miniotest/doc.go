// Package miniotest starts a real MinIO server on 127.0.0.1 for tests: its
// data in a folder of the test's, a free port, optionally HTTPS, buckets
// made before it starts. Binary finds the MinIO that scripts/minio/install.sh
// installs; without it a test fails, or skips under -short.
package miniotest
