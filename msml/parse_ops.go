package msml

import (
	"fmt"
	"strconv"
	"strings"
)

// momlElements are MOML (RFC 5707 §§9–10) elements that Reel's recording
// dialogs do not perform: naming one is "not supported", not "unknown".
var momlElements = map[string]bool{
	"play": true, "audio": true, "tts": true, "media": true, "var": true, "collect": true,
	"dtmf": true, "dtmfgen": true, "gain": true, "agc": true, "clamp": true, "relay": true,
	"speech": true, "group": true, "disconnect": true, "vad": true, "send": true,
	"faxdetect": true, "faxsend": true, "faxrcv": true, "playexit": true, "dtmfexit": true,
}

func parseCreateConference(n *node) (Op, error) {
	op := &CreateConference{Name: n.attr("name"), Mark: n.attr("mark")}
	if op.Name == "" {
		return op, nil
	}
	if err := checkName(op.Name, maxIDLen); err != nil {
		return nil, fmt.Errorf("%w: <createconference name=%.80q> on line %d: %v", ErrAttribute, op.Name, n.line, err)
	}
	return op, nil
}

func parseJoin(n *node) (Op, error) {
	op := &Join{Mark: n.attr("mark")}
	var err error
	for _, id := range []struct {
		name string
		dst  *Target
	}{{"id1", &op.ID1}, {"id2", &op.ID2}} {
		if *id.dst, err = n.target(id.name, true); err != nil {
			return nil, err
		}
		if id.dst.Dialog != "" {
			return nil, fmt.Errorf("%w: <join %s=%q> on line %d: join names a conference or connection, not a dialog", ErrAttribute, id.name, id.dst, n.line)
		}
	}
	return op, nil
}

func parseDialogStart(n *node) (Op, error) {
	op := &DialogStart{Name: n.attr("name"), Type: n.attr("type"), Mark: n.attr("mark")}
	if err := dialogStartAttrs(n, op); err != nil {
		return nil, err
	}
	if err := noText(n); err != nil {
		return nil, err
	}
	records := 0
	for _, k := range n.kids {
		switch {
		case is(k, "record"):
			if records++; records > 1 {
				return nil, fmt.Errorf("%w: second <record> on line %d: one recording per dialog", ErrUnknownElement, k.line)
			}
			r, err := parseRecord(k)
			if err != nil {
				return nil, err
			}
			op.Record = r
		case is(k, "param"):
			p, err := parseParam(k)
			if err != nil {
				return nil, err
			}
			op.Params = append(op.Params, p)
		case is(k, "exit"):
			// Reel always reports record.len, record.end and record.recordid.
		default:
			return nil, child(k, "dialogstart")
		}
	}
	switch {
	case op.Src != "" && records > 0:
		return nil, fmt.Errorf("%w: <dialogstart src=> on line %d also has a <record>: a VoiceXML dialog records with <log gvp:dest=\"record\">", ErrUnsupported, n.line)
	case op.Src == "" && records == 0:
		return nil, fmt.Errorf("%w: <dialogstart> on line %d has neither a <record> nor a VoiceXML src=", ErrUnsupported, n.line)
	}
	return op, nil
}

func dialogStartAttrs(n *node, op *DialogStart) error {
	var err error
	if op.Target, err = n.target("target", true); err != nil {
		return err
	}
	if op.Target.Dialog != "" {
		return fmt.Errorf("%w: <dialogstart target=%q> on line %d: the target is a conference or connection, the dialog is named by name=", ErrAttribute, op.Target, n.line)
	}
	if op.Name != "" {
		if err := checkName(op.Name, maxDialogLen); err != nil {
			return fmt.Errorf("%w: <dialogstart name=%.80q> on line %d: %v", ErrAttribute, op.Name, n.line, err)
		}
	}
	src, hasSrc := n.lookup("src")
	mt, _, _ := strings.Cut(op.Type, ";")
	switch lower(strings.TrimSpace(mt)) {
	case TypeVoiceXML:
		if !hasSrc || src == "" || len(src) > maxSrcLen {
			return fmt.Errorf("%w: <dialogstart type=%q> on line %d needs src= with the application's URI (at most %d bytes)", ErrAttribute, TypeVoiceXML, n.line, maxSrcLen)
		}
		op.Src = src
	case "", "application/moml+xml":
		if hasSrc {
			return fmt.Errorf("%w: <dialogstart src=%.80q> on line %d: MOML by URI; put a <record> inside, or type=%q for VoiceXML", ErrUnsupported, src, n.line, TypeVoiceXML)
		}
	default:
		return fmt.Errorf("%w: <dialogstart type=%.80q> on line %d: only application/moml+xml and %s", ErrUnsupported, op.Type, n.line, TypeVoiceXML)
	}
	return nil
}

// child explains why an element may not appear inside parent.
func child(k *node, parent string) error {
	if momlElements[strings.ToLower(k.name)] {
		return fmt.Errorf("%w: MOML <%s> on line %d inside <%s>: Reel's dialogs only record", ErrUnsupported, k.name, k.line, parent)
	}
	return unknown(k, parent)
}

func parseRecord(n *node) (Record, error) {
	r := Record{Dest: n.attr("dest"), Format: n.attr("format")}
	var err error
	if v := n.attr("maxtime"); v != "" {
		if r.MaxTime, err = parseTime(v); err != nil {
			return Record{}, fmt.Errorf("%w: <record maxtime=> on line %d: %v", ErrAttribute, n.line, err)
		}
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"append", &r.Append}, {"beep", &r.Beep}} {
		if v := n.attr(b.name); v != "" {
			if *b.dst, err = parseBool(v); err != nil {
				return Record{}, fmt.Errorf("%w: <record %s=> on line %d: %v", ErrAttribute, b.name, n.line, err)
			}
		}
	}
	if err := noText(n); err != nil {
		return Record{}, err
	}
	for _, k := range n.kids {
		if !is(k, "recordexit") {
			return Record{}, child(k, "record")
		}
	}
	return r, nil
}

// maxParamName bounds a <param> name.
const maxParamName = 128

func parseParam(n *node) (Param, error) {
	name, err := n.required("name")
	if err != nil {
		return Param{}, err
	}
	if err := checkName(name, maxParamName); err != nil {
		return Param{}, fmt.Errorf("%w: <param name=%.80q> on line %d: %v", ErrAttribute, name, n.line, err)
	}
	text, err := leaf(n)
	if err != nil {
		return Param{}, err
	}
	if text == "" {
		text = n.attr("value")
	}
	return Param{Name: name, Value: text}, nil
}

func parseSend(n *node) (Op, error) {
	t, err := n.target("target", true)
	if err != nil {
		return nil, err
	}
	ev, err := n.required("event")
	if err != nil {
		return nil, err
	}
	op := &Send{Target: t, Event: ev, Mark: n.attr("mark")}
	if op.Action() == 0 {
		return nil, fmt.Errorf("%w: <send event=%.40q> on line %d: want pause, resume, terminate or stop (or app.…)", ErrAttribute, ev, n.line)
	}
	if _, err := leaf(n); err != nil {
		return nil, err
	}
	return op, nil
}

func parseDialogEnd(n *node) (Op, error) {
	t, err := n.target("id", true)
	if err != nil {
		return nil, err
	}
	if _, err := leaf(n); err != nil {
		return nil, err
	}
	return &DialogEnd{ID: t, Mark: n.attr("mark")}, nil
}

func parseResult(n *node) (Op, error) {
	v, err := n.required("response")
	if err != nil {
		return nil, err
	}
	code, err := strconv.Atoi(v)
	if err != nil || code < 100 || code > 699 {
		return nil, fmt.Errorf("%w: <result response=%.20q> on line %d: want a code 100–699", ErrAttribute, v, n.line)
	}
	r := &Result{Response: code, Mark: n.attr("mark")}
	if err := noText(n); err != nil {
		return nil, err
	}
	for _, k := range n.kids {
		if err := resultChild(r, k); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func resultChild(r *Result, k *node) error {
	text, err := leaf(k)
	if err != nil {
		return err
	}
	switch {
	case is(k, "description"):
		r.Description = text
	case is(k, "confid"):
		r.ConfIDs = append(r.ConfIDs, text)
	case is(k, "dialogid"):
		r.DialogIDs = append(r.DialogIDs, text)
	default:
		return unknown(k, "result")
	}
	return nil
}

func parseEvent(n *node) (Op, error) {
	name, err := n.required("name")
	if err != nil {
		return nil, err
	}
	e := &Event{Name: name, ID: n.attr("id")}
	if err := noText(n); err != nil {
		return nil, err
	}
	for i := 0; i < len(n.kids); i += 2 {
		k := n.kids[i]
		if !is(k, "name") {
			return nil, unknown(k, "event")
		}
		if i+1 >= len(n.kids) || !is(n.kids[i+1], "value") {
			return nil, fmt.Errorf("%w: <name> on line %d inside <event> has no <value> after it", ErrUnknownElement, k.line)
		}
		f, err := eventField(k, n.kids[i+1])
		if err != nil {
			return nil, err
		}
		e.Fields = append(e.Fields, f)
	}
	return e, nil
}

func eventField(name, value *node) (Field, error) {
	n, err := leaf(name)
	if err != nil {
		return Field{}, err
	}
	v, err := leaf(value)
	if err != nil {
		return Field{}, err
	}
	return Field{Name: n, Value: v}, nil
}
