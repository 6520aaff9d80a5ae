package siprec

import "slices"

// State is what a recording session's metadata has said so far: complete
// snapshots replace it, partial updates change the elements they name
// (RFC 7865 §6.1.1). Participants are never forgotten within a session —
// one that leaves is marked Left — so that the recording's metadata lists
// everybody who was on it. Not safe for concurrent use.
type State struct {
	GroupID       string
	SessionIDs    []string // communication session ids
	SIPSessionIDs []string
	Participants  []PartyState
	Streams       []StreamState
	Extensions    []string // vendor extension data, verbatim, in order seen
}

// PartyState is one participant of the session.
type PartyState struct {
	ID    string
	AOR   string
	Name  string
	Sends []string // stream ids
	Recvs []string
	Left  bool // a disassociate-time was received
}

// StreamState is one stream the metadata described.
type StreamState struct {
	ID, Label, Session string
}

// Apply takes a metadata document: a snapshot replaces everything but the
// participants and extensions seen before (kept, marked Left when the
// snapshot no longer has them); a partial update merges.
func (s *State) Apply(m *Metadata) {
	if !m.Partial() {
		s.Streams = nil
		for i := range s.Participants {
			s.Participants[i].Left = true
		}
	}
	for _, g := range m.Groups {
		s.GroupID = first(g.ID, s.GroupID)
		s.addExtensions(g.Extensions)
	}
	for _, c := range m.Sessions {
		s.SessionIDs = appendNew(s.SessionIDs, c.ID)
		for _, sid := range c.SIPSessionID {
			s.SIPSessionIDs = appendNew(s.SIPSessionIDs, sid)
		}
		s.addExtensions(c.Extensions)
	}
	for _, st := range m.Streams {
		s.setStream(StreamState{ID: st.ID, Label: st.Label, Session: st.Session})
	}
	for _, p := range m.Participants {
		s.applyParticipant(p)
	}
	for _, a := range m.StreamAssocs {
		if p := s.party(a.Participant); p != nil {
			p.Sends, p.Recvs = a.Send, a.Recv
		}
	}
	for _, a := range m.SessionAssocs {
		if p := s.party(a.Participant); p != nil {
			p.Left = a.Disassociate != ""
		}
	}
	s.addExtensions(m.Extensions)
}

func (s *State) applyParticipant(mp Participant) {
	pid := mp.ID
	if pid == "" {
		return
	}
	p := s.party(pid)
	if p == nil {
		s.Participants = append(s.Participants, PartyState{ID: pid})
		p = &s.Participants[len(s.Participants)-1]
	}
	p.Left = false
	p.AOR = first(mp.AOR, p.AOR)
	if len(mp.Names) > 0 {
		p.Name = mp.Names[0]
	}
	if len(mp.Send)+len(mp.Recv) > 0 {
		p.Sends, p.Recvs = mp.Send, mp.Recv
	}
	s.addExtensions(mp.Extensions)
}

func (s *State) setStream(st StreamState) {
	if st.ID == "" {
		return
	}
	for i := range s.Streams {
		if s.Streams[i].ID == st.ID {
			s.Streams[i] = st
			return
		}
	}
	s.Streams = append(s.Streams, st)
}

func (s *State) party(pid string) *PartyState {
	for i := range s.Participants {
		if s.Participants[i].ID == pid {
			return &s.Participants[i]
		}
	}
	return nil
}

func (s *State) addExtensions(ext []string) {
	for _, e := range ext {
		s.Extensions = appendNew(s.Extensions, e)
	}
}

// Sender is the participant that sends the stream an m-line labels, and
// whether the metadata says so: a label the metadata does not know, or a
// stream nobody sends, has no sender.
func (s *State) Sender(label string) (PartyState, bool) {
	for _, st := range s.Streams {
		if st.Label != label || label == "" {
			continue
		}
		for _, p := range s.Participants {
			if slices.Contains(p.Sends, st.ID) {
				return p, true
			}
		}
	}
	return PartyState{}, false
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func appendNew(list []string, v string) []string {
	if v == "" || slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
