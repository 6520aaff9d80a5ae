package g711

import "math/bits"

// The lookup tables are built once, at package initialisation, from the
// companding rules of ITU-T G.711 (the same arithmetic as the G.191 STL
// functions ulaw_compress, ulaw_expand, alaw_compress and alaw_expand). The
// tests compare every entry with the STL vectors.
//
// An encoder only looks at the top bits of a sample — 14 for µ-law, 12 for
// A-law, sign included — so the encode tables are indexed by the sample
// shifted right: 16 KiB and 4 KiB instead of 64 KiB each, which keeps both
// in the L1 cache next to the 512-byte decode tables.
const (
	ulawDroppedBits = 2
	alawDroppedBits = 4
)

var (
	decodeTables    = buildDecodeTables()    // [law][code] -> linear sample
	ulawEncodeTable = buildULawEncodeTable() // [uint16(x)>>2] -> µ-law code
	alawEncodeTable = buildALawEncodeTable() // [uint16(x)>>4] -> A-law code
	transcodeTables = buildTranscodeTables() // [from][code] -> code in the other law
)

func buildDecodeTables() (t [2][256]int16) {
	for c := range 256 {
		t[MuLaw][c] = ulawExpand(byte(c))
		t[ALaw][c] = alawExpand(byte(c))
	}
	return t
}

func buildULawEncodeTable() (t [1 << (16 - ulawDroppedBits)]byte) {
	for i := range t {
		t[i] = ulawCompress(int16(uint16(i) << ulawDroppedBits))
	}
	return t
}

func buildALawEncodeTable() (t [1 << (16 - alawDroppedBits)]byte) {
	for i := range t {
		t[i] = alawCompress(int16(uint16(i) << alawDroppedBits))
	}
	return t
}

// buildTranscodeTables composes decode and encode, so Transcode gives exactly
// what a decode followed by an encode gives; this equals G.711 tables 3 and 4
// (zaf_crosscheck_test.go compares them).
func buildTranscodeTables() (t [2][256]byte) {
	for c := range 256 {
		t[MuLaw][c] = alawCompress(ulawExpand(byte(c)))
		t[ALaw][c] = ulawCompress(alawExpand(byte(c)))
	}
	return t
}

// ulawCompress is the G.711 µ-law encoder (STL ulaw_compress): one's
// complement magnitude of the top 14 bits, bias 33, clip, segment, inverted
// mantissa.
func ulawCompress(x int16) byte {
	mag, sign := x>>ulawDroppedBits, byte(0x80)
	if x < 0 {
		mag, sign = ^mag, 0 // one's complement, as the STL does: -1 and 0 share a code
	}
	mag = min(mag+33, 0x1FFF)
	seg := 1 + bits.Len16(uint16(mag>>6)) // 1..8
	mantissa := byte(mag>>seg) & 0x0F
	return sign | byte(8-seg)<<4 | (0x0F - mantissa)
}

// ulawExpand is the G.711 µ-law decoder (STL ulaw_expand): the middle of the
// quantisation interval, scaled back to 16 bits.
func ulawExpand(code byte) int16 {
	inv := ^code
	exponent := int(inv>>4) & 0x07
	step := 4 << (exponent + 1)
	v := 0x80<<exponent + step*int(inv&0x0F) + step/2 - 4*33
	if code < 0x80 {
		v = -v
	}
	return int16(v)
}

// alawCompress is the G.711 A-law encoder (STL alaw_compress): one's
// complement magnitude of the top 12 bits, segment, mantissa, even bits
// inverted.
func alawCompress(x int16) byte {
	mag := x >> alawDroppedBits
	if x < 0 {
		mag = ^mag
	}
	if mag > 15 {
		exponent := int16(bits.Len16(uint16(mag))) - 4 // 1..7
		mag = mag>>(exponent-1) - 16 + exponent<<4
	}
	code := byte(mag)
	if x >= 0 {
		code |= 0x80
	}
	return code ^ 0x55
}

// alawExpand is the G.711 A-law decoder (STL alaw_expand).
func alawExpand(code byte) int16 {
	ix := (code ^ 0x55) & 0x7F
	exponent := ix >> 4
	mantissa := int(ix & 0x0F)
	if exponent > 0 {
		mantissa += 16
	}
	v := mantissa<<4 + 8
	if exponent > 1 {
		v <<= exponent - 1
	}
	if code < 0x80 {
		v = -v
	}
	return int16(v)
}
