package configload

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

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

// anyValue returns n as plain YAML values, for a field of interface type
// (a plugin's own config block): the plugin checks its keys.
func anyValue(key string, n *yaml.Node) (any, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, &KeyError{Key: key, Line: n.Line, Kind: ErrShape, Msg: err.Error()}
	}
	return v, nil
}
