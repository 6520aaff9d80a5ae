package recmeta

// SIPREC is what a SIPREC recording session (RFC 7866) says about the
// call it records, in every file's metadata: the recording session's SIP
// Call-ID, the communication session ids and group from the RFC 7865
// metadata, and every participant that was on the call.
type SIPREC struct {
	RSCallID      string        `json:"rsCallId"`
	SessionIDs    []string      `json:"sessionIds,omitempty"`
	GroupID       string        `json:"groupId,omitempty"`
	SIPSessionIDs []string      `json:"sipSessionIds,omitempty"`
	Participants  []Participant `json:"participants"`
	// Extensions is the metadata's extension data (vendor UCIDs, call
	// center data), each element as XML, verbatim but for prefixes.
	Extensions []string `json:"extensions,omitempty"`
}

// Participant is a party of a SIPREC-recorded call.
type Participant struct {
	ID      string   `json:"id"`
	AOR     string   `json:"aor,omitempty"`
	Name    string   `json:"name,omitempty"`
	Labels  []string `json:"labels,omitempty"`  // the SDP labels of the streams it sends
	Channel string   `json:"channel,omitempty"` // "left" or "right" of a stereo file
	Left    bool     `json:"left,omitempty"`    // it left the call before the recording ended
}
