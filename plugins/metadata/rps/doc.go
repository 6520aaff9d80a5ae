// Package rps is the metadata plugin that POSTs a recording's metadata
// document (docs/wire.md §5) to the Recording Processor's REST API.
// README.md says how to configure it and how it fails;
// cmd/reel-plugin-metadata-rps serves it.
package rps
