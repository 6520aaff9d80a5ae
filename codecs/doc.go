// Package codecs names the audio formats Reel reads and writes, the one
// interface every file writer satisfies, and the frame geometry (sample rate,
// 20 ms frames) every stage of the media path shares.
//
// The sub-packages do the work: g711 (µ-law and A-law sample conversion),
// wav (RIFF/WAVE writer and crash repair) and mp3 (LAME through cgo).
// Everything inside Reel is 8 kHz signed 16-bit PCM; stereo is interleaved
// left, right.
package codecs
