package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// readFile parses the YAML file at path strictly: every key must be known,
// sections must be mappings and values scalars (or lists of scalars for list
// keys). It returns the values as strings and string lists in a nested map
// for viper, and records each key's line in lines.
func readFile(path string, lines map[string]int) (map[string]any, error) {
	root, err := readRoot(path)
	if err != nil || root == nil {
		return map[string]any{}, err
	}
	return walkMapping("", root, lines)
}

// readRoot reads and parses the YAML file at path; nil for an empty file.
func readRoot(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err // the caller names the file
	}
	if err != nil {
		return nil, err
	}
	return parseYAML(data)
}

// parseYAML returns the root node of the only document in data, or nil for
// an empty document.
func parseYAML(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: line %d: more than one document", ErrSyntax, extra.Line)
	}
	if len(doc.Content) == 0 || isNull(resolve(doc.Content[0])) {
		return nil, nil
	}
	return doc.Content[0], nil
}

// walkMapping checks mapping n, whose keys are prefix+name, and returns its
// known values. All problems are reported, joined.
func walkMapping(prefix string, n *yaml.Node, lines map[string]int) (map[string]any, error) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return nil, shapeError(prefix, n, "want a section of keys")
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
		v, err := walkKey(key, k, val, lines)
		if err != nil {
			errs = append(errs, err)
		} else if v != nil {
			out[k.Value] = v
		}
	}
	return out, errors.Join(errs...)
}

// walkKey returns the value of key (nil when the file leaves it empty).
func walkKey(key string, k, val *yaml.Node, lines map[string]int) (any, error) {
	if k.Kind != yaml.ScalarNode {
		return nil, &KeyError{Key: key, Line: k.Line, Kind: ErrUnknownKey, Msg: "unknown key (keys are plain names)"}
	}
	if strings.Contains(k.Value, ".") {
		return nil, &KeyError{Key: key, Line: k.Line, Kind: ErrUnknownKey, Msg: "unknown key (nest keys in their section instead of joining them with dots)"}
	}
	lines[key] = k.Line
	if isNull(resolve(val)) {
		return nil, nil
	}
	if sectionKeys[key] {
		return walkMapping(key+".", val, lines)
	}
	if blockKeys[key] {
		return blockValue(key, resolve(val))
	}
	l, ok := leafByKey(key)
	if !ok {
		return nil, &KeyError{Key: key, Line: k.Line, Kind: ErrUnknownKey}
	}
	return leafValue(l, resolve(val), lines)
}

// leafValue returns a scalar as its text, and a list (for list keys) as a
// []string; the decoder converts them to the field's type.
func leafValue(l leaf, n *yaml.Node, lines map[string]int) (any, error) {
	isList := l.typ.Kind() == reflect.Slice
	switch {
	case n.Kind == yaml.ScalarNode:
		return n.Value, nil
	case n.Kind == yaml.SequenceNode && isList:
		return listValue(l.key, n, lines)
	case isList:
		return nil, shapeError(l.key, n, "want a list")
	default:
		return nil, shapeError(l.key, n, "want a single value")
	}
}

// listValue returns the items of sequence n, which must be scalars.
func listValue(key string, n *yaml.Node, lines map[string]int) ([]string, error) {
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		item = resolve(item)
		ikey := fmt.Sprintf("%s[%d]", key, i)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			return nil, shapeError(ikey, item, "want a single value")
		}
		lines[ikey] = item.Line
		out = append(out, item.Value)
	}
	return out, nil
}

// shapeError reports that n is the wrong kind of node for key.
func shapeError(key string, n *yaml.Node, want string) error {
	if key == "" {
		key = "(top level)"
	}
	return &KeyError{Key: strings.TrimSuffix(key, "."), Line: n.Line, Kind: ErrShape,
		Msg: fmt.Sprintf("%s, got %s", want, kindName(n))}
}

// kindName names a node's kind for error messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a section"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// isNull reports an empty value ("key:", "key: ~", "key: null").
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// blockValue returns a block (plugins, profiles) as plain YAML values; the
// decoder checks its keys strictly.
func blockValue(key string, n *yaml.Node) (any, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, &KeyError{Key: key, Line: n.Line, Kind: ErrShape, Msg: err.Error()}
	}
	return v, nil
}
