// Package sdp negotiates one G.711 audio stream per SIP dialog with SDP offer/answer
// (RFC 3264), on top of github.com/pion/sdp/v3.
//
// Two roles, one file each:
//
//   - answerer.go: SIP Server's INVITE carries the party's offer. ParseOffer
//     checks it, Answer picks the first offered codec we support (the offerer's
//     order), echoes telephone-event (RFC 4733) with the offerer's payload type,
//     answers the direction and refuses every other m-line with port 0 in the
//     same position (RFC 3264 §6).
//   - offerer.go: third-party call control (RFC 3725) sends a re-INVITE without
//     SDP. MakeOffer writes our offer for the 200 OK and ParseAnswer reads the
//     answer from the ACK.
//
// Both return a Media: where to send RTP and RTCP, the codec, the
// telephone-event payload type, the packet time and the remote's direction,
// with legacy c=0.0.0.0 hold folded in (OnHold).
//
// Parsing is liberal (normalize.go): CRLF, LF or CR line ends, a missing final
// line end, lines we do not use (b=, k=, z=, i=, …) and unknown attributes are
// dropped, lines are put back into RFC 4566 order, codec names and attribute
// names are case-insensitive, static payload types 0 and 8 need no rtpmap, and
// m-lines pion does not know (m=image … udptl t38) are kept so they can be
// refused. What we write is exact: one codec, explicit rtpmap and direction.
//
// Secure media (secure.go): Local.SRTP is the leg's policy (off, optional,
// required) and Local.Keys our fresh SDES keys. RTP/SAVP and RTP/SAVPF offers,
// and RTP/AVP ones carrying a=crypto, are answered with the first a=crypto
// line we accept (RFC 4568 §7.1.1) and our key of that suite under its tag;
// Media.SRTP holds both keys for core/rtpio. A policy that refuses a stream
// refuses it like a codec mismatch: the next m-line is tried, then 488.
//
// Errors are the sentinels in errors.go; the SIP layer maps ErrMalformed to 400,
// ErrNoAudio, ErrNoCommonCodec, ErrBadPtime and ErrSecurity to 488, ErrLocal
// to 500.
// Everything here is pure: no I/O, safe for concurrent use.
package sdp
