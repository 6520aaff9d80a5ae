// Package vxmlrec records the caller for a VoiceXML <record> item: it takes
// the caller's 8 kHz audio frame by frame and decides when the recording
// ends — maxtime reached, finalsilence of silence after speech
// (energy-based), or a key when dtmfterm is true — and then encodes what was
// said into a file of the requested type (WAV through codecs/wav, MP3
// through codecs/mp3/lame) with the values of the item's shadow variables
// (duration, size, termchar, maxtime).
//
// Start here: New with the item's Options; play Beep() to the caller first
// when Options.Beep is set (the IVR queues it on its prompt Player); then
// Write each 20 ms frame of the caller's audio and Key each key press until
// either reports done; Finish encodes. A Recorder is not safe for
// concurrent use: the call's media goroutine owns it.
//
// End of speech is energy-based: a frame is speech when its RMS exceeds
// Options.SpeechLevel (−40 dBFS by default, well above line noise and well
// below quiet speech); after the first speech frame, FinalSilence of
// non-speech frames ends the recording, and that trailing silence is cut
// from the file. A recording that never hears speech ends after
// FinalSilence with no audio, which the interpreter turns into noinput.
package vxmlrec
