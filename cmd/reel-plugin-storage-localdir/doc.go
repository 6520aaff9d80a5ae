// Command reel-plugin-storage-localdir is the embedded default destination
// of reel-mcp: it stores recordings in a local directory and writes their
// metadata beside them (plugins/storage/localdir).
package main
