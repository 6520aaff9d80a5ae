// Package mp3 knows Reel's MP3 files without encoding them: the three
// recording modes, the Layer III frame header, and Repair of a file cut by
// a crash. It is pure Go; the encoder, which needs libmp3lame through cgo,
// is the sub-package codecs/mp3/lame, so binaries that only read or repair
// MP3 (reelctl, the plugins) build with CGO_ENABLED=0.
//
// Modes come from configuration through ParseMode ("mp3-8-mono",
// "mp3-16-stereo", "mp3-32-stereo").
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
// Decoders output LAME's delay of EncoderDelay = 1105 samples (576 encoder
// look-ahead + 529 decoder filterbank) as leading silence, and the last
// frame is padded, so a file plays 138–210 ms longer than its input.
//
// Repair makes a file cut by a crash clean: it scans frame headers from the
// start (skipping an ID3v2 tag and resyncing over junk) and truncates the
// trailing partial frame.
package mp3
