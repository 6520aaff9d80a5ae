package vxml

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// execLog emits a log action; with gvp:dest="record" its text is a list of
// recording commands separated by ';' (wire contract §3).
func execLog(s *Session, n *doc.Node, scope *script.Scope) error {
	text, err := s.renderText(n, scope)
	if err != nil {
		return err
	}
	if e, ok := n.Attr("expr"); ok {
		v, err := s.evalString(scope, e)
		if err != nil {
			return err
		}
		text = strings.TrimSpace(text + " " + v)
	}
	if dest, _ := n.AttrNS(doc.NSGVP, "dest"); dest == "record" {
		return s.recordingCommands(text)
	}
	s.emit(Action{Kind: ActLog, Label: n.Get("label"), Text: text})
	return nil
}

var recordingVerbs = map[string]bool{"start": true, "pause": true, "resume": true, "stop": true}

func (s *Session) recordingCommands(text string) error {
	for _, cmd := range strings.Split(text, ";") {
		cmd = strings.ToLower(strings.TrimSpace(cmd))
		if cmd == "" {
			continue
		}
		if !recordingVerbs[cmd] {
			s.logOnce("reccmd:"+cmd, "vxml: unknown recording command ignored", "command", cmd)
			continue
		}
		s.emit(Action{Kind: ActRecordCtl, Text: cmd})
	}
	return nil
}

// renderText is the text of <log> content: text and <value>.
func (s *Session) renderText(n *doc.Node, scope *script.Scope) (string, error) {
	var b strings.Builder
	for _, c := range n.Children {
		switch {
		case c.IsText():
			b.WriteString(c.Text)
		case c.Name == "value":
			v, err := s.evalString(scope, c.Get("expr"))
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		}
	}
	return collapse(b.String()), nil
}

// execForeach is VoiceXML 2.1 <foreach>: its content once per array element.
func execForeach(s *Session, n *doc.Node, scope *script.Scope) error {
	return s.eachItem(n, scope, func(inner *script.Scope) error { return s.exec(n.Children, inner) })
}

// eachItem runs fn once per element of the array attribute, with the item
// variable declared in scope.
func (s *Session) eachItem(n *doc.Node, scope *script.Scope, fn func(*script.Scope) error) error {
	v, err := s.rt.Eval(scope, n.Get("array"))
	if err != nil {
		return asEvent(err)
	}
	obj, ok := v.(*goja.Object)
	if !ok || obj.ClassName() != "Array" {
		return throw("error.semantic", "foreach array %q is not an array", n.Get("array"))
	}
	length := int(obj.Get("length").ToInteger())
	for i := 0; i < length; i++ {
		if err := s.rt.Declare(scope, n.Get("item"), obj.Get(strconv.Itoa(i))); err != nil {
			return asEvent(err)
		}
		if err := fn(scope); err != nil {
			return err
		}
	}
	return nil
}

// namelistValues reads variables for submit, exit and return: strings in
// values, recordings in files.
func (s *Session) namelistValues(scope *script.Scope, names []string) (url.Values, map[string][]byte) {
	vals := url.Values{}
	var files map[string][]byte
	for _, name := range names {
		v, err := s.rt.Eval(scope, name)
		if err != nil {
			continue
		}
		if audio := s.recordingOf(v); audio != nil {
			if files == nil {
				files = map[string][]byte{}
			}
			files[name] = audio
			continue
		}
		vals.Set(name, v.String())
	}
	return vals, files
}

// fetchText fetches the src or srcexpr of a <script>.
func (s *Session) fetchText(n *doc.Node, scope *script.Scope) (string, error) {
	ref := n.Get("src")
	if e, ok := n.Attr("srcexpr"); ok {
		var err error
		if ref, err = s.evalString(scope, e); err != nil {
			return "", err
		}
	}
	u, err := s.resolve(ref)
	if err != nil {
		return "", err
	}
	resp, err := s.fetch(fetch.Request{URL: u}, n, "script")
	if err != nil {
		return "", asEvent(err)
	}
	return string(resp.Body), nil
}
