package vxml

import (
	"net/url"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/script"
)

// app is an application: its root document and the application scope.
// A document without application= is its own root; its document scope is
// then the application scope.
type app struct {
	url   string // root URI without fragment
	doc   *doc.Document
	scope *script.Scope
}

// document is a loaded document with its scope.
type document struct {
	url   *url.URL
	base  *url.URL // xml:base of <vxml> resolved against url, else url
	d     *doc.Document
	scope *script.Scope
	root  bool // the document is the application root itself
}

// newDocument makes the state of a loaded document; relative URIs in it
// resolve against its xml:base (VoiceXML 2.0 §1.5.1), else its own URI.
func (s *Session) newDocument(u *url.URL, d *doc.Document, scope *script.Scope, root bool) *document {
	dd := &document{url: u, base: u, d: d, scope: scope, root: root}
	if b, ok := d.Root.AttrNS(doc.NSXML, "base"); ok {
		if bu, err := url.Parse(b); err == nil {
			dd.base = u.ResolveReference(bu)
		} else {
			s.logOnce("xmlbase:"+b, "vxml: bad xml:base ignored", "base", b, "err", err)
		}
	}
	return dd
}

// context_ is one execution context: the top-level dialog or a subdialog.
type context_ struct {
	app        *app
	doc        *document
	form       *form
	parent     *context_ // the caller of a subdialog
	callerItem *item     // the <subdialog> item waiting in parent
	noPrompts  bool      // the last FIA iteration ended in a catch without <reprompt>
	reprompt   bool      // a <reprompt> ran in the current handler
}

// form is the running dialog (a <form> or a <menu>).
type form struct {
	node    *doc.Node
	scope   *script.Scope
	items   []*item
	byName  map[string]*item
	next    *item // from <goto nextitem>
	current *item // the item being visited
	counts  map[string]int
}

// item is a form item: block, field, initial, subdialog, transfer, record,
// object, or the menu itself.
type item struct {
	node    *doc.Node
	kind    string
	name    string // form item variable, "" for an anonymous block
	visited bool   // for anonymous items
	prompts int    // prompt counter
	counts  map[string]int
}

var itemKinds = map[string]bool{
	"block": true, "field": true, "initial": true, "subdialog": true,
	"transfer": true, "record": true, "object": true,
}
