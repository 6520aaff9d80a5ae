package config

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/internal/configload"
)

// Flag names registered by RegisterFlags.
const (
	FlagConfig     = configload.FlagConfig
	FlagSIPListen  = "sip-listen"
	FlagHTTPListen = "http-listen"
	// FlagMCPs replaces the groups with one group of these MCPs.
	FlagMCPs = "mcps"
)

// EnvMCPs is --mcps as an environment variable: "host:port,…" as one group
// with the default policy, replacing the file's groups (the flag wins).
const EnvMCPs = configload.EnvPrefix + "MCPS"

// spec is reel-rm's configuration for configload.Load, the mechanism
// reel-mcp's core/config uses too.
var spec = configload.Spec[RM]{
	Default:  DefaultRM,
	Flags:    map[string]string{FlagSIPListen: "sip.listen", FlagHTTPListen: "http.listen"},
	Finish:   mcpsGroup,
	Validate: RM.Validate,
}

// RegisterFlags adds --config, --sip-listen, --http-listen and --mcps to fs.
func RegisterFlags(fs *pflag.FlagSet) {
	fs.String(FlagConfig, "", "YAML config file (default: none, built-in defaults; env "+configload.EnvConfig+")")
	fs.String(FlagSIPListen, DefaultRMSIPListen, "SIP listen address host:port (sip.listen)")
	fs.String(FlagHTTPListen, DefaultRMHTTPListen, "admin HTTP listen address host:port (http.listen)")
	fs.StringSlice(FlagMCPs, nil, "MCPs host:port,… as one group with the default policy (replaces groups; also REEL_MCPS)")
}

// Load builds reel-rm's configuration like core/config.Load does reel-mcp's:
// DefaultRM, then the YAML file, then the REEL_* variables in env, then the
// flags registered by RegisterFlags (fs nil: none), then Validate. Lists
// and maps (groups, tenants, sip.transports) set in a layer replace the
// default as a whole. Groups and tenants can only be set in the file (or,
// for a single group, with --mcps or REEL_MCPS).
func Load(path string, fs *pflag.FlagSet, env []string) (RM, error) {
	return configload.Load(spec, path, fs, env)
}

// Keys returns reel-rm's keys that can be set from the environment
// (REEL_<KEY>), in struct order. Groups and tenants are set in the file.
func Keys() []string { return configload.Keys[RM]() }

// mcpsGroup replaces the groups with one group of the MCPs REEL_MCPS or
// (winning) --mcps names.
func mcpsGroup(c *RM, fs *pflag.FlagSet, env map[string]string, src *configload.Sources) error {
	if addrs := trimAll(strings.Split(env[EnvMCPs], ",")); len(addrs) > 0 {
		c.Groups = []RMGroup{MCPGroup(addrs...)}
		src.Env["groups"] = EnvMCPs
	}
	if fs == nil {
		return nil
	}
	if f := fs.Lookup(FlagMCPs); f != nil && f.Changed {
		addrs, err := fs.GetStringSlice(FlagMCPs)
		if err != nil {
			return fmt.Errorf("--%s: %w", FlagMCPs, err)
		}
		c.Groups = []RMGroup{MCPGroup(trimAll(addrs)...)}
		src.Flag["groups"] = "--" + FlagMCPs
	}
	return nil
}

func trimAll(list []string) []string {
	out := list[:0:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
