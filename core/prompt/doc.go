// Package prompt turns the audio a VoiceXML application plays into 8 kHz
// frames: it fetches <audio> sources, decodes them, caches the decoded audio
// for every call of the process, and plays queued prompts one 20 ms frame at
// a time with barge-in.
//
// Start here: a Loader (one per process) fetches through the interpreter's
// fetch.Fetcher — the one HTTP cache of the process, with Cache-Control,
// ETag revalidation, maxage/maxstale and file: roots — and decodes with
// Decode into an Audio, kept in a Cache bounded by bytes. Audio that is
// fetched again unchanged (a fresh or revalidated body) is not decoded
// again; concurrent loads of one URI share one fetch and one decode; a
// failure is remembered briefly so that a dead origin is not asked once per
// call. Speech from a text-to-speech engine is kept in the same Cache under
// (voice, text).
//
// Decode accepts RIFF/WAVE (PCM16, A-law, µ-law; mono or stereo; any sample
// rate, resampled to 8 kHz by a windowed-sinc low-pass resampler), headerless
// G.711 (.ul/.ulaw/.mulaw and .al/.alaw, or Content-Type audio/basic and
// audio/x-alaw-basic) and MP3 (MPEG-1, 2 and 2.5 Layer III, decoded by
// LAME's decoder through codecs/mp3/lame, gapless when a LAME tag states the
// delay). docs/decisions/0043-prompt-audio.md says why.
//
// A Player is one call's prompt queue: Enqueue adds audio or silence, Next
// yields the next frame (from the media clock), Stop empties the queue at the
// next frame (barge-in, hang-up), and Idle says when everything queued has
// played.
//
// Every load error wraps fetch.ErrFetch, so the interpreter raises
// error.badfetch (error.badfetch.http.N for an HTTP status); decoding errors
// also wrap ErrFormat or ErrTooLong.
package prompt
