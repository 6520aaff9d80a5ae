// Package tone plays the periodic recording-notification tone that MSML asks
// for with the audiosrc and tonesilenceduration parameters.
//
// Start here: the tone's audio is a *prompt.Audio — core/prompt fetches,
// decodes (WAV, headerless G.711, MP3; any rate resampled to 8 kHz) and
// caches it, as it does every prompt. NewPlayer turns the audio and the
// silence between tones into a schedule: the conference clock calls Next
// once per 20 ms frame and MixInto adds the frame to the recording or to
// what a party hears — where it goes is the conference's choice, not this
// package's. docs/decisions/0012-recording-tones.md says how the schedule
// behaves; 0043 why decoding moved to core/prompt.
//
// A Player is not safe for concurrent use: it belongs to the conference
// clock that calls Next, Pause and Resume.
package tone
