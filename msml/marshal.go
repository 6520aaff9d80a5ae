package msml

import (
	"bytes"
	"encoding/xml"
	"strconv"
)

// Marshal writes the document as compact MSML without an XML declaration,
// attributes in a fixed order, values escaped; what Parse accepted comes
// back equal through Marshal and Parse (FuzzParse checks it).
func Marshal(d *Document) []byte {
	w := &writer{}
	v := d.Version
	if v == "" {
		v = Version
	}
	w.open("msml", "version", v)
	w.b.WriteByte('>')
	for _, op := range d.Ops {
		w.op(op)
	}
	w.b.WriteString("</msml>")
	return w.b.Bytes()
}

// Reply is the one-result document that answers a request.
func Reply(r *Result) []byte { return Marshal(&Document{Ops: []Op{r}}) }

// Notify is the one-event document of a notification.
func Notify(e *Event) []byte { return Marshal(&Document{Ops: []Op{e}}) }

type writer struct{ b bytes.Buffer }

func (w *writer) op(op Op) {
	switch op := op.(type) {
	case *CreateConference:
		w.empty("createconference", "name", op.Name, "mark", op.Mark)
	case *Join:
		w.empty("join", "id1", op.ID1.String(), "id2", op.ID2.String(), "mark", op.Mark)
	case *DialogStart:
		w.dialogStart(op)
	case *Send:
		w.empty("send", "target", op.Target.String(), "event", op.Event, "mark", op.Mark)
	case *DialogEnd:
		w.empty("dialogend", "id", op.ID.String(), "mark", op.Mark)
	case *Result:
		w.result(op)
	case *Event:
		w.event(op)
	}
}

func (w *writer) dialogStart(d *DialogStart) {
	w.open("dialogstart", "target", d.Target.String(), "name", d.Name, "type", d.Type, "src", d.Src, "mark", d.Mark)
	w.b.WriteByte('>')
	if d.Src == "" {
		w.record(d.Record)
	}
	for _, p := range d.Params {
		w.open("param", "name", p.Name)
		w.b.WriteByte('>')
		w.text(p.Value)
		w.b.WriteString("</param>")
	}
	w.b.WriteString("</dialogstart>")
}

func (w *writer) record(r Record) {
	var maxtime, appendv, beep string
	if r.MaxTime > 0 {
		maxtime = formatTime(r.MaxTime)
	}
	if r.Append {
		appendv = "true"
	}
	if r.Beep {
		beep = "true"
	}
	w.empty("record", "dest", r.Dest, "format", r.Format, "maxtime", maxtime, "append", appendv, "beep", beep)
}

func (w *writer) result(r *Result) {
	w.open("result", "response", strconv.Itoa(r.Response), "mark", r.Mark)
	w.b.WriteByte('>')
	if r.Description != "" {
		w.element("description", r.Description)
	}
	for _, id := range r.ConfIDs {
		w.element("confid", id)
	}
	for _, id := range r.DialogIDs {
		w.element("dialogid", id)
	}
	w.b.WriteString("</result>")
}

func (w *writer) event(e *Event) {
	w.open("event", "name", e.Name, "id", e.ID)
	w.b.WriteByte('>')
	for _, f := range e.Fields {
		w.element("name", f.Name)
		w.element("value", f.Value)
	}
	w.b.WriteString("</event>")
}

// open writes "<name" and the non-empty attributes of kv (name, value, …).
func (w *writer) open(name string, kv ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(kv[i])
		w.b.WriteString(`="`)
		w.text(kv[i+1])
		w.b.WriteByte('"')
	}
}

func (w *writer) empty(name string, kv ...string) {
	w.open(name, kv...)
	w.b.WriteString("/>")
}

func (w *writer) element(name, text string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
	w.text(text)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// text escapes s for text and attribute values (quotes included).
func (w *writer) text(s string) { _ = xml.EscapeText(&w.b, []byte(s)) }
