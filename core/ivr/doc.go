// Package ivr runs a VoiceXML application (core/vxml) on a call: one
// Session binds one vxml.Session to the conference clock of reel-mcp.
//
// Start here: New with a Config (the document fetcher, a Prompts source of
// core/prompt audio — LoaderPrompts —, the Platform that hangs up, transfers and controls the
// call's recording), Start with the initial document's URI — on the SIP
// INVITE's goroutine, so that a document that cannot be fetched becomes the
// INVITE's error response (Start's *StartError) — then attach the Session
// to the caller's conference (it is a conference.Endpoint) and Run it on its
// own goroutine. Hangup reports the caller's BYE; Stop ends the application
// from outside (MSML <dialogend>).
//
// Two goroutines share a Session. The conference clock calls Digit, Say and
// Hear every 20 ms under the conference lock: Say plays the queued prompt
// audio frame by frame (a core/prompt Player), and a key press (RFC 4733
// through Digit, in-band through core/dtmf's Detector on what Hear gets,
// each press counted once by a Deduper) stops a barge-in prompt before the
// next frame is said. Run owns the vxml.Session: it renders prompts
// (fetch, text-to-speech) into the queue, feeds keys, deadlines and the
// caller's hang-up to the interpreter, and carries out its actions. The
// input timers of VoiceXML start when the prompts have finished playing:
// Run holds the interpreter's Tick until the queue has been idle for as
// long as the interpreter asked to wait. A recording command waits for the
// prompts queued before it to play, so that `pause;` after a prompt leaves
// the prompt in the recording.
package ivr
