package config

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Flag names registered by RegisterFlags.
const (
	FlagConfig     = "config"
	FlagSIPListen  = "sip-listen"
	FlagHTTPListen = "http-listen"
	FlagDataDir    = "data-dir"
)

// EnvConfig names the config file when neither --config nor Load's path does.
const EnvConfig = EnvPrefix + "CONFIG"

// flagKeys maps each value flag to the key it overrides.
var flagKeys = map[string]string{
	FlagSIPListen:  "sip.listen",
	FlagHTTPListen: "http.listen",
	FlagDataDir:    "data_dir",
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
	path = configPath(path, fs, env)
	c, src, err := build(path, fs, env)
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		return MCP{}, wrapSource(path, src.annotate(err))
	}
	return c, nil
}

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

// build layers defaults, the file at path, env and fs, without validating.
func build(path string, fs *pflag.FlagSet, env []string) (MCP, sources, error) {
	src := sources{env: map[string]string{}, line: map[string]int{}, flag: map[string]string{}}
	v := viper.New()
	for key, val := range Default().values() {
		v.SetDefault(key, val)
	}
	if err := mergeFile(v, path, &src); err != nil {
		return MCP{}, src, err
	}
	mergeEnv(v, env, &src)
	if err := bindFlags(v, fs, &src); err != nil {
		return MCP{}, src, err
	}
	c, err := decode(v)
	return c, src, err
}

// configPath picks the file: --config, then path, then $REEL_CONFIG.
func configPath(path string, fs *pflag.FlagSet, env []string) string {
	if fs != nil {
		if f := fs.Lookup(FlagConfig); f != nil && f.Changed {
			return f.Value.String()
		}
	}
	if path != "" {
		return path
	}
	return envMap(env)[EnvConfig]
}

// mergeFile reads the file at path (if any) strictly into v's config layer.
func mergeFile(v *viper.Viper, path string, src *sources) error {
	if path == "" {
		return nil
	}
	m, err := readFile(path, src.line)
	if err != nil {
		return err
	}
	return v.MergeConfigMap(m)
}

// bindFlags binds the flags RegisterFlags added; viper uses a flag's value
// only when it was set on the command line.
func bindFlags(v *viper.Viper, fs *pflag.FlagSet, src *sources) error {
	if fs == nil {
		return nil
	}
	for name, key := range flagKeys {
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if err := v.BindPFlag(key, f); err != nil {
			return fmt.Errorf("config: flag --%s: %w", name, err)
		}
		if f.Changed {
			src.flag[key] = "--" + name
		}
	}
	return nil
}

// wrapSource prefixes err with the file it is about.
func wrapSource(path string, err error) error {
	if path == "" {
		return fmt.Errorf("config: %w", err)
	}
	return fmt.Errorf("config %s: %w", path, err)
}
