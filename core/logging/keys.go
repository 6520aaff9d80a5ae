package logging

// Fixed attribute keys. Every component uses these names, so one query finds
// everything about a call, a conference or a recording.
const (
	KeyCallID      = "call_id"      // SIP Call-ID of the leg's dialog
	KeyConfID      = "conf_id"      // MSML conference id (msml=<conf-id>)
	KeyLeg         = "leg"          // leg id within the conference
	KeySSRC        = "ssrc"         // RTP synchronisation source
	KeyRecordingID = "recording_id" // recording id
	KeyPlugin      = "plugin"       // plugin name, also for re-logged plugin output
)
