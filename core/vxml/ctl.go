package vxml

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// Control flow out of executable content travels as an error value: one of
// the *Ctl types below, or any other error, which becomes error.semantic.

// eventCtl throws a VoiceXML event.
type eventCtl struct {
	name    string
	message string
	noMsg   bool // <throw> without message: _message is undefined
}

// gotoCtl is <goto>, a menu choice or a subdialog call's target.
type gotoCtl struct {
	uri  string // next or expr, may be "#dialog"
	item string // nextitem or expritem
	node *doc.Node
}

// submitCtl is <submit>.
type submitCtl struct {
	uri    string
	method string
	names  []string
	enc    string
	values url.Values
	files  map[string][]byte
	node   *doc.Node
}

// exitCtl ends the session: <exit>, implicit exit or an uncaught error.
type exitCtl struct {
	value string // exit value, as text
	err   string // the uncaught event, for an abnormal end
}

// returnCtl is <return> from a subdialog.
type returnCtl struct {
	names []string
	event *eventCtl // thrown in the caller instead of filling the item
	scope *script.Scope
}

func (e *eventCtl) Error() string  { return "event " + e.name }
func (g *gotoCtl) Error() string   { return "goto " + g.uri + g.item }
func (g *submitCtl) Error() string { return "submit " + g.uri }
func (e *exitCtl) Error() string   { return "exit " + e.value + e.err }
func (r *returnCtl) Error() string { return "return" }

func throw(name, format string, args ...any) *eventCtl {
	return &eventCtl{name: name, message: fmt.Sprintf(format, args...)}
}

// asEvent maps an error to the event VoiceXML raises for it.
func asEvent(err error) *eventCtl {
	var ev *eventCtl
	if errors.As(err, &ev) {
		return ev
	}
	var se *fetch.StatusError
	switch {
	case errors.As(err, &se):
		return throw(fmt.Sprintf("error.badfetch.http.%d", se.Code), "%v", err)
	case errors.Is(err, fetch.ErrFetch):
		return throw("error.badfetch", "%v", err)
	case errors.Is(err, script.ErrSemantic):
		return throw("error.semantic", "%v", err)
	}
	return throw("error.semantic", "%v", err)
}

// eventMatches reports whether a catch for pattern catches name: equal, or a
// prefix ending at a dot ("error" catches "error.badfetch.http.404").
func eventMatches(pattern, name string) bool {
	pattern = strings.TrimSuffix(pattern, ".")
	if pattern == "" || pattern == name {
		return true
	}
	return strings.HasPrefix(name, pattern+".")
}
