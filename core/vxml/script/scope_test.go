package script

import (
	"errors"
	"testing"
)

func chain(r *Runtime) (session, app, document, dialog, anon *Scope) {
	session = r.NewScope("session", nil)
	app = r.NewScope("application", session)
	document = r.NewScope("document", app)
	dialog = r.NewScope("dialog", document)
	anon = r.NewScope("anonymous", dialog)
	return
}

func TestScopes(t *testing.T) {
	r := New(Options{})
	_, app, document, dialog, anon := chain(r)
	must(t, r.Declare(app, "x", r.VM().ToValue(1)))
	must(t, r.Declare(document, "x", r.VM().ToValue(2)))
	t.Run("the closest enclosing scope wins", func(t *testing.T) {
		v, err := r.Eval(anon, "x")
		must(t, err)
		if v.ToInteger() != 2 {
			t.Fatalf("x = %v, want 2", v)
		}
	})
	t.Run("a scope is reachable by its own name", func(t *testing.T) {
		v, err := r.Eval(anon, "application.x + document.x + (dialog.dialog === dialog)")
		must(t, err)
		if v.String() != "4" {
			t.Fatalf("got %v, want 4", v)
		}
	})
	t.Run("assign finds the declaring scope", func(t *testing.T) {
		must(t, r.Assign(anon, "x", r.VM().ToValue(7)))
		if document.Obj.Get("x").ToInteger() != 7 || app.Obj.Get("x").ToInteger() != 1 {
			t.Fatal("assign went to the wrong scope")
		}
		must(t, r.Assign(anon, "application.x", r.VM().ToValue(9)))
		if app.Obj.Get("x").ToInteger() != 9 {
			t.Fatal("dotted assign did not reach application")
		}
	})
	t.Run("undeclared names are semantic errors", func(t *testing.T) {
		if err := r.Assign(anon, "nope", r.VM().ToValue(1)); !errors.Is(err, ErrSemantic) {
			t.Fatalf("assign: %v", err)
		}
		if _, err := r.Eval(dialog, "nope + 1"); !errors.Is(err, ErrSemantic) {
			t.Fatalf("eval: %v", err)
		}
		if _, err := r.Eval(dialog, "1 +"); !errors.Is(err, ErrSemantic) {
			t.Fatalf("syntax: %v", err)
		}
		if err := r.Assign(anon, "session.x", r.VM().ToValue(1)); !errors.Is(err, ErrSemantic) {
			t.Fatalf("session write: %v", err)
		}
		if _, err := r.Eval(dialog, "1); (2"); !errors.Is(err, ErrSemantic) {
			t.Fatalf("statements smuggled into an expression: %v", err)
		}
	})
}

func TestScriptDeclaresInItsScope(t *testing.T) {
	r := New(Options{})
	_, app, document, dialog, anon := chain(r)
	must(t, r.Declare(app, "base", r.VM().ToValue(40)))
	must(t, r.Exec(app, "var k = 2; function add(n) { return base + k + n; }"))
	if app.Obj.Get("k") == nil || app.Obj.Get("add") == nil {
		t.Fatal("script declarations did not land in the application scope")
	}
	v, err := r.Eval(anon, "add(0)")
	must(t, err)
	if v.ToInteger() != 42 {
		t.Fatalf("add(0) = %v", v)
	}
	must(t, r.Exec(dialog, "var local = 1;"))
	if dialog.Obj.Get("local") == nil || document.Obj.Get("local") != nil {
		t.Fatal("dialog script leaked")
	}
	if r.VM().GlobalObject().Get("local") != nil && !r.VM().GlobalObject().Get("local").SameAs(r.VM().ToValue(nil)) {
		if _, err := r.Eval(r.NewScope("document", app), "local"); err == nil {
			t.Fatal("a dialog variable is visible from another document")
		}
	}
}

func TestBudgetInterruptsRunawayScript(t *testing.T) {
	r := New(Options{Budget: 1})
	stop := r.Guard()
	defer stop()
	_, _, _, dialog, _ := chain(r)
	err := r.Exec(dialog, "while (true) {}")
	if !errors.Is(err, ErrBudget) || !errors.Is(err, ErrSemantic) {
		t.Fatalf("err = %v", err)
	}
}

func TestDeepRecursionIsSemantic(t *testing.T) {
	r := New(Options{})
	_, _, _, dialog, _ := chain(r)
	if err := r.Exec(dialog, "function f(n) { return f(n+1); } f(0);"); !errors.Is(err, ErrSemantic) {
		t.Fatalf("err = %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
