// Package mp3 encodes Reel's 8 kHz PCM16 into constant-bit-rate MP3 through
// libmp3lame (LAME), streaming the bytes to an io.Writer as they are made.
//
// Start here: NewEncoder(w, Stereo16), then WritePCM once per 10–30 ms
// frame, Flush when the spool wants a durability point, and Close at the
// end. Encoder satisfies codecs.FrameWriter. Modes come from configuration
// through ParseMode ("mp3-8-mono", "mp3-16-stereo", "mp3-32-stereo").
//
// # Build
//
// The package needs cgo and Debian's libmp3lame-dev (linked dynamically,
// LGPL). A binary built with CGO_ENABLED=0 still compiles, but Available
// reports false and NewEncoder returns ErrNoCGO: configuration checks must
// refuse MP3 outputs at start-up instead of recording nothing. Why LAME and
// why our own binding: docs/decisions/0003-lame-through-cgo.md.
//
// # Container
//
// The output is a bare sequence of MPEG-2.5 Layer III frames (the
// Fraunhofer extension of ISO/IEC 13818-3 to 8, 11.025 and 12 kHz): no ID3
// tag and no Xing/LAME tag, since we stream CBR and never seek back. At
// 8 kHz a frame holds 576 samples per channel (72 ms) and takes
// 72 × bitrate / 8000 bytes with no padding slots:
//
//	mp3-8-mono      8 kbit/s   72 bytes/frame
//	mp3-16-stereo  16 kbit/s  144 bytes/frame   (joint stereo)
//	mp3-32-stereo  32 kbit/s  288 bytes/frame   (joint stereo)
//
// Each frame starts with a 4-byte header (sync 0xFFE, version bits 00 =
// MPEG-2.5), so frames are self-delimiting: a file cut by a crash loses only
// its trailing partial frame, which decoders skip. Frames may borrow up to
// 255 bytes from earlier frames (the bit reservoir), so a frame needs the
// ones before it, never the ones after.
//
// Decoders output LAME's delay of 1105 samples (576 encoder look-ahead + 529
// decoder filterbank) as leading silence, and the last frame is padded, so a
// file plays 138–210 ms longer than its input. The encoder holds back the
// newest input (look-ahead plus reservoir, measured worst case about 0.5 s
// at 8 kbit/s, 0.35 s at 16 and 0.3 s at 32) until more arrives or Close
// pads and writes it.
//
// Repair makes a file cut by a crash clean: it scans frame headers from the
// start (skipping an ID3v2 tag and resyncing over junk) and truncates the
// trailing partial frame.
package mp3
