package script

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Runtime is one session's ECMAScript engine. It is not safe for concurrent
// use; the session that owns it serialises every call.
type Runtime struct {
	vm     *goja.Runtime
	empty  *goja.Object
	bound  [maxDepth]*goja.Object // objects currently bound to the chain slots
	budget time.Duration
	used   time.Duration // script time since the last Guard
	// Overruns counts interruptions; the session ends after a few.
	Overruns int
}

// Options configure a Runtime.
type Options struct {
	Now      func() time.Time // Date's clock; the session's (virtual) clock
	Budget   time.Duration    // CPU budget per Guard; 0 = none
	MaxStack int              // ECMAScript call depth; 0 = 256
}

// New creates a runtime.
func New(o Options) *Runtime {
	vm := goja.New()
	if o.Now != nil {
		vm.SetTimeSource(o.Now)
	}
	if o.MaxStack == 0 {
		o.MaxStack = 256
	}
	vm.SetMaxCallStackSize(o.MaxStack)
	r := &Runtime{vm: vm, empty: vm.NewObject(), budget: o.Budget}
	for i := range r.bound {
		r.bind(i, r.empty)
	}
	return r
}

// VM exposes the goja runtime for values and objects.
func (r *Runtime) VM() *goja.Runtime { return r.vm }

// Guard starts a new budget: the scripts run for one event share it. The
// returned function ends it.
func (r *Runtime) Guard() (stop func()) {
	r.used = 0
	return func() { r.used = 0 }
}

// Guarded runs fn, which uses the VM directly (SISR tags, for one), under
// what is left of the budget: a watchdog interrupts it when that runs out.
// Only script time counts, not fetches between scripts.
func (r *Runtime) Guarded(fn func() error) error {
	if r.budget <= 0 {
		return fn()
	}
	left := r.budget - r.used
	if left <= 0 {
		return fmt.Errorf("%w: %w", ErrSemantic, ErrBudget)
	}
	start := time.Now()
	fired := make(chan struct{})
	t := time.AfterFunc(left, func() {
		r.vm.Interrupt(ErrBudget)
		close(fired)
	})
	err := fn()
	r.used += time.Since(start)
	if !t.Stop() {
		<-fired
		r.vm.ClearInterrupt()
		// the error event's handler starts with a fresh budget
		r.used = 0
		r.Overruns++
	}
	return err
}

// Eval evaluates an ECMAScript expression in chain.
func (r *Runtime) Eval(chain *Scope, expr string) (goja.Value, error) {
	p, err := programs.get(kindExpr, expr)
	if err != nil {
		return nil, err
	}
	return r.run(chain, p.prog)
}

// EvalBool evaluates a condition.
func (r *Runtime) EvalBool(chain *Scope, expr string) (bool, error) {
	v, err := r.Eval(chain, expr)
	if err != nil {
		return false, err
	}
	return v.ToBoolean(), nil
}

// Exec runs a <script> body in chain; its top-level var and function
// declarations become variables of chain's innermost scope.
func (r *Runtime) Exec(chain *Scope, src string) error {
	p, err := programs.get(kindScript, src)
	if err != nil {
		return err
	}
	for _, name := range p.vars {
		if !hasOwn(chain.Obj, name) {
			_ = chain.Obj.Set(name, goja.Undefined())
		}
	}
	_ = r.vm.Set("__reel_target", chain.Obj)
	_, err = r.run(chain, p.prog)
	return err
}

// Assign sets an existing variable (name may be dotted, as in
// application.x or obj.field); an undeclared variable is ErrSemantic.
func (r *Runtime) Assign(chain *Scope, name string, v goja.Value) error {
	head, _, dotted := strings.Cut(name, ".")
	s := Lookup(chain, head)
	if s == nil {
		return semantic("assignment to undeclared variable %q", head)
	}
	if s.Name == "session" {
		return semantic("session variables are read-only: %q", name)
	}
	if !dotted {
		return s.Obj.Set(name, v)
	}
	p, err := programs.get(kindAssign, name)
	if err != nil {
		return err
	}
	_ = r.vm.Set("__reel_value", v)
	_, err = r.run(chain, p.prog)
	return err
}

// run binds chain to the slots and runs p, converting every failure.
func (r *Runtime) run(chain *Scope, p *goja.Program) (v goja.Value, err error) {
	r.bindChain(chain)
	err = r.Guarded(func() error {
		v, err = r.vm.RunProgram(p)
		return err
	})
	if err != nil {
		return nil, convert(err)
	}
	return v, nil
}

func (r *Runtime) bindChain(chain *Scope) {
	var objs [maxDepth]*goja.Object
	n := 0
	for s := chain; s != nil && n < maxDepth; s = s.Parent {
		n++
	}
	i := n - 1
	for s := chain; s != nil && i >= 0; s = s.Parent {
		objs[i] = s.Obj
		i--
	}
	for i := range objs {
		if objs[i] == nil {
			objs[i] = r.empty
		}
		if r.bound[i] != objs[i] {
			r.bind(i, objs[i])
		}
	}
}

func (r *Runtime) bind(i int, o *goja.Object) {
	r.bound[i] = o
	_ = r.vm.Set(slotNames[i], o)
}

var slotNames = [maxDepth]string{"__reel_s0", "__reel_s1", "__reel_s2", "__reel_s3", "__reel_s4"}

func convert(err error) error {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return fmt.Errorf("%w: %w", ErrSemantic, ErrBudget)
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return semantic("%s", ex.Value().String())
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		return semantic("call stack overflow")
	}
	return semantic("%v", err)
}

func semantic(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrSemantic}, args...)...)
}
