// Package wav writes 8 kHz telephony audio to RIFF/WAVE files as it arrives and
// repairs the files a crash leaves behind.
//
// Start with New (or NewWith for any io.WriteSeeker), feed it WritePCM for
// linear samples or WriteEncoded for G.711 bytes taken straight from RTP,
// call Flush about once a second and Close at the end. After every Flush the
// file on disk is a complete, playable WAV. After a crash, Repair turns
// whatever reached the disk into a valid file again.
//
// Three encodings are written: PCM16 (WAVE format tag 1), A-law (6) and µ-law
// (7), mono or interleaved multi-channel. The exact layout is in header.go.
package wav
