package msml

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of object an identifier names.
type Kind uint8

// Kinds. The zero value is no object.
const (
	Conf Kind = iota + 1 // conf:<conf-id>, a conference
	Conn                 // conn:<id>, one SIP dialog's connection (leg)
)

// Target is an MSML object identifier (RFC 5707 §4): conf:<id> or
// conn:<id>, optionally followed by /dialog:<name>.
type Target struct {
	Kind   Kind
	ID     string // as received: printable, no '/', at most 128 bytes
	Dialog string // dialog name, "" for the object itself
}

// Limits on identifiers.
const (
	maxIDLen     = 128
	maxDialogLen = 64
	maxSrcLen    = 2048 // a VoiceXML dialog's src URI
)

// ParseTarget reads "conf:<id>", "conn:<id>", optionally followed by
// "/dialog:<name>". The prefixes match in any case.
func ParseTarget(s string) (Target, error) {
	obj, dlg, hasDialog := strings.Cut(strings.TrimSpace(s), "/")
	var t Target
	switch prefix, id, _ := strings.Cut(obj, ":"); lower(prefix) {
	case "conf":
		t = Target{Kind: Conf, ID: id}
	case "conn":
		t = Target{Kind: Conn, ID: id}
	default:
		return Target{}, fmt.Errorf("%w: identifier %.80q: want conf:<id> or conn:<id>", ErrAttribute, s)
	}
	if err := checkName(t.ID, maxIDLen); err != nil {
		return Target{}, fmt.Errorf("%w: identifier %.80q: %v", ErrAttribute, s, err)
	}
	if !hasDialog {
		return t, nil
	}
	prefix, name, _ := strings.Cut(dlg, ":")
	if lower(prefix) != "dialog" {
		return Target{}, fmt.Errorf("%w: identifier %.80q: want …/dialog:<name> after the object", ErrAttribute, s)
	}
	if err := checkName(name, maxDialogLen); err != nil {
		return Target{}, fmt.Errorf("%w: identifier %.80q: dialog name: %v", ErrAttribute, s, err)
	}
	t.Dialog = name
	return t, nil
}

// checkName accepts 1…max bytes of printable UTF-8 without '/' or spaces.
func checkName(s string, max int) error {
	switch {
	case s == "":
		return fmt.Errorf("empty")
	case len(s) > max:
		return fmt.Errorf("%d bytes, limit %d", len(s), max)
	case !utf8.ValidString(s):
		return fmt.Errorf("not UTF-8")
	}
	for _, r := range s {
		if r == '/' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Errorf("character %q not allowed", r)
		}
	}
	return nil
}

// String writes the identifier: "conf:X" or "conf:X/dialog:rec".
func (t Target) String() string {
	var b strings.Builder
	switch t.Kind {
	case Conf:
		b.WriteString("conf:")
	case Conn:
		b.WriteString("conn:")
	default:
		return ""
	}
	b.WriteString(t.ID)
	if t.Dialog != "" {
		b.WriteString("/dialog:")
		b.WriteString(t.Dialog)
	}
	return b.String()
}

// Object returns the identifier without its dialog part.
func (t Target) Object() Target {
	t.Dialog = ""
	return t
}

// WithDialog returns the identifier of the named dialog on t's object.
func (t Target) WithDialog(name string) Target {
	t.Dialog = name
	return t
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
