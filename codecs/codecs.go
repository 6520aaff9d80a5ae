package codecs

// SampleRate is the only rate Reel's media path runs at: narrow-band telephony.
const SampleRate = 8000

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
