// Package localdir stores finished recordings in a local directory and
// writes each file's metadata document beside it as <file name>.json: the
// embedded default destination of reel-mcp (storage and metadata kinds).
// README.md says how to configure it and how it fails.
package localdir
