// Package webdav is the storage plugin that PUTs recordings to a WebDAV
// server (Apache mod_dav is the reference) with Basic auth, under a path
// template. README.md says how to configure it and how it fails;
// cmd/reel-plugin-storage-webdav serves it.
package webdav
