package siprec

import (
	"testing"
)

func mustMetadata(t *testing.T, doc string) *Metadata {
	t.Helper()
	m, err := ParseMetadata([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPartialUpdatesAddAndRemoveParticipants(t *testing.T) {
	var st State
	st.Apply(mustMetadata(t, `<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>
		<session session_id="s"/>
		<participant participant_id="a"><nameID aor="sip:a@x"><name>A</name></nameID></participant>
		<participant participant_id="b"><nameID aor="sip:b@x"/></participant>
		<stream stream_id="1" session_id="s"><label>1</label></stream>
		<stream stream_id="2" session_id="s"><label>2</label></stream>
		<participantstreamassoc participant_id="a"><send>1</send></participantstreamassoc>
		<participantstreamassoc participant_id="b"><send>2</send></participantstreamassoc></recording>`))
	// A transfer: b leaves, c joins and sends on b's stream; a third stream appears.
	st.Apply(mustMetadata(t, `<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>partial</datamode>
		<participant participant_id="c"><nameID aor="sip:c@x"/></participant>
		<participantsessionassoc participant_id="b" session_id="s"><disassociate-time>2024-01-01T00:00:00Z</disassociate-time></participantsessionassoc>
		<stream stream_id="3" session_id="s"><label>3</label></stream>
		<participantstreamassoc participant_id="c"><send>2</send></participantstreamassoc>
		<participantstreamassoc participant_id="b"></participantstreamassoc></recording>`))
	for label, aor := range map[string]string{"1": "sip:a@x", "2": "sip:c@x", "3": ""} {
		if p, _ := st.Sender(label); p.AOR != aor {
			t.Errorf("label %s sent by %q, want %q", label, p.AOR, aor)
		}
	}
	if len(st.Participants) != 3 || !st.Participants[1].Left || st.Participants[0].Left || st.Participants[0].Name != "A" {
		t.Errorf("participants %+v", st.Participants)
	}
	// A new snapshot without a: a is kept, marked as having left.
	st.Apply(mustMetadata(t, `<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>
		<participant participant_id="c"><nameID aor="sip:c@x"/></participant>
		<stream stream_id="2"><label>2</label></stream>
		<participantstreamassoc participant_id="c"><send>2</send></participantstreamassoc></recording>`))
	if !st.Participants[0].Left || st.Participants[2].Left || len(st.Streams) != 1 {
		t.Errorf("after a snapshot: participants %+v streams %+v", st.Participants, st.Streams)
	}
}
