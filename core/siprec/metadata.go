package siprec

import (
	"fmt"
	"strings"

	"github.com/reel-project/reel/internal/xmltree"
)

// metadataLimits bound a metadata document; SIP's body limit comes first.
var metadataLimits = xmltree.Limits{MaxBytes: 256 << 10, MaxDepth: 32, MaxElements: 4096}

// Metadata is one recording metadata document (RFC 7865 §6, the XML of
// application/rs-metadata+xml), as sent: a complete snapshot or a partial
// update (DataMode). Elements match by local name in any case, in any
// namespace (urn:ietf:params:xml:ns:recording:1, the same without ":1",
// none) and with any prefix. Both shapes SRCs send are read: RFC 7865's
// participant_id/session_id/stream_id attributes with
// <participantstreamassoc>, and the earlier drafts' id/session attributes
// with <send>/<recv> inside <participant>.
type Metadata struct {
	DataMode      string
	Groups        []Group
	Sessions      []CSession
	Participants  []Participant
	Streams       []StreamMeta
	SessionAssocs []SessionAssoc
	StreamAssocs  []StreamAssoc
	Extensions    []string // elements we do not interpret, as XML
}

// Group is a communication session group (<group>).
type Group struct {
	ID         string
	Extensions []string
}

// CSession is a communication session (<session>): the recorded call.
type CSession struct {
	ID           string
	SIPSessionID []string
	Extensions   []string
}

// Participant is a party of the recorded call (<participant>).
type Participant struct {
	ID    string
	AOR   string // <nameID aor=…>, or the drafts' <aor>
	Names []string
	// Send and Recv are the draft shape's stream ids.
	Send, Recv []string
	Extensions []string
}

// StreamMeta is a media stream of the recording session (<stream>): its
// label names the SDP m-line (a=label).
type StreamMeta struct {
	ID, Session, Label string
}

// SessionAssoc ties a participant to a session; a disassociate-time says
// the participant has left (RFC 7865 §6.8).
type SessionAssoc struct {
	Participant, Session, Disassociate string
}

// StreamAssoc lists the streams a participant sends and receives.
type StreamAssoc struct {
	Participant string
	Send, Recv  []string
}

// ParseMetadata reads a metadata document. The XML is tokenized by
// internal/xmltree, the one XML parser (gosax; decision 0034: encoding/xml
// is ten times slower), which also refuses entity declarations.
func ParseMetadata(b []byte) (*Metadata, error) {
	root, err := xmltree.Parse(b, metadataLimits)
	if err != nil {
		return nil, fmt.Errorf("%w: rs-metadata: %v", ErrMalformed, err)
	}
	if !strings.EqualFold(root.Name, "recording") {
		return nil, fmt.Errorf("%w: rs-metadata: root element <%s>, want <recording>", ErrMalformed, root.Name)
	}
	m := &Metadata{}
	for _, n := range root.Elements() {
		m.add(n)
	}
	return m, nil
}

// add reads one child of <recording>.
func (m *Metadata) add(n *xmltree.Node) {
	switch strings.ToLower(n.Name) {
	case "datamode":
		m.DataMode = text(n)
	case "group":
		m.Groups = append(m.Groups, Group{ID: attr2(n, "group_id", "id"), Extensions: extensions(n)})
	case "session":
		m.Sessions = append(m.Sessions, CSession{ID: attr2(n, "session_id", "id"),
			SIPSessionID: texts(n, "sipsessionid"), Extensions: extensions(n)})
	case "participant":
		m.Participants = append(m.Participants, participant(n))
	case "stream":
		m.Streams = append(m.Streams, StreamMeta{ID: attr2(n, "stream_id", "id"),
			Session: attr2(n, "session_id", "session"), Label: childText(n, "label")})
	case "participantsessionassoc":
		m.SessionAssocs = append(m.SessionAssocs, SessionAssoc{Participant: attr2(n, "participant_id", "participant"),
			Session: attr2(n, "session_id", "session"), Disassociate: childText(n, "disassociate-time")})
	case "participantstreamassoc":
		m.StreamAssocs = append(m.StreamAssocs, StreamAssoc{Participant: attr2(n, "participant_id", "participant"),
			Send: texts(n, "send"), Recv: texts(n, "recv")})
	default:
		m.Extensions = append(m.Extensions, serialize(n))
	}
}

func participant(n *xmltree.Node) Participant {
	p := Participant{ID: attr2(n, "participant_id", "id"), Send: texts(n, "send"), Recv: texts(n, "recv"),
		AOR: childText(n, "aor")}
	for _, c := range n.Elements() {
		if strings.EqualFold(c.Name, "nameID") {
			p.AOR = first(strings.TrimSpace(attr2(c, "aor", "AOR")), p.AOR)
			p.Names = append(p.Names, texts(c, "name")...)
		}
	}
	p.Extensions = extensions(n)
	return p
}

// Partial reports whether the document is a partial update (RFC 7865 §6.1.1).
func (m *Metadata) Partial() bool {
	return strings.EqualFold(m.DataMode, "partial")
}

// known are the children of <group>, <session> and <participant> that are
// read or are RFC 7865's own; the rest are extension data.
var known = map[string]bool{
	"associate-time": true, "disassociate-time": true, "start-time": true, "stop-time": true,
	"sipsessionid": true, "group-ref": true, "nameid": true, "aor": true, "send": true, "recv": true,
}

// extensions are n's children that are not RFC 7865's, as XML.
func extensions(n *xmltree.Node) []string {
	var out []string
	for _, c := range n.Elements() {
		if !known[strings.ToLower(c.Name)] {
			out = append(out, serialize(c))
		}
	}
	return out
}

// attr2 is the first of two attribute names present, trimmed.
func attr2(n *xmltree.Node, name, alt string) string {
	if v, ok := n.Attr(name); ok {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(n.Get(alt))
}

// text is n's character data, trimmed.
func text(n *xmltree.Node) string { return strings.TrimSpace(n.TextContent()) }

// childText is the text of n's first child element called name (any case).
func childText(n *xmltree.Node, name string) string {
	for _, c := range n.Elements() {
		if strings.EqualFold(c.Name, name) {
			return text(c)
		}
	}
	return ""
}

// texts are the non-empty texts of n's child elements called name.
func texts(n *xmltree.Node, name string) []string {
	var out []string
	for _, c := range n.Elements() {
		if strings.EqualFold(c.Name, name) {
			if t := text(c); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// escaper escapes text and attribute values (both written in "…").
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// serialize writes an element back as XML with its namespace declared on
// it: the content verbatim, prefixes dropped.
func serialize(n *xmltree.Node) string {
	var b strings.Builder
	writeNode(&b, n, "")
	return b.String()
}

func writeNode(b *strings.Builder, n *xmltree.Node, space string) {
	if n.IsText() {
		b.WriteString(escaper.Replace(n.Text))
		return
	}
	b.WriteString("<" + n.Name)
	if n.Space != space {
		b.WriteString(` xmlns="` + n.Space + `"`)
	}
	for _, a := range n.Attrs {
		b.WriteString(" " + a.Name.Local + `="`)
		b.WriteString(escaper.Replace(a.Value) + `"`)
	}
	b.WriteString(">")
	for _, c := range n.Children {
		writeNode(b, c, n.Space)
	}
	b.WriteString("</" + n.Name + ">")
}
