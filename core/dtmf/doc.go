// Package dtmf gets the caller's key presses from each path that can carry
// them: SIP INFO bodies (ParseRelay for application/dtmf-relay, ParseDTMF for
// application/dtmf), in-band tones in the audio (Detector, a Goertzel
// detector within ITU-T Q.24 tolerances), and RFC 4733 telephone-events,
// which core/jitter already decodes (jitter.Event.Digit). A Deduper counts
// each press once when a caller's equipment sends it on more than one path.
//
// Keys are the bytes '0'–'9', '*', '#' and 'A'–'D'.
//
// The Detector follows the usual DTMF receiver design (ITU-T Q.24, ETSI ES
// 201 235-3): per 10 ms half-block, a Goertzel filter at each of the eight
// frequencies; per 20 ms window (two half-blocks) the strongest row and
// column must each be above the minimum level, within the twist limits,
// clear of the other frequencies of their group, carry most of the window's
// energy (signal to noise), and — measured from the phase advance between
// the half-blocks — lie within 2.5 % of the nominal frequency, between Q.24's
// ±1.5 % must-accept and ±3.5 % must-reject. A key is reported after two
// consecutive valid windows (30 ms of tone; every tone of 40 ms or more) and
// released after two invalid ones. docs/decisions/0044-dtmf.md has the
// numbers and the tests behind them.
package dtmf
