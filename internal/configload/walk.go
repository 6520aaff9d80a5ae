package configload

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ReadFile parses the YAML file at path strictly, guided by the struct
// type t: every key must be a field (or, in a map section such as tenants,
// any name), sections mappings, lists lists. It returns the values as text
// in nested maps and lists (interface-typed fields as plain YAML values),
// and records each key's line in lines ("key[i]" for list items).
func ReadFile(path string, t reflect.Type, lines map[string]int) (map[string]any, error) {
	root, err := readRoot(path)
	if err != nil || root == nil {
		return map[string]any{}, err
	}
	v, err := walk("", root, t, lines)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// walk returns node n, the value of key, as the shape type t asks for.
func walk(key string, n *yaml.Node, t reflect.Type, lines map[string]int) (any, error) {
	n = resolve(n)
	switch {
	case t.Kind() == reflect.Pointer: // an optional section (profiles.<p>.encryption)
		return walk(key, n, t.Elem(), lines)
	case t.Kind() == reflect.Interface:
		return anyValue(key, n)
	case t.Kind() == reflect.Struct:
		return walkStruct(key, n, t, lines)
	case t.Kind() == reflect.Map:
		return walkMap(key, n, t, lines)
	case t.Kind() == reflect.Slice && !isScalar(t.Elem()):
		return walkList(key, n, t, lines)
	case t.Kind() == reflect.Slice:
		if n.Kind == yaml.ScalarNode {
			return n.Value, nil
		}
		if n.Kind != yaml.SequenceNode {
			return nil, shapeError(key, n, "want a list")
		}
		return listValue(key, n, lines)
	case n.Kind != yaml.ScalarNode:
		return nil, shapeError(key, n, "want a single value")
	}
	return n.Value, nil
}

// walkStruct checks a section: known keys only, each once.
func walkStruct(prefix string, n *yaml.Node, t reflect.Type, lines map[string]int) (any, error) {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		fields[t.Field(i).Tag.Get("mapstructure")] = t.Field(i).Type
	}
	return walkPairs(prefix, n, lines, func(key, name string) (reflect.Type, error) {
		if strings.Contains(name, ".") {
			return nil, &KeyError{Key: key, Kind: ErrUnknownKey,
				Msg: "unknown key (nest keys in their section instead of joining them with dots)"}
		}
		if ft, ok := fields[name]; ok {
			return ft, nil
		}
		return nil, &KeyError{Key: key, Kind: ErrUnknownKey}
	})
}

// walkMap checks a map section (profiles, tenants, geo): any names.
func walkMap(prefix string, n *yaml.Node, t reflect.Type, lines map[string]int) (any, error) {
	return walkPairs(prefix, n, lines, func(string, string) (reflect.Type, error) { return t.Elem(), nil })
}

// walkPairs walks mapping n; field returns the type of a key, or the
// KeyError of an unknown one. Empty values are left out (the default stays).
func walkPairs(prefix string, n *yaml.Node, lines map[string]int, field func(key, name string) (reflect.Type, error)) (any, error) {
	if n.Kind != yaml.MappingNode {
		return nil, shapeError(prefix, n, "want a section of keys")
	}
	if prefix != "" {
		prefix += "."
	}
	out := map[string]any{}
	first := map[string]int{}
	var errs []error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if line, dup := first[key]; dup {
			errs = append(errs, &KeyError{Key: key, Line: k.Line, Kind: ErrSyntax,
				Msg: fmt.Sprintf("key repeated (first at line %d)", line)})
			continue
		}
		first[key] = k.Line
		v, err := walkPair(key, k, val, lines, field)
		if err != nil {
			errs = append(errs, err)
		} else if v != nil {
			out[k.Value] = v
		}
	}
	return out, errors.Join(errs...)
}

func walkPair(key string, k, val *yaml.Node, lines map[string]int, field func(key, name string) (reflect.Type, error)) (any, error) {
	if k.Kind != yaml.ScalarNode || k.Value == "" {
		return nil, &KeyError{Key: key, Line: k.Line, Kind: ErrUnknownKey, Msg: "unknown key (keys are plain names)"}
	}
	t, err := field(key, k.Value)
	if err != nil {
		var ke *KeyError
		if errors.As(err, &ke) {
			ke.Line = k.Line
		}
		return nil, err
	}
	lines[key] = k.Line
	if isNull(resolve(val)) {
		return nil, nil
	}
	return walk(key, val, t, lines)
}

// walkList checks a list of sections (plugins, groups, mcps).
func walkList(key string, n *yaml.Node, t reflect.Type, lines map[string]int) (any, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, shapeError(key, n, "want a list")
	}
	out := make([]any, 0, len(n.Content))
	var errs []error
	for i, item := range n.Content {
		ikey := fmt.Sprintf("%s[%d]", key, i)
		lines[ikey] = item.Line
		v, err := walk(ikey, item, t.Elem(), lines)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	return out, errors.Join(errs...)
}
