package configload

import (
	"fmt"
	"reflect"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// FlagConfig names the config file on every daemon's command line.
const FlagConfig = "config"

// EnvConfig names the config file when neither --config nor Load's path does.
const EnvConfig = EnvPrefix + "CONFIG"

// Spec describes one daemon's configuration struct T to Load.
type Spec[T any] struct {
	// Default returns the embedded default; it must validate.
	Default func() T
	// Flags maps each value flag (registered on the daemon's flag set) to
	// the key it overrides; a flag counts only when set on the command line.
	Flags map[string]string
	// Finish, if set, runs after decoding and before Validate, for what the
	// daemon adds to the layers (a derived default, a flag that sets a
	// block). env is the environment as a map; src records where values
	// came from, so that errors can name the origin.
	Finish func(c *T, fs *pflag.FlagSet, env map[string]string, src *Sources) error
	// Validate checks the result; every error should be a *KeyError.
	Validate func(T) error
}

// Load builds T from s.Default(), then the YAML file, then the REEL_*
// variables in env (normally os.Environ()), then the flags in fs (nil:
// none), then s.Finish, and validates it. The file is --config if set, else
// path, else $REEL_CONFIG; with none of them only the defaults apply.
// Errors name the key and the file line, variable or flag of its value.
func Load[T any](s Spec[T], path string, fs *pflag.FlagSet, env []string) (T, error) {
	path = ConfigPath(path, fs, env)
	src := newSources()
	c, err := build(s, path, fs, EnvMap(env), src)
	if err == nil && s.Validate != nil {
		err = s.Validate(c)
	}
	if err != nil {
		var zero T
		return zero, wrapSource(path, src.annotate(err))
	}
	return c, nil
}

// build layers the sources without validating.
func build[T any](s Spec[T], path string, fs *pflag.FlagSet, env map[string]string, src *Sources) (T, error) {
	var c T
	sch := schemaOf(reflect.TypeFor[T]())
	def := s.Default()
	v := viper.New()
	for key, val := range sch.values(def) {
		v.SetDefault(key, val)
	}
	blocks, err := sch.mergeFile(v, path, reflect.TypeFor[T](), src)
	if err != nil {
		return c, err
	}
	sch.mergeEnv(v, env, src)
	if err := bindFlags(v, s.Flags, fs, src); err != nil {
		return c, err
	}
	hook := viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(mapstructure.StringToTimeDurationHookFunc(), splitList))
	if err := v.UnmarshalExact(&c, hook); err != nil {
		return c, sch.keyErrors(err)
	}
	if err := sch.decodeBlocks(&c, def, blocks); err != nil {
		return c, err
	}
	if s.Finish != nil {
		err = s.Finish(&c, fs, env, src)
	}
	return c, err
}

// mergeFile reads the file at path (if any) strictly, puts its value keys
// into v's config layer and returns its blocks.
func (s schema) mergeFile(v *viper.Viper, path string, t reflect.Type, src *Sources) (map[string]any, error) {
	blocks := map[string]any{}
	if path == "" {
		return blocks, nil
	}
	tree, err := ReadFile(path, t, src.Line)
	if err != nil {
		return nil, err
	}
	for key, val := range tree {
		if s.blocks[key] {
			blocks[key] = val
			delete(tree, key)
		}
	}
	return blocks, v.MergeConfigMap(tree)
}

// decodeBlocks sets c's block fields: the file's value where it has one
// (replacing the default as a whole), else the default's.
func (s schema) decodeBlocks(c any, def any, blocks map[string]any) error {
	cv, dv := reflect.ValueOf(c).Elem(), reflect.ValueOf(def)
	for i := range cv.NumField() {
		if f := cv.Type().Field(i); isBlockField(f) {
			if _, set := blocks[f.Tag.Get("mapstructure")]; !set {
				cv.Field(i).Set(dv.Field(i))
			}
		}
	}
	if len(blocks) == 0 {
		return nil
	}
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result: c, WeaklyTypedInput: true, ErrorUnused: true, TagName: "mapstructure",
		DecodeHook: mapstructure.ComposeDecodeHookFunc(mapstructure.StringToTimeDurationHookFunc(), splitList),
	})
	if err != nil {
		return err
	}
	if err := dec.Decode(blocks); err != nil {
		return s.keyErrors(err)
	}
	return nil
}

// ConfigPath picks the file: --config, then path, then $REEL_CONFIG.
func ConfigPath(path string, fs *pflag.FlagSet, env []string) string {
	if fs != nil {
		if f := fs.Lookup(FlagConfig); f != nil && f.Changed {
			return f.Value.String()
		}
	}
	if path != "" {
		return path
	}
	return EnvMap(env)[EnvConfig]
}

// bindFlags binds the value flags; viper uses a flag's value only when it
// was set on the command line.
func bindFlags(v *viper.Viper, flags map[string]string, fs *pflag.FlagSet, src *Sources) error {
	if fs == nil {
		return nil
	}
	for name, key := range flags {
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if err := v.BindPFlag(key, f); err != nil {
			return fmt.Errorf("config: flag --%s: %w", name, err)
		}
		if f.Changed {
			src.Flag[key] = "--" + name
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
