// Package sigv4 signs HTTP requests with AWS Signature Version 4 for S3:
// the storage-s3 plugin's requests, and the test MinIO's (plugins/miniotest).
package sigv4
