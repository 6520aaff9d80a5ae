// Package msml reads and writes the subset of MSML (RFC 5707) that Genesys
// SIP Server sends to a media server in SIP INFO to control call recording
// (docs/wire.md §2): Parse turns a body into a Document of typed operations,
// Marshal writes a Document back; there is no I/O here.
//
// Accepted requests, any number per document, in order: <createconference>
// and <join> (acknowledged, nothing to do), <dialogstart> with one <record>
// and any <param>s (start recording), <send event="pause|resume|terminate|
// stop"> (also app.pause, app.resume, …) and <dialogend> (stop). Replies and
// notifications are <result> and <event> (msml.dialog.exit); Parse reads
// them too, so tests and emulators can check what Reel sends.
//
// Parsing is liberal in form and strict in content: element and attribute
// names match in any case and any XML namespace, unknown attributes are
// ignored, values are trimmed; but any element outside the subset, a missing
// or bad attribute, a DTD or entity declaration (refused outright, before
// the XML decoder sees the body), more than MaxBytes, deeper than 16 levels
// or more than 512 elements is an error wrapping one of the sentinels in
// errors.go, with the line and the element named. msml/dispatch maps those
// errors and the recording actions' errors to MSML result codes.
package msml
