package msml

import (
	"strconv"
	"time"
)

// Result is <result response=…>, the MSML answer to a request document
// (RFC 5707 §7): the code, what went wrong, and the identifiers created.
type Result struct {
	Response    int    // 200, or a 4xx/5xx code
	Mark        string // mark of the last operation that succeeded
	Description string
	ConfIDs     []string // <confid> per createconference
	DialogIDs   []string // <dialogid> per dialogstart, e.g. conf:X/dialog:rec
}

// Event is <event name=… id=…> with its name/value pairs, e.g. the
// msml.dialog.exit Reel sends when a recording ends.
type Event struct {
	Name   string
	ID     string
	Fields []Field
}

// Field is one <name>…</name><value>…</value> pair of an Event.
type Field struct {
	Name, Value string
}

// Element implements Op.
func (*Result) Element() string { return "result" }

// Element implements Op.
func (*Event) Element() string { return "event" }

// Value returns the value of the first field with the name, or "".
func (e *Event) Value(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// Dialog exit reasons (record.end).
const (
	EndTerminate = "terminate"
	EndMaxTime   = "maxtime"
	EndError     = "error"
)

// DialogExit is the msml.dialog.exit event of a recording dialog: its
// length in milliseconds, why it ended and the recording id (docs/wire.md §2).
func DialogExit(dialog Target, length time.Duration, end, recordID string) *Event {
	return &Event{Name: "msml.dialog.exit", ID: dialog.String(), Fields: []Field{
		{"record.len", strconv.FormatInt(length.Milliseconds(), 10)},
		{"record.end", end},
		{"record.recordid", recordID},
	}}
}
