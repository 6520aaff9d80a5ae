package script

import "github.com/dop251/goja"

// Scope is one VoiceXML variable scope. Its object holds the variables;
// Parent is the next scope out. A chain is named by its innermost scope.
type Scope struct {
	Name   string // session, application, document, dialog or anonymous
	Obj    *goja.Object
	Parent *Scope
}

// maxDepth is the number of scopes in the longest chain.
const maxDepth = 5

// NewScope creates a scope inside parent. Every named scope but the
// anonymous one holds a variable of its own name that refers to itself.
func (r *Runtime) NewScope(name string, parent *Scope) *Scope {
	s := &Scope{Name: name, Obj: r.vm.NewObject(), Parent: parent}
	if name != "anonymous" {
		_ = s.Obj.Set(name, s.Obj)
	}
	return s
}

// Declare creates or overwrites the variable name in s.
func (r *Runtime) Declare(s *Scope, name string, v goja.Value) error {
	if !isIdentifier(name) {
		return semantic("var name %q is not an identifier", name)
	}
	if v == nil {
		v = goja.Undefined()
	}
	return s.Obj.Set(name, v)
}

// Lookup returns the innermost scope of chain that declares name.
func Lookup(chain *Scope, name string) *Scope {
	for s := chain; s != nil; s = s.Parent {
		if s.Obj.Get(name) != nil {
			return s
		}
	}
	return nil
}

// Find returns the scope named name in chain, or nil.
func Find(chain *Scope, name string) *Scope {
	for s := chain; s != nil; s = s.Parent {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		alpha := c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c > 127
		if !alpha && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func hasOwn(o *goja.Object, name string) bool {
	return o.GetOwnPropertyNames() != nil && containsName(o.GetOwnPropertyNames(), name)
}

func containsName(names []string, s string) bool {
	for _, n := range names {
		if n == s {
			return true
		}
	}
	return false
}

// NewAlias names an existing scope's object a second time: the document
// scope of an application root document is its application scope.
func (r *Runtime) NewAlias(name string, of *Scope) *Scope {
	_ = of.Obj.Set(name, of.Obj)
	return &Scope{Name: name, Obj: of.Obj, Parent: of}
}
