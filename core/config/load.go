package config

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/internal/configload"
)

// Flag names registered by RegisterFlags.
const (
	FlagConfig     = configload.FlagConfig
	FlagSIPListen  = "sip-listen"
	FlagHTTPListen = "http-listen"
	FlagDataDir    = "data-dir"
)

// EnvConfig names the config file when neither --config nor Load's path does.
const EnvConfig = configload.EnvConfig

// EnvPrefix starts the name of every environment override.
const EnvPrefix = configload.EnvPrefix

// spec is reel-mcp's configuration for configload.Load.
var spec = configload.Spec[MCP]{
	Default: Default,
	Flags: map[string]string{
		FlagSIPListen:  "sip.listen",
		FlagHTTPListen: "http.listen",
		FlagDataDir:    "data_dir",
	},
	Finish:   defaultNodeID,
	Validate: MCP.Validate,
}

// RegisterFlags adds --config, --sip-listen, --http-listen and --data-dir to
// fs, with the defaults shown in the help text.
func RegisterFlags(fs *pflag.FlagSet) {
	d := Default()
	fs.String(FlagConfig, "", "YAML config file (default: none, built-in defaults; env "+EnvConfig+")")
	fs.String(FlagSIPListen, d.SIP.Listen, "SIP listen address host:port (sip.listen)")
	fs.String(FlagHTTPListen, d.HTTP.Listen, "admin HTTP listen address host:port (http.listen)")
	fs.String(FlagDataDir, d.DataDir, "directory for the spool and recordings (data_dir)")
}

// Load builds the configuration from Default(), then the YAML file, then the
// REEL_* variables in env (normally os.Environ()), then the flags in fs
// registered by RegisterFlags (nil: none), and validates it.
//
// The file is --config if set, else path, else $REEL_CONFIG; with none of
// them only the defaults apply. Errors name the key, and the file line when
// the value came from the file.
func Load(path string, fs *pflag.FlagSet, env []string) (MCP, error) {
	return configload.Load(spec, path, fs, env)
}

// defaultNodeID turns an empty node_id (in the file or the environment)
// into DefaultNodeID().
func defaultNodeID(c *MCP, _ *pflag.FlagSet, _ map[string]string, _ *configload.Sources) error {
	if c.NodeID == "" {
		c.NodeID = DefaultNodeID()
	}
	return nil
}

// Keys returns every configuration key, dotted, in the order of the MCP
// struct (and of configs/mcp.yaml). Plugins and profiles are blocks, set in
// the file only.
func Keys() []string { return configload.Keys[MCP]() }

// EnvName returns the environment variable that overrides key:
// "recording.flush_interval" → "REEL_RECORDING_FLUSH_INTERVAL".
func EnvName(key string) string { return configload.EnvName(key) }

// AbsolutePaths resolves data_dir and recording.dir against the working
// directory; the daemon calls it once at start. Plugins are given these
// paths (${data_dir}, ${recording_dir}) and insist on absolute ones, and a
// daemon's paths must not change meaning if its directory changes later.
func (c *MCP) AbsolutePaths() error {
	for _, p := range []*string{&c.DataDir, &c.Recording.Dir} {
		if *p == "" || filepath.IsAbs(*p) {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return fmt.Errorf("data_dir: %w", err)
		}
		*p = abs
	}
	return nil
}
