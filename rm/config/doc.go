// Package config loads and validates the configuration of reel-rm.
//
// Start here: RegisterFlags on the daemon's flag set, then Load, which
// layers the embedded DefaultRM, the YAML file (configs/rm.yaml is the
// commented sample), the REEL_* environment variables and the flags, the
// same way and with the same errors as reel-mcp's core/config: both use
// internal/configload. Groups and tenants are blocks, set in the file only
// (or one group with --mcps / REEL_MCPS). The sections reel-rm shares with
// reel-mcp (http, log, the sip listener's checks) are core/config's types.
package config
