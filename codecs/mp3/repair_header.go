package mp3

import "fmt"

// Version is the MPEG audio version of a frame, as coded in its header.
type Version uint8

// The three versions; the fourth code (01) is reserved.
const (
	MPEG25 Version = 0 // the Fraunhofer extension to 8, 11.025 and 12 kHz (what Reel writes)
	MPEG2  Version = 2 // ISO/IEC 13818-3: 16, 22.05 and 24 kHz
	MPEG1  Version = 3 // ISO/IEC 11172-3: 32, 44.1 and 48 kHz
)

// String returns "MPEG-1", "MPEG-2" or "MPEG-2.5".
func (v Version) String() string {
	switch v {
	case MPEG1:
		return "MPEG-1"
	case MPEG2:
		return "MPEG-2"
	case MPEG25:
		return "MPEG-2.5"
	}
	return fmt.Sprintf("MPEG version code %d", uint8(v))
}

// HeaderLen is the size of an MPEG audio frame header.
const HeaderLen = 4

// maxFrameLen is the longest Layer III frame: 160 kbit/s at 8 kHz or
// 320 kbit/s at 32 kHz, plus a padding slot.
const maxFrameLen = 1441

// FrameHeader is a parsed MPEG-1/2/2.5 Layer III frame header
// (ISO/IEC 11172-3 §2.4.1.3, 13818-3 §2.4.2.3):
//
//	AAAAAAAA AAABBCCD EEEEFFGH IIJJKLMM
//	A sync (11 ones)  B version  C layer (01 = III)  D no CRC
//	E bitrate index   F sample rate index  G padding  H private
//	I channel mode (11 = mono)  J mode extension  K copyright  L original  M emphasis
type FrameHeader struct {
	Version    Version
	Bitrate    int  // kbit/s
	SampleRate int  // Hz
	Padding    bool // one extra byte in this frame
	Channels   int  // 1 for mono, 2 for the stereo modes
	Samples    int  // per channel: 1152 for MPEG-1, 576 for MPEG-2 and 2.5
	Length     int  // bytes, header included
}

// Layer III bit rates in kbit/s by bitrate index; 0 is free format and 15
// is forbidden, both refused.
var (
	bitratesV1 = [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}
	bitratesV2 = [16]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}
)

// Sample rates by version code and sample rate index (3 is reserved).
var sampleRates = [4][3]int{
	MPEG25: {11025, 12000, 8000},
	MPEG2:  {22050, 24000, 16000},
	MPEG1:  {44100, 48000, 32000},
}

// ParseFrameHeader parses the Layer III frame header at the start of b. It
// returns ErrFrameHeader, with the field at fault, for anything else: no
// sync, a reserved version, another layer, free-format or forbidden bit
// rates, a reserved sample rate or emphasis.
func ParseFrameHeader(b []byte) (FrameHeader, error) {
	if len(b) < HeaderLen {
		return FrameHeader{}, fmt.Errorf("%w: %d bytes, want %d", ErrFrameHeader, len(b), HeaderLen)
	}
	h, why := parseHeader(b)
	if why != "" {
		return FrameHeader{}, fmt.Errorf("%w: %s in % x", ErrFrameHeader, why, b[:HeaderLen])
	}
	return h, nil
}

// parseHeader is ParseFrameHeader without allocating: the scanner calls it
// at every byte of junk. why says what is wrong, "" for a valid header.
func parseHeader(b []byte) (h FrameHeader, why string) {
	switch {
	case b[0] != 0xFF || b[1]&0xE0 != 0xE0:
		return h, "no frame sync"
	case (b[1]>>3)&3 == 1:
		return h, "reserved MPEG version"
	case (b[1]>>1)&3 != 1:
		return h, "not Layer III"
	case b[2]>>4 == 0 || b[2]>>4 == 15:
		return h, "free-format or forbidden bit rate"
	case (b[2]>>2)&3 == 3:
		return h, "reserved sample rate"
	case b[3]&3 == 2:
		return h, "reserved emphasis"
	}
	h.Version = Version((b[1] >> 3) & 3)
	h.SampleRate = sampleRates[h.Version][(b[2]>>2)&3]
	h.Padding = b[2]&2 != 0
	h.Channels = 2
	if b[3]>>6 == 3 {
		h.Channels = 1
	}
	h.Bitrate, h.Samples = bitratesV2[b[2]>>4], 576
	if h.Version == MPEG1 {
		h.Bitrate, h.Samples = bitratesV1[b[2]>>4], 1152
	}
	h.Length = h.Samples / 8 * h.Bitrate * 1000 / h.SampleRate
	if h.Padding {
		h.Length++
	}
	return h, ""
}

// follows reports whether h can be the next frame of a stream whose
// previous frame was p: the bit rate may change, the rest may not.
func (h FrameHeader) follows(p FrameHeader) bool {
	return h.Version == p.Version && h.SampleRate == p.SampleRate && h.Channels == p.Channels
}
