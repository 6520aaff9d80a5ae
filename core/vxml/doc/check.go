package doc

import (
	"fmt"
	"strings"
)

// check walks the VoiceXML elements below n (grammar content excepted) and
// returns the first structural error.
func check(n *Node) error {
	if n.IsText() || (n.Space != NSVXML && n.Space != "") {
		return nil
	}
	if rule, ok := rules[n.Name]; ok {
		if err := rule(n); err != nil {
			return fmt.Errorf("%w: line %d: <%s>: %v", ErrInvalid, n.Line, n.Name, err)
		}
	}
	if n.Name == "grammar" {
		return nil
	}
	for _, c := range n.Children {
		if err := check(c); err != nil {
			return err
		}
	}
	return nil
}

// rules holds the per-element checks: attribute combinations the
// specification forbids and attributes it requires.
var rules = map[string]func(*Node) error{
	"exit":      exclusive(0, 1, "expr", "namelist"),
	"return":    exclusive(0, 1, "event", "eventexpr", "namelist"),
	"audio":     exclusive(1, 1, "src", "expr"),
	"goto":      exclusive(1, 1, "next", "expr", "nextitem", "expritem"),
	"submit":    exclusive(1, 1, "next", "expr"),
	"subdialog": exclusive(0, 1, "src", "srcexpr"),
	"script":    sourceOrContent,
	"grammar":   sourceOrContent,
	"data":      exclusive(1, 1, "src", "srcexpr"),
	"throw":     exclusive(1, 1, "event", "eventexpr"),
	"var":       required("name"),
	"assign":    required("name", "expr"),
	"clear":     none,
	"value":     required("expr"),
	"if":        required("cond"),
	"elseif":    required("cond"),
	"foreach":   required("item", "array"),
	"property":  required("name", "value"),
	"log":       none,
	"choice":    exclusive(0, 1, "next", "expr", "event", "eventexpr"),
	"transfer":  exclusive(0, 1, "dest", "destexpr"),
	"catch":     none,
}

func none(*Node) error { return nil }

// exclusive requires between lo and hi of the attributes to be present.
func exclusive(lo, hi int, names ...string) func(*Node) error {
	return func(n *Node) error {
		k := 0
		for _, a := range names {
			if n.Has(a) {
				k++
			}
		}
		if k < lo || k > hi {
			return fmt.Errorf("needs %d..%d of %s, has %d", lo, hi, strings.Join(names, ", "), k)
		}
		return nil
	}
}

func required(names ...string) func(*Node) error {
	return func(n *Node) error {
		for _, a := range names {
			if !n.Has(a) {
				return fmt.Errorf("missing %s", a)
			}
		}
		return nil
	}
}

// sourceOrContent is the rule of <grammar> and <script>: exactly one of
// src, srcexpr and inline content.
func sourceOrContent(n *Node) error {
	k := 0
	for _, a := range []string{"src", "srcexpr"} {
		if n.Has(a) {
			k++
		}
	}
	if n.HasContent() {
		k++
	}
	if k != 1 {
		return fmt.Errorf("needs exactly one of src, srcexpr and inline content, has %d", k)
	}
	return nil
}
