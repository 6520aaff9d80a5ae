package config

import (
	"strings"

	"github.com/spf13/viper"
)

// mergeEnv puts the REEL_* variables of env that name a key into v's config
// layer, above the file. Empty values are ignored (as viper does), so an
// exported but empty variable never clears a key. Variables that name no key
// are ignored too: reel-rm and other tools share the REEL_ prefix.
func mergeEnv(v *viper.Viper, env []string, src *sources) {
	vars := envMap(env)
	values := map[string]any{}
	for _, l := range leaves {
		name := EnvName(l.key)
		val := vars[name]
		if val == "" {
			continue
		}
		setNested(values, l.key, val)
		src.env[l.key] = name
	}
	// MergeConfigMap cannot fail; it returns an error only for API symmetry.
	_ = v.MergeConfigMap(values)
}

// envMap turns "NAME=value" entries into a map; a later entry wins, as in
// os.Getenv.
func envMap(env []string) map[string]string {
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
