// Command reel-plugin-storage-webdav is the WebDAV storage plugin process;
// see plugins/storage/webdav.
package main
