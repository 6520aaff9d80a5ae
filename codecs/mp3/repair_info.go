package mp3

import (
	"fmt"
	"io"
	"os"
)

// readInfo returns the first frame of s when it is an Info or Xing frame,
// else nil.
func readInfo(f *os.File, s scanResult) ([]byte, error) {
	b := make([]byte, s.first.Length)
	if _, err := f.ReadAt(b, s.start); err != nil && err != io.EOF {
		return nil, fmt.Errorf("mp3: read first frame: %w", err)
	}
	if !isInfoFrame(b, s.first) {
		return nil, nil
	}
	return b, nil
}

// writeInfo replaces the Info frame at s.start with one for the frames s
// kept. The bit rate comes from the old frame's LAME tag; the padding of a
// stream cut by a crash is unknown, so it is 0 (the last frame plays whole).
// A Xing frame of another writer (not InfoLen long) is left alone.
func writeInfo(f *os.File, s scanResult, old []byte) error {
	if len(old) != InfoLen || s.first.Version != MPEG25 {
		return nil
	}
	bitrate := int(old[HeaderLen+sideInfoLen(s.first)+infoXingLen+20])
	in := Info{Channels: s.first.Channels, Bitrate: bitrate, Frames: s.frames - 1, Bytes: s.keep, Delay: LAMEDelay}
	if _, err := f.WriteAt(InfoFrame(in), s.start); err != nil {
		return fmt.Errorf("mp3: rewrite the Info frame: %w", err)
	}
	return nil
}
