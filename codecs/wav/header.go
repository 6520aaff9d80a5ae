package wav

import "encoding/binary"

// Container layout, all integers little-endian. References: Microsoft/IBM
// "Multimedia Programming Interface and Data Specifications 1.0" (1991),
// chapter 3 (RIFF chunks, the WAVE form, the fact chunk), and the
// WAVEFORMATEX structure (mmreg.h) for the 18-byte fmt body.
//
//	PCM16 (44-byte header)            G.711 A-law / µ-law (58-byte header)
//	 0 "RIFF"                          0 "RIFF"
//	 4 RIFF size = file size - 8       4 RIFF size = file size - 8
//	 8 "WAVE"                          8 "WAVE"
//	12 "fmt "  16 size 16             12 "fmt "  16 size 18
//	20 wFormatTag 1                   20 wFormatTag 6 (A-law) or 7 (µ-law)
//	22 nChannels                      22 nChannels
//	24 nSamplesPerSec                 24 nSamplesPerSec
//	28 nAvgBytesPerSec                28 nAvgBytesPerSec
//	32 nBlockAlign = 2 × channels     32 nBlockAlign = channels
//	34 wBitsPerSample 16              34 wBitsPerSample 8
//	                                  36 cbSize 0 (no extension)
//	                                  38 "fact" 42 size 4
//	                                  46 dwSampleLength = frames per channel
//	36 "data"  40 data size           50 "data"  54 data size
//	44 samples, interleaved           58 codes, interleaved
//
// The spec requires a fact chunk for every non-PCM format, and a pad byte
// (not counted in the data size, counted in the RIFF size) after a data
// chunk of odd length, which mono G.711 can have. No WAVE_FORMAT_EXTENSIBLE:
// a plain header is what every player and Genesys-era tool reads.
const (
	pcmHeaderLen = 44
	lawHeaderLen = 58
	maxHeaderLen = lawHeaderLen
)

// headerLen is the number of bytes before the first sample.
func (f Format) headerLen() int {
	if f.Encoding == PCM16 {
		return pcmHeaderLen
	}
	return lawHeaderLen
}

// maxDataBytes is the most sample data whose sizes (pad byte included) fit
// the header's 32-bit fields, in whole frames.
func (f Format) maxDataBytes() int64 {
	limit := int64(1<<32-1) - int64(f.headerLen()-8) - 1
	return limit - limit%int64(f.blockAlign())
}

// appendHeader appends the header for dataBytes of sample data to b; with
// enough capacity in b it does not allocate.
func (f Format) appendHeader(b []byte, dataBytes int64) []byte {
	le := binary.LittleEndian
	_, isLaw := f.Encoding.law()
	fmtSize := uint32(16)
	if isLaw {
		fmtSize = 18
	}
	b = append(b, "RIFF"...)
	b = le.AppendUint32(b, uint32(int64(f.headerLen()-8)+dataBytes+dataBytes&1))
	b = append(b, "WAVEfmt "...)
	b = le.AppendUint32(b, fmtSize)
	b = le.AppendUint16(b, uint16(f.Encoding))
	b = le.AppendUint16(b, uint16(f.Channels))
	b = le.AppendUint32(b, uint32(f.SampleRate))
	b = le.AppendUint32(b, uint32(f.SampleRate*f.blockAlign()))
	b = le.AppendUint16(b, uint16(f.blockAlign()))
	b = le.AppendUint16(b, uint16(8*f.bytesPerSample()))
	if isLaw {
		b = le.AppendUint16(b, 0) // cbSize
		b = append(b, "fact"...)
		b = le.AppendUint32(b, 4)
		b = le.AppendUint32(b, uint32(dataBytes/int64(f.blockAlign())))
	}
	b = append(b, "data"...)
	return le.AppendUint32(b, uint32(dataBytes))
}
