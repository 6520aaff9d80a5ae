// Package jitter turns one leg's RTP packets into a steady stream of fixed-size
// PCM frames for the conference clock.
//
// Start here: New with a Config (decoders by payload type, delays in ms), call
// Push for every RTP packet, Pop once a frame (FrameSamples), and read Stats,
// ReceptionReport and PopEvent when RTCP, metadata or DTMF handling needs
// them.
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
// What runs where (decision 0022, direct pull): there is no socket goroutine.
// Once a tick the media clock's worker that ticks the leg's conference, holding
// the conference's mutex, calls rtpio.Session.Poll with the leg's Buffer, which
// Pushes what waited in the kernel (with the kernel's arrival times), then Pops
// the tick's frame, then takes ReceptionReport when an RTCP report is due —
// all on that one goroutine, back to back. Stats is read on SIP goroutines
// (recording start and stop, a leg leaving), also under the conference's
// mutex. So in the daemon nothing contends for the Buffer; its own mutex,
// held briefly by each method and never while calling out (except to the
// Decoders inside Push), keeps every method safe for concurrent use anyway,
// for other callers and the tests, at the price of an uncontended lock.
// Push and Pop do not allocate.
package jitter
