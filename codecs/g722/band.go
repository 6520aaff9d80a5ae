package g722

// band is one sub-band's ADPCM state: the adaptive predictor (two poles,
// six zeros) and the scale factor.
type band struct {
	s, sp, sz int32
	r, a, ap  [3]int32
	p         [3]int32
	d, b, bp  [7]int32
	sg        [7]int32
	nb, det   int32
}

func saturate(v int32) int32 {
	return min(max(v, -32768), 32767)
}

// adapt is blocks 4L/4H: reconstruct, update the predictor with the
// quantized difference d, and predict the next sample.
func (b *band) adapt(d int32) {
	b.d[0] = d
	b.r[0] = saturate(b.s + d)
	b.p[0] = saturate(b.sz + d)
	b.upperPoles()
	b.upperZeros(d)
	for i := 6; i > 0; i-- {
		b.d[i], b.b[i] = b.d[i-1], b.bp[i]
	}
	for i := 2; i > 0; i-- {
		b.r[i], b.p[i], b.a[i] = b.r[i-1], b.p[i-1], b.ap[i]
	}
	b.predict()
}

// upperPoles is UPPOL2 and UPPOL1.
func (b *band) upperPoles() {
	for i := range 3 {
		b.sg[i] = b.p[i] >> 15
	}
	wd1 := saturate(b.a[1] << 2)
	wd2 := wd1
	if b.sg[0] == b.sg[1] {
		wd2 = -wd1
	}
	wd2 = min(wd2, 32767)
	wd3 := int32(-128)
	if b.sg[0] == b.sg[2] {
		wd3 = 128
	}
	wd3 += wd2 >> 7
	wd3 += (b.a[2] * 32512) >> 15
	b.ap[2] = min(max(wd3, -12288), 12288)

	wd1 = -192
	if b.sg[0] == b.sg[1] {
		wd1 = 192
	}
	b.ap[1] = saturate(wd1 + (b.a[1]*32640)>>15)
	lim := saturate(15360 - b.ap[2])
	b.ap[1] = min(max(b.ap[1], -lim), lim)
}

// upperZeros is UPZERO.
func (b *band) upperZeros(d int32) {
	wd1 := int32(128)
	if d == 0 {
		wd1 = 0
	}
	b.sg[0] = d >> 15
	for i := 1; i < 7; i++ {
		b.sg[i] = b.d[i] >> 15
		wd2 := -wd1
		if b.sg[i] == b.sg[0] {
			wd2 = wd1
		}
		b.bp[i] = saturate(wd2 + (b.b[i]*32640)>>15)
	}
}

// predict is FILTEP, FILTEZ and PREDIC.
func (b *band) predict() {
	wd1 := (b.a[1] * saturate(b.r[1]+b.r[1])) >> 15
	wd2 := (b.a[2] * saturate(b.r[2]+b.r[2])) >> 15
	b.sp = saturate(wd1 + wd2)
	b.sz = 0
	for i := 6; i > 0; i-- {
		b.sz += (b.b[i] * saturate(b.d[i]+b.d[i])) >> 15
	}
	b.sz = saturate(b.sz)
	b.s = saturate(b.sp + b.sz)
}

// scale is SCALEL/SCALEH: the quantizer step from the log scale factor.
func (b *band) scale(shift int32) {
	wd1 := (b.nb >> 6) & 31
	wd2 := shift - (b.nb >> 11)
	var wd3 int32
	if wd2 < 0 {
		wd3 = ilb[wd1] << -wd2
	} else {
		wd3 = ilb[wd1] >> wd2
	}
	b.det = wd3 << 2
}
