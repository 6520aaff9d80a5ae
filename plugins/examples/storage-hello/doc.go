// Command reel-plugin-storage-hello is the copy-me storage plugin: it keeps
// recordings in a local directory, one folder per recording. README.md says
// how to configure it and how it fails; store.go is the part to replace.
package main
