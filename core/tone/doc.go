// Package tone plays the periodic recording-notification tone that MSML asks
// for with the audiosrc and tonesilenceduration parameters.
//
// Start here: Load (or a Cache's Get, which every call should use) fetches the
// audiosrc WAV over HTTP(S), or reads it from a file when LoadOptions.AllowFile
// is set, and decodes it into a Source of 8 kHz mono PCM16 samples. NewPlayer
// turns a Source and the silence between tones into a schedule: the conference
// clock calls Next once per 20 ms frame and MixInto adds the frame to the
// recording or to what a party hears — where it goes is the conference's
// choice, not this package's.
//
// Accepted files: RIFF/WAVE with PCM16, A-law (format tag 6) or µ-law (7),
// mono or stereo (averaged to mono), 8000 Hz only, at most MaxDuration long.
// Nothing is resampled; any other rate fails with ErrRate naming the rate.
// docs/decisions/0012-recording-tones.md says why, and how the schedule and
// the cache behave.
//
// A Source is immutable and safe for concurrent use, so one Source serves
// every call. A Cache is safe for concurrent use. A Player is not: it belongs
// to the conference clock that calls Next, Pause and Resume.
package tone
