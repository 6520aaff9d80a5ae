// Command reel-plugin-storage-s3 is Reel's storage plugin for S3-compatible
// servers; plugins/storage/s3 is the implementation and its README the
// configuration.
package main
