package g722

// Decoder decodes one G.722 stream. Its zero value is not ready: use New.
// Not safe for concurrent use.
type Decoder struct {
	low, high band
	x         [24]int32 // receive QMF history
}

// New returns a decoder in the Recommendation's reset state.
func New() *Decoder {
	d := &Decoder{}
	d.Reset()
	return d
}

// Reset returns the decoder to its initial state (a new SSRC).
func (d *Decoder) Reset() {
	*d = Decoder{}
	d.low.det, d.high.det = 32, 8
}

// DecodeTo decodes src into dst at 16 kHz, two samples per byte, and
// returns the number of samples written; dst must hold 2*len(src).
func (d *Decoder) DecodeTo(dst []int16, src []byte) int {
	n := 0
	for _, code := range src {
		rlow := d.decodeLow(code)
		rhigh := d.decodeHigh(code)
		copy(d.x[:22], d.x[2:])
		d.x[22], d.x[23] = rlow+rhigh, rlow-rhigh
		var xout1, xout2 int32
		for i := range 12 {
			xout2 += d.x[2*i] * qmfCoeffs[i]
			xout1 += d.x[2*i+1] * qmfCoeffs[11-i]
		}
		dst[n], dst[n+1] = int16(saturate(xout1>>11)), int16(saturate(xout2>>11))
		n += 2
	}
	return n
}

// DecodeNarrowTo decodes src into dst at 8 kHz — the lower sub-band, one
// sample per byte — and returns the number of samples written; dst must
// hold len(src). The upper sub-band is still decoded: its predictor must
// track the stream should DecodeTo follow.
func (d *Decoder) DecodeNarrowTo(dst []int16, src []byte) int {
	for i, code := range src {
		dst[i] = int16(saturate(d.decodeLow(code) << 1))
		d.decodeHigh(code)
	}
	return len(src)
}

// decodeLow is blocks 5L, 6L, 2L, 3L and 4L: the reconstructed lower
// sub-band sample.
func (d *Decoder) decodeLow(code byte) int32 {
	b := &d.low
	ilr := int32(code & 0x3f)
	rlow := min(max(b.s+(b.det*qm6[ilr])>>15, -16384), 16383)
	i4 := ilr >> 2
	dlowt := (b.det * qm4[i4]) >> 15
	nb := (b.nb*127)>>7 + wl[rl42[i4]]
	b.nb = min(max(nb, 0), 18432)
	b.scale(8)
	b.adapt(dlowt)
	return rlow
}

// decodeHigh is blocks 2H, 5H, 3H and 4H: the reconstructed upper
// sub-band sample.
func (d *Decoder) decodeHigh(code byte) int32 {
	b := &d.high
	ih := int32(code>>6) & 3
	dhigh := (b.det * qm2[ih]) >> 15
	rhigh := min(max(dhigh+b.s, -16384), 16383)
	nb := (b.nb*127)>>7 + wh[rh2[ih]]
	b.nb = min(max(nb, 0), 22528)
	b.scale(10)
	b.adapt(dhigh)
	return rhigh
}
