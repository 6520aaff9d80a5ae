package wav

import "io"

// Info is what Probe finds in a WAV file: its format and where its samples
// are.
type Info struct {
	Format   Format
	DataAt   int64 // offset of the first sample byte
	DataSize int64 // bytes of samples the file holds (≤ what the header says; all of them while it is written)
}

// Probe reads the header chunks of the size-byte WAV file r up to its data
// chunk; like Repair it returns ErrNotWAV, ErrTruncatedHeader or
// ErrBadHeader for a file it cannot read, never panics on a hostile one.
func Probe(r io.ReaderAt, size int64) (Info, error) {
	l, err := readLayout(r, size)
	if err != nil {
		return Info{}, err
	}
	n := min(int64(l.dataSize), size-l.dataAt)
	if l.dataSize == 0 {
		n = size - l.dataAt // still being written: the header is fixed at Close
	}
	return Info{Format: l.format.withDefaults(), DataAt: l.dataAt, DataSize: n}, nil
}
