package vxml

import (
	"strings"

	"github.com/dop251/goja"
)

// initSessionVars fills session.connection from the configuration and
// makes the session scope read-only for documents.
func (s *Session) initSessionVars() {
	vm := s.rt.VM()
	conn := vm.NewObject()
	set := func(path, v string) {
		o := conn
		parts := strings.Split(path, ".")
		for _, p := range parts[:len(parts)-1] {
			next, ok := o.Get(p).(*goja.Object)
			if !ok {
				next = vm.NewObject()
				_ = o.Set(p, next)
			}
			o = next
		}
		_ = o.Set(parts[len(parts)-1], v)
	}
	set("protocol.name", "sip")
	set("protocol.version", "2.0")
	set("local.uri", "")
	set("remote.uri", "")
	set("aai", "")
	set("originator", "")
	for k, v := range s.cfg.Connection {
		set(k, v)
	}
	_ = s.session.Obj.Set("connection", conn)
	freeze(vm, s.session.Obj, map[*goja.Object]bool{})
}

// freeze makes o and every object below it read-only (Object.freeze):
// scripts can neither add nor alter session variables. A write is ignored,
// as ECMAScript ignores writes to frozen objects outside strict code;
// <assign> to a session variable is error.semantic.
func freeze(vm *goja.Runtime, o *goja.Object, seen map[*goja.Object]bool) {
	if seen[o] {
		return
	}
	seen[o] = true
	for _, k := range o.Keys() {
		if c, ok := o.Get(k).(*goja.Object); ok {
			freeze(vm, c, seen)
		}
	}
	fz, _ := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("freeze"))
	_, _ = fz(goja.Undefined(), o)
}
