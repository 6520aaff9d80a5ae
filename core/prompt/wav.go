package prompt

import (
	"encoding/binary"
	"fmt"

	"github.com/reel-project/reel/codecs/g711"
)

// WAVE format tags (RFC 2361) this package decodes.
const (
	tagPCM        = 1
	tagALaw       = 6
	tagMuLaw      = 7
	tagExtensible = 0xFFFE
)

// Sample rates a file may have; anything between is resampled to 8 kHz.
const (
	minRate = 4000
	maxRate = 192000
)

// wavFormat is the part of a fmt chunk that decoding needs.
type wavFormat struct {
	tag      uint16
	channels int
	rate     uint32
	align    int // bytes per frame
	bits     int
}

// decodeWAV decodes a complete RIFF/WAVE file: PCM16, A-law and µ-law (also
// inside WAVE_FORMAT_EXTENSIBLE), mono or stereo (averaged to mono), at any
// rate from minRate to maxRate (resampled to 8 kHz), up to maxSamples after
// resampling. Chunks other than fmt and data are skipped; the RIFF size is
// not trusted. A data chunk whose size runs past the end of b (a file
// written as a stream, size 0 or 0xFFFFFFFF) is read to the end of b, and a
// trailing partial frame is dropped. b is not retained.
func decodeWAV(b []byte, maxSamples int) (*Audio, error) {
	f, data, err := splitWAV(b)
	if err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	frames := len(data) / f.align
	if err := checkLength(outLen(frames, int(f.rate)), maxSamples); err != nil {
		return nil, err
	}
	return &Audio{pcm: resample(f.decode(data[:frames*f.align], frames), int(f.rate))}, nil
}

// checkLength validates a length in 8 kHz samples.
func checkLength(n, maxSamples int) error {
	if n == 0 {
		return fmt.Errorf("%w: no audio samples", ErrFormat)
	}
	if n > maxSamples {
		return fmt.Errorf("%w: %v of audio, limit %v", ErrTooLong, SamplesToDuration(n), SamplesToDuration(maxSamples))
	}
	return nil
}

// splitWAV walks the chunks of b and returns the fmt chunk and the data
// chunk's bytes.
func splitWAV(b []byte) (wavFormat, []byte, error) {
	if !isWAV(b) {
		return wavFormat{}, nil, fmt.Errorf("%w: not a RIFF/WAVE file", ErrFormat)
	}
	var f wavFormat
	haveFmt := false
	for rest := b[12:]; len(rest) >= 8; {
		id, size := string(rest[0:4]), binary.LittleEndian.Uint32(rest[4:8])
		body := chunkBody(rest[8:], size)
		switch id {
		case "fmt ":
			var err error
			if f, err = parseFmt(body); err != nil {
				return wavFormat{}, nil, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return wavFormat{}, nil, fmt.Errorf("%w: data chunk before fmt chunk", ErrFormat)
			}
			return f, body, nil
		}
		rest = rest[min(uint64(len(rest)), 8+uint64(size)+uint64(size&1)):]
	}
	return wavFormat{}, nil, fmt.Errorf("%w: no fmt and data chunks", ErrFormat)
}

func isWAV(b []byte) bool {
	return len(b) >= 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WAVE"
}

// chunkBody returns the first size bytes of rest, or all of rest when the
// chunk claims more than there is.
func chunkBody(rest []byte, size uint32) []byte {
	if uint64(size) > uint64(len(rest)) {
		return rest
	}
	return rest[:size]
}

// parseFmt reads a fmt chunk; for WAVE_FORMAT_EXTENSIBLE the tag is taken
// from the first two bytes of the SubFormat GUID.
func parseFmt(c []byte) (wavFormat, error) {
	if len(c) < 16 {
		return wavFormat{}, fmt.Errorf("%w: fmt chunk of %d bytes, want at least 16", ErrFormat, len(c))
	}
	f := wavFormat{
		tag:      binary.LittleEndian.Uint16(c[0:2]),
		channels: int(binary.LittleEndian.Uint16(c[2:4])),
		rate:     binary.LittleEndian.Uint32(c[4:8]),
		align:    int(binary.LittleEndian.Uint16(c[12:14])),
		bits:     int(binary.LittleEndian.Uint16(c[14:16])),
	}
	if f.tag == tagExtensible {
		if len(c) < 40 {
			return wavFormat{}, fmt.Errorf("%w: WAVE_FORMAT_EXTENSIBLE fmt chunk of %d bytes, want 40", ErrFormat, len(c))
		}
		f.tag = binary.LittleEndian.Uint16(c[24:26])
	}
	return f, nil
}

// check rejects every format the decoder does not handle.
func (f wavFormat) check() error {
	want, ok := bitsFor(f.tag)
	switch {
	case !ok:
		return fmt.Errorf("%w: WAVE format tag %#x, want PCM (1), A-law (6) or µ-law (7)", ErrFormat, f.tag)
	case f.bits != want:
		return fmt.Errorf("%w: %d bits per sample for format tag %d, want %d", ErrFormat, f.bits, f.tag, want)
	case f.channels != 1 && f.channels != 2:
		return fmt.Errorf("%w: %d channels, want 1 or 2", ErrFormat, f.channels)
	case f.align != f.channels*want/8:
		return fmt.Errorf("%w: block align %d, want %d", ErrFormat, f.align, f.channels*want/8)
	case f.rate < minRate || f.rate > maxRate:
		return fmt.Errorf("%w: %d Hz, want %d to %d Hz", ErrFormat, f.rate, minRate, maxRate)
	}
	return nil
}

// bitsFor returns the sample size a format tag must have, and whether the
// tag is decoded at all.
func bitsFor(tag uint16) (int, bool) {
	switch tag {
	case tagPCM:
		return 16, true
	case tagALaw, tagMuLaw:
		return 8, true
	}
	return 0, false
}

// decode turns whole frames of data into mono samples.
func (f wavFormat) decode(data []byte, frames int) []int16 {
	pcm := make([]int16, frames*f.channels)
	switch f.tag {
	case tagPCM:
		for i := range pcm {
			pcm[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
		}
	case tagALaw:
		g711.ALaw.DecodeTo(pcm, data)
	case tagMuLaw:
		g711.MuLaw.DecodeTo(pcm, data)
	}
	if f.channels == 2 {
		pcm = downmix(pcm)
	}
	return pcm
}

// downmix averages interleaved stereo pairs into a new mono slice, rounding
// toward minus infinity. The average of two int16 always fits an int16.
func downmix(pcm []int16) []int16 {
	mono := make([]int16, len(pcm)/2)
	for i := range mono {
		mono[i] = int16((int32(pcm[2*i]) + int32(pcm[2*i+1])) >> 1)
	}
	return mono
}
