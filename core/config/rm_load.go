package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
)

// FlagMCPs replaces the groups with one group of these MCPs.
const FlagMCPs = "mcps"

// rmFlagKeys maps each value flag of reel-rm to the key it overrides.
var rmFlagKeys = map[string]string{FlagSIPListen: "sip.listen", FlagHTTPListen: "http.listen"}

// RegisterRMFlags adds --config, --sip-listen, --http-listen and --mcps to fs.
func RegisterRMFlags(fs *pflag.FlagSet) {
	fs.String(FlagConfig, "", "YAML config file (default: none, built-in defaults; env "+EnvConfig+")")
	fs.String(FlagSIPListen, DefaultRMSIPListen, "SIP listen address host:port (sip.listen)")
	fs.String(FlagHTTPListen, DefaultRMHTTPListen, "admin HTTP listen address host:port (http.listen)")
	fs.StringSlice(FlagMCPs, nil, "MCPs host:port,… as one group with the default policy (replaces groups; also REEL_MCPS)")
}

// LoadRM builds reel-rm's configuration like Load does reel-mcp's: DefaultRM,
// then the YAML file, then the REEL_* variables in env, then the flags
// registered by RegisterRMFlags (fs nil: none), then ValidateRM. Lists and
// maps (groups, tenants, sip.transports) set in a layer replace the
// default as a whole. Groups and tenants can only be set in the file (or,
// for a single group, with --mcps or REEL_MCPS).
func LoadRM(path string, fs *pflag.FlagSet, env []string) (RM, error) {
	path = configPath(path, fs, env)
	src := sources{env: map[string]string{}, line: map[string]int{}, flag: map[string]string{}}
	c, err := buildRM(path, fs, env, &src)
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		return RM{}, wrapSource(path, src.annotate(err))
	}
	return c, nil
}

func buildRM(path string, fs *pflag.FlagSet, env []string, src *sources) (RM, error) {
	c := DefaultRM()
	if path != "" {
		tree, err := readRMFile(path, src.line)
		if err != nil {
			return RM{}, err
		}
		if err := decodeRM(&c, tree); err != nil {
			return RM{}, err
		}
	}
	if err := decodeRM(&c, rmEnv(env, src)); err != nil {
		return RM{}, err
	}
	if addrs := trimAll(strings.Split(envMap(env)[EnvMCPs], ",")); len(addrs) > 0 {
		c.Groups = []RMGroup{MCPGroup(addrs...)}
		src.env["groups"] = EnvMCPs
	}
	return c, rmFlags(&c, fs, src)
}

// EnvMCPs is --mcps as an environment variable: "host:port,…" as one group
// with the default policy, replacing the file's groups (the flag wins).
const EnvMCPs = EnvPrefix + "MCPS"

// decodeRM lays tree (nested maps of text, as the file and the environment
// give them) over c. Lists and maps named in tree are cleared first, so
// they replace the earlier layer instead of merging with it.
func decodeRM(c *RM, tree map[string]any) error {
	if len(tree) == 0 {
		return nil
	}
	clearReplaced(reflect.ValueOf(c).Elem(), tree)
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result: c, WeaklyTypedInput: true, ErrorUnused: true, TagName: "mapstructure",
		DecodeHook: mapstructure.ComposeDecodeHookFunc(mapstructure.StringToTimeDurationHookFunc(), splitList),
	})
	if err != nil {
		return err
	}
	if err := dec.Decode(tree); err != nil {
		return keyErrors(err)
	}
	return nil
}

// clearReplaced zeroes the list and map fields of struct v that tree sets.
func clearReplaced(v reflect.Value, tree map[string]any) {
	t := v.Type()
	for i := range t.NumField() {
		sub, ok := tree[t.Field(i).Tag.Get("mapstructure")]
		if !ok {
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Slice, reflect.Map:
			f.SetZero()
		case reflect.Struct:
			if m, ok := sub.(map[string]any); ok {
				clearReplaced(f, m)
			}
		}
	}
}

// rmEnv returns the REEL_* variables of env that name a key of RM.
func rmEnv(env []string, src *sources) map[string]any {
	vars := envMap(env)
	out := map[string]any{}
	for _, l := range rmLeaves {
		name := EnvName(l.key)
		if val := vars[name]; val != "" {
			setNested(out, l.key, val)
			src.env[l.key] = name
		}
	}
	return out
}

// rmFlags applies the flags that were set on the command line.
func rmFlags(c *RM, fs *pflag.FlagSet, src *sources) error {
	if fs == nil {
		return nil
	}
	tree := map[string]any{}
	for name, key := range rmFlagKeys {
		if f := fs.Lookup(name); f != nil && f.Changed {
			setNested(tree, key, f.Value.String())
			src.flag[key] = "--" + name
		}
	}
	if err := decodeRM(c, tree); err != nil {
		return err
	}
	if f := fs.Lookup(FlagMCPs); f != nil && f.Changed {
		addrs, err := fs.GetStringSlice(FlagMCPs)
		if err != nil {
			return fmt.Errorf("--%s: %w", FlagMCPs, err)
		}
		c.Groups = []RMGroup{MCPGroup(trimAll(addrs)...)}
		src.flag["groups"] = "--" + FlagMCPs
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
