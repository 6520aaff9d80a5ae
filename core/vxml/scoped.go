package vxml

import (
	"net/url"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/grammar"
)

// hook is a grammar group active beyond the collecting item and its form
// (VoiceXML 2.0 §3.1.4): a <link>, or a form or menu whose grammars have
// document scope, in this document or in the application root.
type hook struct {
	link   *doc.Node
	dialog *doc.Node
	root   bool // dialog is in the application root document
}

// activeHooks lists, in precedence order, the links of the item, form,
// document and application root, each document's links followed by its
// document-scoped dialogs (the running one excepted), with their grammars.
func (s *Session) activeHooks(f *form) ([]hook, grammar.Set, error) {
	var hooks []hook
	var set grammar.Set
	for _, level := range s.catchScopes() {
		for _, l := range level.Elements("link") {
			g, err := s.linkGrammars(l, f)
			if err != nil {
				return nil, nil, err
			}
			if len(g) > 0 {
				hooks, set = append(hooks, hook{link: l}), append(set, g)
			}
		}
		if level.Name != "vxml" {
			continue
		}
		d, root := s.cur.doc.d, level != s.cur.doc.d.Root
		if root {
			d = s.cur.app.doc
		}
		for _, dlg := range documentScoped(d) {
			if dlg == f.node {
				continue
			}
			g, err := s.scopedGrammars(dlg, f)
			if err != nil {
				return nil, nil, err
			}
			if len(g) > 0 {
				hooks, set = append(hooks, hook{dialog: dlg, root: root}), append(set, g)
			}
		}
	}
	return hooks, set, nil
}

func (s *Session) linkGrammars(l *doc.Node, f *form) (grammar.Set, error) {
	var g grammar.Set
	if k := l.Get("dtmf"); k != "" {
		g = append(g, grammar.Literal{Keys: k, Value: k})
	}
	for _, gn := range l.Elements("grammar") {
		lg, err := s.grammarOf(gn, f.scope)
		if err != nil {
			return nil, err
		}
		if lg != nil {
			g = append(g, lg)
		}
	}
	return g, nil
}

// documentScoped are the dialogs of a document with grammars of document
// scope: a menu with scope="document", a form with a <grammar> whose scope
// (its own, else the form's) is "document". Computed once per document.
func documentScoped(d *doc.Document) []*doc.Node {
	v, _ := d.Memo(scopedKey{}, func() (any, error) { return scopedDialogs(d), nil })
	return v.([]*doc.Node)
}

type scopedKey struct{}

func scopedDialogs(d *doc.Document) []*doc.Node {
	var out []*doc.Node
	for _, dlg := range d.Dialogs {
		if dlg.Name == "menu" && dlg.Get("scope") == "document" {
			out = append(out, dlg)
			continue
		}
		for _, gn := range dlg.Elements("grammar") {
			if grammarScope(dlg, gn) == "document" {
				out = append(out, dlg)
				break
			}
		}
	}
	return out
}

func grammarScope(dlg, gn *doc.Node) string {
	if sc := gn.Get("scope"); sc != "" {
		return sc
	}
	return dlg.Get("scope")
}

// scopedGrammars compiles the document-scoped grammars of another dialog:
// a menu's choices, a form's grammars of document scope.
func (s *Session) scopedGrammars(dlg *doc.Node, f *form) (grammar.Set, error) {
	if dlg.Name == "menu" {
		return choiceGrammars(choicesOf(dlg), true), nil
	}
	var set grammar.Set
	for _, gn := range dlg.Elements("grammar") {
		if grammarScope(dlg, gn) != "document" {
			continue
		}
		g, err := s.grammarOf(gn, f.scope)
		if err != nil {
			return nil, err
		}
		if g != nil {
			set = append(set, g)
		}
	}
	return set, nil
}

// takeHook carries out a match of a hook's grammar: a link is followed; a
// menu's choice is taken; a form is entered and filled from the result as
// its own form grammar would fill it.
func (s *Session) takeHook(h hook, utterance string, v goja.Value) error {
	if h.link != nil {
		return s.follow(h.link)
	}
	if h.root {
		// the dialog belongs to the root: its URIs and fragments are the root's
		u, err := url.Parse(s.cur.app.url)
		if err != nil {
			return throw("error.badfetch", "bad application URI %q", s.cur.app.url)
		}
		u.Fragment = h.dialog.Get("id")
		s.useRoot(u)
	}
	if h.dialog.Name == "menu" {
		cs := choicesOf(h.dialog)
		return s.choose(cs[v.ToInteger()])
	}
	if err := s.enterDialog(h.dialog, nil); err != nil {
		return err
	}
	return s.fillFromForm(s.cur.form, utterance, v)
}

// useRoot makes the application root (at u) the current document; the
// root's variables live on.
func (s *Session) useRoot(u *url.URL) {
	s.cur.doc = s.newDocument(u, s.cur.app.doc, s.rt.NewAlias("document", s.cur.app.scope), true)
}
