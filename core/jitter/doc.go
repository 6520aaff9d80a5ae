// Package jitter turns one leg's RTP packets into a steady stream of fixed-size
// PCM frames for the conference clock.
//
// Start here: New with a Config (decoders by payload type, delays in ms), call
// Push from the leg's socket goroutine for every RTP packet, call Pop from the
// conference clock every FrameSamples, and read Stats, ReceptionReport and
// PopEvent when RTCP, metadata or DTMF handling needs them.
//
// Placement is timestamp-true: each packet is decoded at once and its samples
// are written into a sample ring at the position its RTP timestamp gives
// relative to an anchor, so any packet duration (10, 20, 30 ms or a mix) plays
// out exactly and a reordered packet simply fills its hole. Pop reads the next
// FrameSamples samples; a hole is concealed (the last pitch period repeated,
// fading out) for ConcealMs, then filled with silence. The anchor moves only
// at talk-spurt starts, source changes, and when the stream falls behind or
// jumps; the playout delay follows the network by dropping or inserting a few
// samples per frame, preferably in low-energy frames.
// docs/decisions/0005-jitter-buffer.md says why, and what each counter means.
//
// A Buffer's methods are safe for concurrent use: one mutex, held briefly by
// each call, serialises Push (socket goroutine) against Pop (clock goroutine).
// Push and Pop do not allocate.
package jitter
