package g711

// DecodeTo decodes the codes in src into linear samples in dst and returns the
// number of samples written, min(len(dst), len(src)). It never allocates and
// keeps neither slice. It panics if l is not MuLaw or ALaw.
func (l Law) DecodeTo(dst []int16, src []byte) int {
	t := &decodeTables[l.mustBeValid()]
	n := min(len(dst), len(src))
	dst, src = dst[:n], src[:n]
	for i, c := range src {
		dst[i] = t[c]
	}
	return n
}

// EncodeTo encodes the linear samples in src into codes in dst and returns the
// number of codes written, min(len(dst), len(src)). It never allocates and
// keeps neither slice. It panics if l is not MuLaw or ALaw.
func (l Law) EncodeTo(dst []byte, src []int16) int {
	n := min(len(dst), len(src))
	dst, src = dst[:n], src[:n]
	if l.mustBeValid() == ALaw {
		for i, x := range src {
			dst[i] = alawEncodeTable[uint16(x)>>alawDroppedBits]
		}
		return n
	}
	for i, x := range src {
		dst[i] = ulawEncodeTable[uint16(x)>>ulawDroppedBits]
	}
	return n
}

// Transcode converts the codes in src from one law to the other into dst and
// returns the number of codes written, min(len(dst), len(src)). The result is
// exactly to.EncodeTo(from.DecodeTo(src)), done with one 256-entry table. When
// from == to it copies. It never allocates and keeps neither slice; dst and src
// may be the same slice. It panics if a Law is not MuLaw or ALaw.
func Transcode(dst []byte, src []byte, from, to Law) int {
	t := &transcodeTables[from.mustBeValid()]
	if from == to.mustBeValid() {
		return copy(dst, src)
	}
	n := min(len(dst), len(src))
	dst, src = dst[:n], src[:n]
	for i, c := range src {
		dst[i] = t[c]
	}
	return n
}
