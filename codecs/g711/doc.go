// Package g711 converts between 16-bit linear PCM and the two G.711 companding
// laws, µ-law (RTP payload type 0, PCMU) and A-law (payload type 8, PCMA).
//
// Start with a Law and its DecodeTo, EncodeTo and Transcode methods: they work
// on caller-owned slices, keep no reference to them and never allocate, so they
// can run once per packet on the media path.
//
// The conversions are bit-exact with ITU-T G.711 as coded in the ITU-T G.191
// Software Tools Library: every one of the 256 codes decodes, and every one of
// the 65,536 inputs encodes, exactly as the STL test vectors in
// testdata/g711 say. For µ-law encoding this differs from the widespread Sun
// linear2ulaw on 508 negative inputs; see docs/decisions/0004-g711-itu-tables.md.
//
// Codes are wire codes: the bytes as carried in RTP, with the A-law even-bit
// inversion and the µ-law bit inversion already applied.
package g711
