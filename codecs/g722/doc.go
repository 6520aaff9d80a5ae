// Package g722 decodes ITU-T G.722 (64 kbit/s sub-band ADPCM, RTP payload
// type 9, RFC 3551 §4.5.2) for recording what SIPREC clients fork from
// wide-band calls.
//
// Start here: New returns a Decoder for one stream (G.722 keeps state from
// packet to packet); DecodeTo writes 16 kHz samples, two per byte;
// DecodeNarrowTo writes the lower sub-band alone, one 8 kHz sample per
// byte, which is what Reel's 8 kHz media path records (the band above
// 4 kHz is dropped without a resampler: it is exactly what G.722's upper
// sub-band carries). Only the 64 kbit/s mode RTP uses is decoded.
//
// The algorithm and tables are those of the Recommendation (blocks 1L–6L,
// 1H–4H and the receive QMF); tests compare the output with ffmpeg's
// decoder sample for sample. Decision 0051 says why this is written here.
package g722
