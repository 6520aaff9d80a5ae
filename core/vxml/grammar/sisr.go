package grammar

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

type (
	vmRuntime = goja.Runtime
	vmValue   = goja.Value
)

// frame is one rule's semantic state while a parse is replayed.
type frame struct {
	name   string
	out    goja.Value
	rules  *goja.Object
	latest goja.Value
	tagged bool
	text   []string
}

// interpret replays a parse and returns the root rule's value (SISR 1.0:
// out per rule, rules.<name> and rules.latest() for rule references, the
// matched text for a rule without tags or references).
func interpret(vm *goja.Runtime, last *act) (goja.Value, error) {
	var acts []*act
	for a := last; a != nil; a = a.prev {
		acts = append(acts, a)
	}
	var stack []*frame
	var result goja.Value = goja.Undefined()
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		switch a.kind {
		case aEnter:
			stack = append(stack, newFrame(vm, a.text))
		case aToken:
			for _, f := range stack {
				f.text = append(f.text, a.text)
			}
		case aTag:
			if err := runTag(vm, stack[len(stack)-1], a); err != nil {
				return nil, err
			}
		case aExit:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := f.value(vm)
			if len(stack) == 0 {
				result = v
				continue
			}
			p := stack[len(stack)-1]
			_ = p.rules.Set(f.name, v)
			p.latest = v
		}
	}
	return result, nil
}

func newFrame(vm *goja.Runtime, name string) *frame {
	f := &frame{name: name, out: vm.NewObject(), rules: vm.NewObject()}
	_ = f.rules.Set("latest", func() goja.Value {
		if f.latest == nil {
			return goja.Undefined()
		}
		return f.latest
	})
	return f
}

func (f *frame) value(vm *goja.Runtime) goja.Value {
	switch {
	case f.tagged:
		return f.out
	case f.latest != nil:
		return f.latest
	}
	return vm.ToValue(strings.Join(f.text, " "))
}

func runTag(vm *goja.Runtime, f *frame, a *act) error {
	f.tagged = true
	if a.lit {
		f.out = vm.ToValue(strings.TrimSpace(a.text))
		return nil
	}
	p, err := tagProgram(a.text)
	if err != nil {
		return err
	}
	fv, err := vm.RunProgram(p)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSemantics, err)
	}
	fn, ok := goja.AssertFunction(fv)
	if !ok {
		return fmt.Errorf("%w: tag %q is not a script body", ErrSemantics, a.text)
	}
	meta := vm.NewObject()
	text := strings.Join(f.text, " ")
	_ = meta.Set("current", func() map[string]any { return map[string]any{"text": text} })
	out, err := fn(goja.Undefined(), f.out, f.rules, meta)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSemantics, err)
	}
	f.out = out
	return nil
}

// tagPrograms caches compiled tags for the process, bounded: when full it
// starts again, so hostile grammars cannot grow it without end.
var tagPrograms = struct {
	sync.Mutex
	m map[string]compiledTag
}{m: map[string]compiledTag{}}

const maxTagPrograms = 10000

type compiledTag struct {
	p   *goja.Program
	err error
}

func tagProgram(src string) (*goja.Program, error) {
	tagPrograms.Lock()
	c, ok := tagPrograms.m[src]
	tagPrograms.Unlock()
	if ok {
		return c.p, c.err
	}
	// the tag must parse on its own, so it cannot close the wrapper
	if _, err := parser.ParseFile(nil, "", src, 0); err != nil {
		c.err = err
	} else {
		c.p, c.err = goja.Compile("tag", "(function(out, rules, meta){"+src+"\n;return out;})", false)
	}
	if c.err != nil {
		c.p, c.err = nil, fmt.Errorf("%w: %v", ErrSemantics, c.err)
	}
	tagPrograms.Lock()
	if len(tagPrograms.m) >= maxTagPrograms {
		tagPrograms.m = map[string]compiledTag{}
	}
	tagPrograms.m[src] = c
	tagPrograms.Unlock()
	return c.p, c.err
}
