package mp3

import (
	"bytes"
	"encoding/binary"
)

// Info is what the Info frame at the start of a Reel MP3 tells a decoder
// about the stream: how many frames and bytes it holds (so that its
// duration is read, not estimated from the bit rate, and seeking works) and
// how many samples of encoder delay and padding to drop (gapless playback).
type Info struct {
	Channels int   // 1 or 2
	Bitrate  int   // kbit/s of the audio frames
	Frames   int   // audio frames after the Info frame
	Bytes    int64 // the whole file, the Info frame included
	Delay    int   // encoder delay in samples (LAME: 576; decoders add 529)
	Padding  int   // samples of silence padding the last frame
}

// InfoLen is the size of the Info frame: one MPEG-2.5 Layer III frame at
// 8 kHz and 64 kbit/s. LAME's own header frame would be 8 kbit/s, 72 bytes,
// too small for the tag, which is why LAME writes none at 8 kHz.
const InfoLen = 72 * infoBitrate * 1000 / 8000

const (
	infoBitrate = 64  // kbit/s: bit rate index 8 of bitratesV2
	infoXingLen = 120 // "Info", flags, frames, bytes, seek table, quality
	infoCRCAt   = 34  // the tag CRC's offset in LAME's extension; it covers every byte before it
)

// InfoFrame returns the Xing "Info" frame (CBR) with LAME's extension for
// in: the frame lame_get_lametag_frame returns at other sample rates, laid
// out as in LAME's VbrTag.c (frames, bytes, a linear seek table, delay and
// padding, music length, the tag's CRC-16). With zero Frames and Bytes it
// is the placeholder a writer puts first and overwrites at close.
func InfoFrame(in Info) []byte {
	f := make([]byte, InfoLen)
	mode := byte(1) // joint stereo
	if in.Channels == 1 {
		mode = 3
	}
	side := sideInfoLen(FrameHeader{Version: MPEG25, Channels: in.Channels})
	copy(f, []byte{0xFF, 0xE3, 8<<4 | 2<<2, mode<<6 | 0x04}) // MPEG-2.5, Layer III, no CRC, 64 kbit/s, 8 kHz, original
	x := f[HeaderLen+side:]
	copy(x, "Info")
	binary.BigEndian.PutUint32(x[4:], 0x0F) // frames, bytes, TOC, quality
	binary.BigEndian.PutUint32(x[8:], uint32(in.Frames))
	binary.BigEndian.PutUint32(x[12:], uint32(in.Bytes))
	for i := range 100 {
		x[16+i] = byte(i * 256 / 100)
	}
	l := x[infoXingLen:]
	copy(l, "LAME3.100")
	l[9] = 1 // tag revision 0, CBR
	l[20] = byte(min(in.Bitrate, 255))
	d, p := uint32(min(in.Delay, 4095)), uint32(min(in.Padding, 4095))
	l[21], l[22], l[23] = byte(d>>4), byte(d<<4|p>>8), byte(p)
	binary.BigEndian.PutUint32(l[28:], uint32(in.Bytes))
	crcAt := HeaderLen + side + infoXingLen + infoCRCAt
	binary.BigEndian.PutUint16(f[crcAt:], crc16(f[:crcAt]))
	return f
}

// isInfoFrame reports whether the frame at the start of b is a Xing or
// Info frame, which holds no audio.
func isInfoFrame(b []byte, h FrameHeader) bool {
	at := HeaderLen + sideInfoLen(h)
	return len(b) >= at+4 && (bytes.Equal(b[at:at+4], []byte("Info")) || bytes.Equal(b[at:at+4], []byte("Xing")))
}

// crc16 is the CRC-16 LAME puts in its tag (polynomial 0x8005, reflected).
func crc16(b []byte) uint16 {
	var crc uint16
	for _, c := range b {
		crc ^= uint16(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

// sideInfoLen is the size of the Layer III side information after the
// header (and its CRC, which Reel never writes).
func sideInfoLen(h FrameHeader) int {
	switch {
	case h.Version == MPEG1 && h.Channels == 1:
		return 17
	case h.Version == MPEG1:
		return 32
	case h.Channels == 1:
		return 9
	}
	return 17
}
