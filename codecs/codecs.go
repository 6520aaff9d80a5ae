package codecs

import "time"

// The media path's geometry, defined here once: narrow-band telephony at
// one rate, moved in frames of one clock tick. The jitter buffer pops, the
// mixer mixes, each leg sends one RTP packet and the recorder writes one
// frame per tick.
const (
	// SampleRate is the only rate Reel's media path runs at, in samples per
	// second per channel; it is also the G.711 RTP clock rate.
	SampleRate = 8000
	// FrameMs is one frame (and one tick of the media clock) in milliseconds:
	// the ptime Reel offers and sends.
	FrameMs = 20
	// FrameDuration is FrameMs as a time.Duration: the media clock's period.
	FrameDuration = FrameMs * time.Millisecond
	// FrameSamples is the number of samples per channel in one frame (160).
	FrameSamples = SampleRate * FrameMs / 1000
	// FramesPerSecond is the number of frames (ticks) in a second (50).
	FramesPerSecond = 1000 / FrameMs
)

// FrameWriter is a streaming audio file writer fed interleaved PCM16 at
// SampleRate. Implementations are not safe for concurrent use.
type FrameWriter interface {
	// WritePCM encodes and writes one block of interleaved samples
	// (len must be a multiple of the channel count). The caller keeps pcm.
	WritePCM(pcm []int16) error
	// Flush pushes everything encoded so far to the underlying writer, so a
	// crash after Flush loses nothing written before it.
	Flush() error
	// Close flushes, finalises the container and is safe to call twice.
	Close() error
}
