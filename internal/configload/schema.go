package configload

import (
	"reflect"
	"strings"
)

// EnvPrefix starts the name of every environment override.
const EnvPrefix = "REEL_"

// leaf is one configuration key that holds a value (not a section).
type leaf struct {
	key   string       // dotted: "recording.flush_interval"
	typ   reflect.Type // the Go type of the field
	index []int        // reflect field index path in the struct
}

// schema is what a configuration struct type says about its keys.
type schema struct {
	leaves []leaf          // every value key in struct order, outside blocks
	blocks map[string]bool // top-level keys of block fields
}

func schemaOf(t reflect.Type) schema {
	s := schema{leaves: collect(t, "", nil), blocks: map[string]bool{}}
	for i := range t.NumField() {
		if f := t.Field(i); isBlockField(f) {
			s.blocks[f.Tag.Get("mapstructure")] = true
		}
	}
	return s
}

// collect walks struct t and returns its leaves, keys joined with dots.
func collect(t reflect.Type, prefix string, index []int) []leaf {
	var out []leaf
	for i := range t.NumField() {
		f := t.Field(i)
		if isBlockField(f) {
			continue
		}
		key := prefix + f.Tag.Get("mapstructure")
		idx := append(append([]int(nil), index...), i)
		if f.Type.Kind() == reflect.Struct {
			out = append(out, collect(f.Type, key+".", idx)...)
			continue
		}
		out = append(out, leaf{key: key, typ: f.Type, index: idx})
	}
	return out
}

// isBlockField reports a field read from the file as a whole (a list of
// sections, a map of them): it has no default per key and no environment
// variable.
func isBlockField(f reflect.StructField) bool { return f.Tag.Get("reel") == "block" }

func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int64, reflect.Bool:
		return true
	}
	return false
}

// Keys returns every value key of the configuration struct T, dotted, in
// struct order: the keys that have a default per key and an environment
// variable. Block keys are not among them.
func Keys[T any]() []string {
	s := schemaOf(reflect.TypeFor[T]())
	out := make([]string, len(s.leaves))
	for i, l := range s.leaves {
		out[i] = l.key
	}
	return out
}

// EnvName returns the environment variable that overrides key:
// "recording.flush_interval" → "REEL_RECORDING_FLUSH_INTERVAL".
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// values returns c's value keys as key → field value, for viper's defaults.
func (s schema) values(c any) map[string]any {
	v := reflect.ValueOf(c)
	out := make(map[string]any, len(s.leaves))
	for _, l := range s.leaves {
		out[l.key] = v.FieldByIndex(l.index).Interface()
	}
	return out
}

// leafByKey finds the leaf for a dotted key.
func (s schema) leafByKey(key string) (leaf, bool) {
	for _, l := range s.leaves {
		if l.key == key {
			return l, true
		}
	}
	return leaf{}, false
}
