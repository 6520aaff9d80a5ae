// Package siprec reads the offers of a SIPREC Session Recording Client
// (RFC 7866) and writes the Session Recording Server's answers: the
// multipart/mixed body of SDP and recording metadata, the metadata document
// (RFC 7865) and the participants and streams it describes.
//
// Start here: ParseOffer takes an INVITE's (or re-INVITE's, UPDATE's)
// Content-Type and body and returns an Offer: one Stream per m-line, in
// order, each a standalone one-m-line SDP the media side answers on its
// own, and the metadata, if any. State applies the metadata snapshots and
// partial updates of a session and answers who sends the stream with a
// label. Answer merges the per-stream answers into one SDP, m-lines in the
// offer's order and labels echoed.
//
// Parsing is lenient where real SRCs differ (docs/wire.md §1.3): the
// metadata namespace with or without ":1" or none, prefixed elements,
// application/rs-metadata with or without "+xml", extra body parts
// (application/gtd, …) ignored, a multipart body without a boundary
// parameter, the RFC 7865 and the older draft shapes of participants
// (send/recv inside <participant>, id= and session= attributes), labels the
// metadata does not know, and plain SDP without metadata (an anonymous
// session). Everything else is refused with a sentinel from errors.go,
// never a panic. Everything here is pure: no I/O, safe for concurrent use
// on distinct values.
package siprec
