package mp3

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// RepairReport says what Repair found and changed.
type RepairReport struct {
	// First is the header of the first whole frame: version, sample rate,
	// channels and (for CBR) the bit rate of the stream.
	First FrameHeader
	// Frames is the number of whole frames kept.
	Frames int
	// Samples is the number of samples per channel in those frames, the
	// encoder's delay and end padding included.
	Samples int64
	// AudioStart is the offset of the first frame (after any ID3v2 tag) and
	// AudioEnd the end of the last whole frame.
	AudioStart, AudioEnd int64
	// Skipped counts bytes between the first and the last frame that belong
	// to no frame; they stay in the file (decoders resync over them).
	Skipped int64
	// Trimmed is the number of bytes cut from the end: a partial frame and
	// whatever followed the last whole frame, except an ID3v1 tag.
	Trimmed int64
	// Info says the stream starts with an Info (or Xing) frame, which is
	// not counted in Frames and Samples: Repair rewrote it for the frames
	// kept (a writer that died left the placeholder of InfoFrame).
	Info bool

	duration time.Duration
}

// Duration is the playing time of the frames kept (decoders add no more):
// each frame is Samples/SampleRate long, 72 ms for what Reel writes.
func (r RepairReport) Duration() time.Duration { return r.duration }

// Changed reports whether Repair cut the file.
func (r RepairReport) Changed() bool { return r.Trimmed > 0 }

// Repair makes the MP3 file at path end on a frame boundary after its writer
// died: it scans the frame headers from the start (over an ID3v2 tag, and
// resynchronising over junk), keeps every whole frame, and cuts what follows
// the last one — a partial frame, or the zeros a file system may leave after
// a crash. A trailing ID3v1 tag is kept. An Info frame at the start is
// rewritten for the frames kept (their count and bytes, LAME's delay, no
// padding), so that decoders read the duration instead of estimating it.
// A file that already ends on a frame boundary is not cut; every change is
// fsynced before Repair returns.
//
// It returns ErrNoFrames, without touching the file, when there is no whole
// frame to keep. The file must not be open for writing elsewhere.
func Repair(path string) (RepairReport, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return RepairReport{}, fmt.Errorf("mp3: %w", err)
	}
	r, err := repairFile(f)
	return r, errors.Join(err, f.Close())
}

func repairFile(f *os.File) (RepairReport, error) {
	st, err := f.Stat()
	if err != nil {
		return RepairReport{}, fmt.Errorf("mp3: %w", err)
	}
	s, err := scanFrames(f, st.Size())
	if err != nil {
		return RepairReport{}, err
	}
	if s.frames == 0 {
		return RepairReport{AudioStart: s.start}, fmt.Errorf("%w in %d bytes", ErrNoFrames, st.Size())
	}
	info, err := readInfo(f, s)
	if err != nil {
		return RepairReport{}, err
	}
	if info != nil && s.frames == 1 {
		return RepairReport{AudioStart: s.start}, fmt.Errorf("%w after the Info frame in %d bytes", ErrNoFrames, st.Size())
	}
	r := reportOf(s, st.Size(), info)
	if info != nil {
		if err := writeInfo(f, s, info); err != nil {
			return r, err
		}
	}
	if !r.Changed() {
		if info != nil {
			return r, f.Sync()
		}
		return r, nil
	}
	if err := f.Truncate(s.keep); err != nil {
		return r, fmt.Errorf("mp3: cut partial frame: %w", err)
	}
	if err := f.Sync(); err != nil {
		return r, fmt.Errorf("mp3: sync: %w", err)
	}
	return r, nil
}

func reportOf(s scanResult, size int64, info []byte) RepairReport {
	r := RepairReport{
		First: s.first, Frames: s.frames, Samples: s.samples,
		AudioStart: s.start, AudioEnd: s.end, Skipped: s.skipped,
		Trimmed: size - s.keep, duration: s.duration,
	}
	if info != nil { // it holds no audio
		r.Info = true
		r.Frames--
		r.Samples -= int64(s.first.Samples)
		r.duration -= time.Duration(s.first.Samples) * time.Second / time.Duration(s.first.SampleRate)
	}
	return r
}
