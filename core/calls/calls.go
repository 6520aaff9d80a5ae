package calls

// Path is the admin API path that serves a Report.
const Path = "/calls"

// Report is every call in progress on one reel-mcp.
type Report struct {
	Calls []Call `json:"calls"`
	Legs  int    `json:"legs"`
}

// Call is one conference (msml=<conf-id>) or recorder session (record=<id>).
type Call struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"` // "conference" or "recorder"
	CallUUID  string     `json:"callUuid,omitempty"`
	Legs      []Leg      `json:"legs"`
	Recording *Recording `json:"recording,omitempty"` // nil: not recording now
}

// Leg is one SIP dialog with media.
type Leg struct {
	ID              string `json:"id"`
	CallID          string `json:"callId"` // SIP Call-ID
	DN              string `json:"dn,omitempty"`
	Recorded        bool   `json:"recorded"`  // the leg asked for recording
	Codec           string `json:"codec"`     // "PCMU" or "PCMA"
	Direction       string `json:"direction"` // from reel-mcp's side: sendrecv, sendonly, recvonly, inactive
	LocalPort       int    `json:"localPort"`
	Remote          string `json:"remote,omitempty"` // where RTP goes, host:port
	PacketsReceived uint64 `json:"packetsReceived"`
	PacketsSent     uint64 `json:"packetsSent"`
	PacketsLost     int64  `json:"packetsLost"` // sequence gaps the jitter buffer gave up on
	// Level is the leg's incoming audio level: the peak of its last frames
	// in ‰ of full scale, decaying by an eighth a frame (about 0.4 s to
	// silence), for the console's meters.
	Level int `json:"level"`
}

// Recording is the recording running in a call.
type Recording struct {
	ID    string   `json:"id"`
	State string   `json:"state"` // "recording" or "paused"
	Files []string `json:"files"`
	MSML  bool     `json:"msml"` // started by an MSML dialog (else full-time, by the Request-URI)
}
