// Package mixer combines the 20 ms frames of a conference's legs into what
// each party hears (mix-minus) and what the recording taps write.
//
// Start here: New, AddLeg for every party, then on each tick of the
// conference clock fill every active leg's In frame and call SetActive,
// call Tick, send each leg's Out, and call Record once per recording tap.
//
// Everything is 8 kHz signed 16-bit PCM in the 20 ms frames package codecs
// defines (codecs.FrameSamples samples); sums are taken in int32 and
// saturated to int16 once, at the end. Tick and Record do not allocate. A Mixer and its Legs are owned by the conference's
// clock goroutine: no method is safe for concurrent use.
package mixer
