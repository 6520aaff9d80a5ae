package config

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
	index []int        // reflect field index path in MCP
}

// leaves lists every key of MCP in struct order; it is the single source of
// the key list, so a new field gets a default, an env variable and strict
// file checking without further code.
var leaves = collect(reflect.TypeFor[MCP](), "", nil)

// sectionKeys are the keys that hold other keys ("sip", "rtp", …).
var sectionKeys = collectSections(reflect.TypeFor[MCP](), "", map[string]bool{})

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

// collectSections adds the dotted keys of t's struct-typed fields to out.
func collectSections(t reflect.Type, prefix string, out map[string]bool) map[string]bool {
	for i := range t.NumField() {
		if f := t.Field(i); f.Type.Kind() == reflect.Struct {
			key := prefix + f.Tag.Get("mapstructure")
			out[key] = true
			collectSections(f.Type, key+".", out)
		}
	}
	return out
}

// isBlockField reports a field read from the file as a whole (a list of
// sections, a map of them): it has no default per key and no environment
// variable.
func isBlockField(f reflect.StructField) bool { return f.Tag.Get("reel") == "block" }

// blockKeys are the top-level keys of block fields ("plugins", "profiles").
var blockKeys = collectBlocks(reflect.TypeFor[MCP]())

func collectBlocks(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		if f := t.Field(i); isBlockField(f) {
			out[f.Tag.Get("mapstructure")] = true
		}
	}
	return out
}

// Keys returns every configuration key, dotted, in the order of the MCP
// struct (and of configs/mcp.yaml).
func Keys() []string {
	out := make([]string, len(leaves))
	for i, l := range leaves {
		out[i] = l.key
	}
	return out
}

// EnvName returns the environment variable that overrides key:
// "recording.flush_interval" → "REEL_RECORDING_FLUSH_INTERVAL".
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// values returns c as key → field value, for viper's defaults.
func (c MCP) values() map[string]any {
	v := reflect.ValueOf(c)
	out := make(map[string]any, len(leaves))
	for _, l := range leaves {
		out[l.key] = v.FieldByIndex(l.index).Interface()
	}
	return out
}

// leafByKey finds the leaf for a dotted key.
func leafByKey(key string) (leaf, bool) {
	for _, l := range leaves {
		if l.key == key {
			return l, true
		}
	}
	return leaf{}, false
}
