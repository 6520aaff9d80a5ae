package msml

import "time"

// Version is the MSML version Reel writes.
const Version = "1.1"

// Document is one <msml> body: its operations in document order.
type Document struct {
	Version string // as received ("" when absent); Marshal writes Version when empty
	Ops     []Op
}

// Op is one element directly inside <msml>: *CreateConference, *Join,
// *DialogStart, *Send, *DialogEnd (requests) or *Result, *Event (replies).
type Op interface {
	// Element returns the element name, e.g. "dialogstart".
	Element() string
}

// CreateConference is <createconference name=…>: the first leg of a
// conf-id creates the conference anyway, so it is only acknowledged. Its
// children (<audiomix>, <reserve>, …) are accepted and skipped.
type CreateConference struct {
	Name string // conf-id without "conf:"; "" when absent
	Mark string
}

// Join is <join id1=… id2=…>: legs with the conf-id are joined anyway, so it
// is only acknowledged. Its <stream> children are accepted and skipped.
type Join struct {
	ID1, ID2 Target
	Mark     string
}

// DialogStart is <dialogstart target=… name=…> with an inline MOML dialog
// that records: one <record> and any <param>s; or, with type
// application/voicexml+xml, a VoiceXML application at Src (Genesys
// PlayApplication) and any <param>s.
type DialogStart struct {
	Target Target // conf:<id> or conn:<id>, no dialog part
	Name   string // dialog name; "" when absent
	Type   string // as received; "", application/moml+xml or TypeVoiceXML
	Src    string // the VoiceXML application's URI; "" for a recording
	Mark   string
	Record Record
	Params []Param // in document order; a name may repeat
}

// Record is MOML <record>.
type Record struct {
	Dest    string        // where the caller wants it (kept in the metadata)
	Format  string        // MIME type as received, "" = audio/mp3
	MaxTime time.Duration // 0 = no limit
	Append  bool
	Beep    bool
}

// Param is a Genesys <param name=…>value</param> (or value=…): id, dest,
// record, audiosrc, tonesilenceduration or any custom name.
type Param struct {
	Name, Value string
}

// Send is <send target=… event=…>: pause, resume or stop a dialog.
type Send struct {
	Target Target // usually with a dialog part
	Event  string // as received; see Action
	Mark   string
}

// DialogEnd is <dialogend id=…>: stop a dialog.
type DialogEnd struct {
	ID   Target
	Mark string
}

// Element implements Op.
func (*CreateConference) Element() string { return "createconference" }

// Element implements Op.
func (*Join) Element() string { return "join" }

// Element implements Op.
func (*DialogStart) Element() string { return "dialogstart" }

// Element implements Op.
func (*Send) Element() string { return "send" }

// Element implements Op.
func (*DialogEnd) Element() string { return "dialogend" }

// Action is what a <send> event asks of a dialog.
type Action uint8

// Actions. The zero value is no action.
const (
	ActPause Action = iota + 1
	ActResume
	ActStop
)

// events maps lower-case event names to actions.
var events = map[string]Action{
	"pause": ActPause, "app.pause": ActPause,
	"resume": ActResume, "app.resume": ActResume,
	"terminate": ActStop, "app.terminate": ActStop, "stop": ActStop, "app.stop": ActStop,
}

// Action returns what the event asks for; Parse accepts only events that
// have one.
func (s *Send) Action() Action { return events[lower(s.Event)] }

func (a Action) String() string {
	switch a {
	case ActPause:
		return "pause"
	case ActResume:
		return "resume"
	case ActStop:
		return "stop"
	}
	return "none"
}

// TypeVoiceXML is the <dialogstart type> of a VoiceXML dialog.
const TypeVoiceXML = "application/voicexml+xml"
