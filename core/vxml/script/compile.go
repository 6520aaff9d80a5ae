package script

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

type kind byte

const (
	kindExpr kind = iota
	kindScript
	kindAssign
)

// compiled is a program shared by every runtime, with the names a script
// declares at its top level.
type compiled struct {
	prog *goja.Program
	vars []string
	err  error
}

// cache holds compiled programs for the whole process, bounded: when it is
// full it starts again (documents are few; expressions repeat).
type cache struct {
	mu  sync.Mutex
	m   map[string]*compiled
	max int
}

var programs = &cache{m: map[string]*compiled{}, max: 20000}

const withOpen = "with(__reel_s0)with(__reel_s1)with(__reel_s2)with(__reel_s3)with(__reel_s4){"

func (c *cache) get(k kind, src string) (*compiled, error) {
	key := string(rune('0'+k)) + src
	c.mu.Lock()
	p, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		p = compile(k, src)
		c.mu.Lock()
		if len(c.m) >= c.max {
			c.m = map[string]*compiled{}
		}
		c.m[key] = p
		c.mu.Unlock()
	}
	return p, p.err
}

func compile(k kind, src string) *compiled {
	var code string
	var c compiled
	switch k {
	case kindExpr:
		if strings.TrimSpace(src) == "" {
			return &compiled{err: semantic("empty expression")}
		}
		// the parser must see one expression, not statements smuggled in
		prog, err := parser.ParseFile(nil, "", "("+src+"\n)", 0)
		if err != nil {
			return &compiled{err: semantic("%v", err)}
		}
		if len(prog.Body) != 1 {
			return &compiled{err: semantic("%q is not one expression", src)}
		}
		code = withOpen + "(" + src + "\n)}"
	case kindAssign:
		for _, part := range strings.Split(src, ".") {
			if !isIdentifier(part) {
				return &compiled{err: semantic("%q is not a variable name", src)}
			}
		}
		code = withOpen + src + " = __reel_value}"
	case kindScript:
		prog, err := parser.ParseFile(nil, "", src, 0)
		if err != nil {
			return &compiled{err: semantic("%v", err)}
		}
		vars, funcs := declared(prog.Body)
		c.vars = append(vars, funcs...)
		var b strings.Builder
		b.WriteString("(function(){" + withOpen + src + "\n;")
		for _, f := range funcs {
			b.WriteString("__reel_target." + f + "=" + f + ";")
		}
		b.WriteString("}})()")
		code = b.String()
	}
	p, err := goja.Compile("", code, false)
	if err != nil {
		return &compiled{err: semantic("%v", err)}
	}
	c.prog = p
	return &c
}

// declared returns the names a script declares with var and function at its
// top level (var inside plain blocks, if, for and try hoists there too).
func declared(body []ast.Statement) (vars, funcs []string) {
	for _, st := range body {
		switch s := st.(type) {
		case *ast.FunctionDeclaration:
			if s.Function.Name != nil {
				funcs = append(funcs, string(s.Function.Name.Name))
			}
		default:
			vars = append(vars, varNames(st)...)
		}
	}
	return vars, funcs
}

func varNames(st ast.Statement) []string {
	var out []string
	switch s := st.(type) {
	case *ast.VariableStatement:
		for _, b := range s.List {
			if id, ok := b.Target.(*ast.Identifier); ok {
				out = append(out, string(id.Name))
			}
		}
	case *ast.BlockStatement:
		for _, c := range s.List {
			out = append(out, varNames(c)...)
		}
	case *ast.IfStatement:
		out = append(out, varNames(s.Consequent)...)
		if s.Alternate != nil {
			out = append(out, varNames(s.Alternate)...)
		}
	case *ast.ForStatement:
		if init, ok := s.Initializer.(*ast.ForLoopInitializerVarDeclList); ok {
			for _, b := range init.List {
				if id, ok := b.Target.(*ast.Identifier); ok {
					out = append(out, string(id.Name))
				}
			}
		}
		out = append(out, varNames(s.Body)...)
	case *ast.TryStatement:
		out = append(out, varNames(s.Body)...)
		if s.Finally != nil {
			out = append(out, varNames(s.Finally)...)
		}
	}
	return out
}
