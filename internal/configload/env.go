package configload

import (
	"strings"

	"github.com/spf13/viper"
)

// mergeEnv puts the REEL_* variables of env that name a value key into v's
// config layer, above the file. Empty values are ignored (as viper does), so
// an exported but empty variable never clears a key. Variables that name no
// key are ignored too: both daemons and other tools share the REEL_ prefix.
func (s schema) mergeEnv(v *viper.Viper, env map[string]string, src *Sources) {
	values := map[string]any{}
	for _, l := range s.leaves {
		name := EnvName(l.key)
		val := env[name]
		if val == "" {
			continue
		}
		setNested(values, l.key, val)
		src.Env[l.key] = name
	}
	// MergeConfigMap cannot fail; it returns an error only for API symmetry.
	_ = v.MergeConfigMap(values)
}

// EnvMap turns "NAME=value" entries into a map; a later entry wins, as in
// os.Getenv.
func EnvMap(env []string) map[string]string {
	m := make(map[string]string, len(env))
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// setNested stores val under the dotted key in m, creating sections.
func setNested(m map[string]any, key string, val any) {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		sub, ok := m[p].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[p] = sub
		}
		m = sub
	}
	m[parts[len(parts)-1]] = val
}
