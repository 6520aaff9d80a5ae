package vxml

import (
	"strconv"
	"strings"
	"time"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/fetch"
	"github.com/reel-project/reel/core/vxml/script"
)

// queuePrompts is the FIA's prompt selection: bump the item's prompt
// counter, keep the prompts whose cond holds, and queue those with the
// highest count not above the counter.
func (s *Session) queuePrompts(f *form, it *item) error {
	it.prompts++
	anon := s.rt.NewScope("anonymous", f.scope)
	type cand struct {
		n     *doc.Node
		count int
	}
	var list []cand
	best := 0
	for _, p := range it.node.Elements("prompt", "audio") {
		if c, ok := p.Attr("cond"); ok {
			ok, err := s.rt.EvalBool(anon, c)
			if err != nil {
				return asEvent(err)
			}
			if !ok {
				continue
			}
		}
		n := 1
		if v, err := strconv.Atoi(p.Get("count")); err == nil && v > 0 {
			n = v
		}
		if n <= it.prompts {
			list = append(list, cand{p, n})
			best = max(best, n)
		}
	}
	for _, c := range list {
		if c.count != best {
			continue
		}
		if err := s.execOne(c.n, anon); err != nil {
			return err
		}
	}
	return nil
}

// execPrompt queues a <prompt> (outside the FIA's selection it runs as
// executable content; its cond still applies).
func execPrompt(s *Session, n *doc.Node, scope *script.Scope) error {
	if c, ok := n.Attr("cond"); ok {
		ok, err := s.rt.EvalBool(scope, c)
		if err != nil {
			return asEvent(err)
		}
		if !ok {
			return nil
		}
	}
	p := &Prompt{Bargein: s.bargein(n), BargeinType: s.bargeinTypeOf(n)}
	if t, ok := n.Attr("timeout"); ok {
		p.Timeout, _ = parseTime(t)
	}
	if err := s.render(n.Children, scope, p); err != nil {
		return err
	}
	s.queue(p)
	return nil
}

// execPromptItem queues audio, value, enumerate, break or mark met outside
// a <prompt>, as a prompt of its own.
func execPromptItem(s *Session, n *doc.Node, scope *script.Scope) error {
	p := &Prompt{Bargein: s.bargein(nil), BargeinType: s.bargeinTypeOf(nil)}
	if err := s.render([]*doc.Node{n}, scope, p); err != nil {
		return err
	}
	s.queue(p)
	return nil
}

func (s *Session) queue(p *Prompt) {
	if len(p.Items) == 0 {
		return
	}
	if s.wait == nil && p.Timeout > 0 {
		s.promptTimeout = p.Timeout
	}
	if s.wait == nil {
		s.bargeinType = p.BargeinType
	}
	s.queuedMarks(p)
	s.emit(Action{Kind: ActPrompt, Prompt: p})
}

// render appends the items of prompt content: text, <value>, <audio> with
// its fallback, <break>, <enumerate>; other SSML passes its text through.
func (s *Session) render(nodes []*doc.Node, scope *script.Scope, p *Prompt) error {
	for _, n := range nodes {
		if err := s.renderOne(n, scope, p); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) renderOne(n *doc.Node, scope *script.Scope, p *Prompt) error {
	if n.IsText() {
		addText(p, n.Text)
		return nil
	}
	switch n.Name {
	case "value":
		v, err := s.evalString(scope, n.Get("expr"))
		if err != nil {
			return err
		}
		addText(p, v)
	case "audio":
		return s.renderAudio(n, scope, p)
	case "break":
		d, _ := parseTime(n.Get("time"))
		p.Items = append(p.Items, PromptItem{Break: d})
	case "enumerate":
		return s.renderEnumerate(n, scope, p)
	case "foreach":
		return s.renderForeach(n, scope, p)
	case "mark":
		return s.renderMark(n, scope, p)
	case "metadata", "meta", "desc":
	default: // SSML: speak, p, s, emphasis, prosody, say-as, voice, sub, …
		return s.render(n.Children, scope, p)
	}
	return nil
}

// addText appends text, joining it to preceding text with a space only
// where the markup had white space.
func addText(p *Prompt, raw string) {
	t := collapse(raw)
	k := len(p.Items)
	if k > 0 && p.Items[k-1].Text != "" {
		last := &p.Items[k-1]
		if t != "" && (startsSpace(raw) || last.spaceAfter) {
			last.Text += " "
		}
		last.Text += t
		last.spaceAfter = t == "" && raw != "" || endsSpace(raw)
		return
	}
	if t != "" {
		p.Items = append(p.Items, PromptItem{Text: t, spaceAfter: endsSpace(raw)})
	}
}

func startsSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\r\n") != s }
func endsSpace(s string) bool   { return s != "" && strings.TrimRight(s, " \t\r\n") != s }

// renderAudio fetches the audio (so that a missing file is known now) and
// falls back to the element's content when it cannot be played.
func (s *Session) renderAudio(n *doc.Node, scope *script.Scope, p *Prompt) error {
	ref := n.Get("src")
	if e, ok := n.Attr("expr"); ok {
		v, err := s.rt.Eval(scope, e)
		if err != nil {
			return asEvent(err)
		}
		ref = v.String()
	}
	if u, err := s.resolve(ref); err == nil && ref != "" {
		if _, err := s.fetch(fetch.Request{URL: u}, n, "audio"); err == nil {
			p.Items = append(p.Items, PromptItem{Audio: u.String()})
			return nil
		}
		s.logOnce("audio:"+u.String(), "vxml: audio cannot be fetched, playing its fallback", "url", u.String())
	}
	return s.render(n.Children, scope, p)
}

// parseTime reads a CSS2 time designation: "5s", "100ms".
func parseTime(t string) (time.Duration, bool) {
	t = strings.TrimSpace(t)
	mult := time.Second
	switch {
	case strings.HasSuffix(t, "ms"):
		t, mult = strings.TrimSuffix(t, "ms"), time.Millisecond
	case strings.HasSuffix(t, "s"):
		t = strings.TrimSuffix(t, "s")
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return time.Duration(f * float64(mult)), true
}

// renderForeach is VoiceXML 2.1 <foreach> inside a prompt.
func (s *Session) renderForeach(n *doc.Node, scope *script.Scope, p *Prompt) error {
	return s.eachItem(n, scope, func(anon *script.Scope) error { return s.render(n.Children, anon, p) })
}

// bargein is a prompt's bargein attribute, else the bargein property.
func (s *Session) bargein(n *doc.Node) bool {
	v, ok := "", false
	if n != nil {
		v, ok = n.Attr("bargein")
	}
	if !ok {
		v = s.prop("bargein", "true")
	}
	return v != "false"
}

// bargeinTypeOf is a prompt's bargeintype attribute, else the property.
func (s *Session) bargeinTypeOf(n *doc.Node) string {
	v, ok := "", false
	if n != nil {
		v, ok = n.Attr("bargeintype")
	}
	if !ok {
		v = s.prop("bargeintype", "speech")
	}
	if v != "hotword" {
		return "speech"
	}
	return v
}
