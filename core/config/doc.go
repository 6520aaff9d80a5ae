// Package config loads and validates the configuration of reel-mcp.
//
// Start here: RegisterFlags on the daemon's flag set, then Load, which
// layers the sources in this order, each overriding the one before:
//
//  1. Default(), the embedded default: records MP3 and WAV into ./var/reel-mcp
//     and needs no external service;
//  2. the YAML file (optional; configs/mcp.yaml is the commented sample);
//  3. REEL_* environment variables, one per key: the key upper-cased with
//     dots replaced by underscores (recording.flush_interval →
//     REEL_RECORDING_FLUSH_INTERVAL; lists are comma-separated);
//  4. the few command-line flags (--sip-listen, --http-listen, --data-dir).
//
// Load then calls Validate. Unknown keys in the file are an error naming the
// key and its line; every Validate error names the key it is about. The key
// list is derived from the MCP struct (Keys), so every key has a default and
// an environment variable. See docs/decisions/0009-configuration.md.
package config
