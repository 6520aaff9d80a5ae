// Package lame encodes Reel's 8 kHz PCM16 into constant-bit-rate MP3
// through libmp3lame (LAME), streaming the bytes to an io.Writer as they
// are made. It is the only package of Reel that uses cgo; the file format
// (modes, frame headers, repair) is the pure-Go parent package codecs/mp3.
//
// Start here: NewEncoder(w, mp3.Stereo16), then WritePCM once per 10–30 ms
// frame, Flush when the spool wants a durability point, and Close at the
// end. Encoder satisfies codecs.FrameWriter.
//
// # Build
//
// The package needs cgo and Debian's libmp3lame-dev (linked dynamically,
// LGPL). A binary built with CGO_ENABLED=0 still compiles, but Available
// reports false and NewEncoder returns ErrNoCGO: configuration checks must
// refuse MP3 outputs at start-up instead of recording nothing. Why LAME and
// why our own binding: docs/decisions/0003-lame-through-cgo.md.
//
// # Delay
//
// The encoder holds back the newest input (look-ahead plus reservoir,
// measured worst case about 0.5 s at 8 kbit/s, 0.35 s at 16 and 0.3 s at
// 32) until more arrives or Close pads and writes it; decoders play
// mp3.EncoderDelay samples of leading silence (see codecs/mp3).
package lame
