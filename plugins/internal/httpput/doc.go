// Package httpput uploads files over HTTP(S): a streamed PUT with Basic
// auth, MKCOL of missing parent collections, the few WebDAV calls the
// built-in plugins need (PROPFIND, PROPPATCH, MOVE, DELETE), and the one
// table that maps HTTP statuses to the plugin SDK's error classes. It is
// shared by plugins/storage/webdav and plugins/analytics/speechminer.
package httpput
