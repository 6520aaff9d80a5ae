package vxml

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// resolve makes ref absolute against the current document.
func (s *Session) resolve(ref string) (*url.URL, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, throw("error.badfetch", "bad URI %q: %v", ref, err)
	}
	if s.cur != nil && s.cur.doc != nil {
		u = s.cur.doc.base.ResolveReference(u)
	}
	return u, nil
}

// fetch performs a request for a resource of kind (document, audio,
// grammar, script, data): the element's fetchtimeout, maxage and maxstale
// attributes, else the properties fetchtimeout, <kind>maxage and
// <kind>maxstale. n may be nil.
func (s *Session) fetch(req fetch.Request, n *doc.Node, kind string) (*fetch.Response, error) {
	req.Timeout = s.fetchParam(n, "fetchtimeout", "fetchtimeout", 30*time.Second)
	req.MaxAge = s.fetchParam(n, "maxage", kind+"maxage", -1)
	req.MaxStale = s.fetchParam(n, "maxstale", kind+"maxstale", -1)
	if s.cfg.Fetcher == nil {
		return nil, fmt.Errorf("%w: no fetcher configured", fetch.ErrFetch)
	}
	if n != nil && (kind == "document" || kind == "data") {
		s.fetchAudio(n)
	}
	return s.cfg.Fetcher.Fetch(s.ctx, req)
}

// fetchParam reads a time from attribute attr of n, else property prop:
// "10s", "500ms", or plain seconds as maxage and maxstale are written.
func (s *Session) fetchParam(n *doc.Node, attr, prop string, def time.Duration) time.Duration {
	v, ok := "", false
	if n != nil {
		v, ok = n.Attr(attr)
	}
	if !ok {
		v = s.prop(prop, "")
	}
	if d, ok := parseTime(v); ok {
		return d
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	return def
}

// loadDoc fetches and parses a VoiceXML document (n is the element that
// asked, or nil); the parse is memoised on the cache entry, so sessions
// share it.
func (s *Session) loadDoc(req fetch.Request, n *doc.Node) (*doc.Document, *url.URL, error) {
	resp, err := s.fetch(req, n, "document")
	if err != nil {
		return nil, nil, asEvent(err)
	}
	v, err := resp.Memo("vxml", func() (any, error) { return doc.ParseVXML(resp.Body, s.cfg.Limits.Doc) })
	if err != nil {
		s.logOnce("doc:"+resp.URL.String(), "vxml: document refused", "url", resp.URL.String(), "err", err)
		return nil, nil, throw("error.badfetch", "%s: %v", resp.URL, err)
	}
	return v.(*doc.Document), resp.URL, nil
}

// startAt loads the first document.
func (s *Session) startAt(u *url.URL) error {
	d, final, err := s.loadDoc(fetch.Request{URL: u}, nil)
	if err != nil {
		return &exitCtl{err: asEvent(err).name + ": " + asEvent(err).message}
	}
	return s.enterDocument(d, final, nil)
}

// enterDocument makes d the current document: the application context is
// kept when d names the current root, else created; then the document's
// variables and scripts run, and its first (or named) dialog starts.
func (s *Session) enterDocument(d *doc.Document, u *url.URL, params map[string]any) error {
	a, err := s.appFor(d, u)
	if err != nil {
		return err
	}
	var dd *document
	if a.doc == d && a.url == withoutFragment(u) {
		dd = s.newDocument(u, d, s.rt.NewAlias("document", a.scope), true)
	} else {
		dd = s.newDocument(u, d, s.rt.NewScope("document", a.scope), false)
	}
	if s.cur == nil {
		s.cur = &context_{}
	}
	s.cur.app, s.cur.doc, s.cur.form = a, dd, nil
	if err := s.initDeclarations(d.Root, dd.scope); err != nil {
		return err
	}
	dialog := d.Dialog(u.Fragment)
	if dialog == nil {
		return throw("error.badfetch", "%s: no dialog %q", withoutFragment(u), u.Fragment)
	}
	return s.enterDialog(dialog, params)
}

// appFor returns the application context d runs in.
func (s *Session) appFor(d *doc.Document, u *url.URL) (*app, error) {
	if d.Application == "" {
		a := &app{url: withoutFragment(u), doc: d, scope: s.rt.NewScope("application", s.session)}
		s.initLastResult(a)
		return a, nil
	}
	ref, err := url.Parse(d.Application)
	if err != nil {
		return nil, throw("error.badfetch", "bad application URI %q", d.Application)
	}
	rootURL := u.ResolveReference(ref)
	key := withoutFragment(rootURL)
	if s.cur != nil && s.cur.app != nil && s.cur.app.url == key {
		// leaf to leaf, or root to leaf: the root's variables live on
		return s.cur.app, nil
	}
	rd, final, err := s.loadDoc(fetch.Request{URL: rootURL}, nil)
	if err != nil {
		return nil, err
	}
	if rd.Application != "" {
		return nil, throw("error.badfetch", "%s: an application root document may not have a root", final)
	}
	a := &app{url: key, doc: rd, scope: s.rt.NewScope("application", s.session)}
	s.initLastResult(a)
	if s.cur == nil {
		s.cur = &context_{}
	}
	prev := s.cur.doc
	s.cur.doc = s.newDocument(final, rd, a.scope, true)
	err = s.initDeclarations(rd.Root, a.scope)
	s.cur.doc = prev
	return a, err
}

func withoutFragment(u *url.URL) string {
	c := *u
	c.Fragment = ""
	return c.String()
}

// initDeclarations runs the <var> and <script> children of a document or
// form in document order.
func (s *Session) initDeclarations(n *doc.Node, scope *script.Scope) error {
	for _, c := range n.Elements("var", "script") {
		if err := s.execOne(c, scope); err != nil {
			return err
		}
	}
	return nil
}

// fetchAudio emits the FetchAudio action for a fetch that element n asked
// for: its fetchaudio attribute, else the fetchaudio property; an empty
// value means silence.
func (s *Session) fetchAudio(n *doc.Node) {
	ref, ok := n.Attr("fetchaudio")
	if !ok {
		ref = s.prop("fetchaudio", "")
	}
	if strings.TrimSpace(ref) == "" {
		return
	}
	u, err := s.resolve(ref)
	if err != nil {
		s.logOnce("fetchaudio:"+ref, "vxml: bad fetchaudio URI ignored", "uri", ref)
		return
	}
	s.emit(Action{Kind: ActFetchAudio, FetchAudio: &FetchAudio{
		URI:     u.String(),
		Delay:   s.propDuration("fetchaudiodelay", "2s"),
		Minimum: s.propDuration("fetchaudiominimum", "5s"),
	}})
}
