package vxml

import (
	"time"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
	"github.com/reel-project/reel/core/vxml/script"
)

// mark is a <mark> that playback reached (VoiceXML 2.1 §4).
type mark struct {
	name string
	at   time.Time
}

// renderMark queues a <mark> (name or nameexpr) as a prompt item.
func (s *Session) renderMark(n *doc.Node, scope *script.Scope, p *Prompt) error {
	name := n.Get("name")
	if e, ok := n.Attr("nameexpr"); ok {
		var err error
		if name, err = s.evalString(scope, e); err != nil {
			return err
		}
	}
	if name != "" {
		p.Items = append(p.Items, PromptItem{Mark: name})
	}
	return nil
}

// queuedMarks takes the marks of a queued prompt as reached now, unless
// the platform reports them.
func (s *Session) queuedMarks(p *Prompt) {
	if s.cfg.ReportsMarks {
		return
	}
	for _, it := range p.Items {
		if it.Mark != "" {
			s.mark = mark{name: it.Mark, at: s.now()}
		}
	}
}

// takeMark moves the last mark reached to the input being handled: the
// markname and marktime of lastresult$ and of the shadow variable.
func (s *Session) takeMark() {
	s.inputMark, s.mark = s.mark, mark{}
}

// setMark sets markname and marktime (ms since the mark) on a result
// object; both stay undefined when no mark was reached.
func (s *Session) setMark(o *goja.Object) {
	if s.inputMark.name == "" {
		return
	}
	_ = o.Set("markname", s.inputMark.name)
	_ = o.Set("marktime", s.now().Sub(s.inputMark.at).Milliseconds())
}
