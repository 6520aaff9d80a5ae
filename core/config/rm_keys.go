package config

import "reflect"

// rmLeaves are reel-rm's keys that hold one value or a list of values and
// sit in sections only (not inside groups or tenants): the keys that have
// an environment variable.
var rmLeaves = collectRM(reflect.TypeFor[RM](), "")

func collectRM(t reflect.Type, prefix string) []leaf {
	var out []leaf
	for i := range t.NumField() {
		f := t.Field(i)
		key := prefix + f.Tag.Get("mapstructure")
		switch {
		case f.Type.Kind() == reflect.Struct:
			out = append(out, collectRM(f.Type, key+".")...)
		case isScalar(f.Type) || (f.Type.Kind() == reflect.Slice && isScalar(f.Type.Elem())):
			out = append(out, leaf{key: key, typ: f.Type})
		}
	}
	return out
}

func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int64, reflect.Bool:
		return true
	}
	return false
}

// RMKeys returns reel-rm's keys that can be set from the environment
// (REEL_<KEY>), in struct order. Groups and tenants are set in the file.
func RMKeys() []string {
	out := make([]string, len(rmLeaves))
	for i, l := range rmLeaves {
		out[i] = l.key
	}
	return out
}
