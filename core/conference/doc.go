// Package conference is the media side of reel-mcp: it joins call legs into
// conferences, bridges them (each party hears the others) and records them,
// all driven by one 20 ms clock for every conference of the process.
//
// A Leg owns one RTP session (core/rtpio) and its jitter buffer
// (core/jitter); a Conference owns a mixer (core/mixer) and at most one
// active recording (core/recording). Each tick the Engine pops a frame from
// every leg's jitter buffer, mixes, encodes and sends each leg what it should
// hear, and feeds the recording tap. SIP is not known here: core/app adapts
// the SIP user agent's dialogs onto Engine.Join and the Leg's SDP methods.
package conference
