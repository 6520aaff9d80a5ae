// Package recmeta is the one home of a recording's metadata: the document
// of docs/wire.md §5 (Document, MediaFile, Completeness), its one time
// layout (TimeLayout), the file names of wire.md §4 (MediaID, SafeName),
// and the typed helpers every stage uses to complete the document instead
// of patching its JSON: Params and Meta.AddProfile (parameters and
// tenant, by the rule below), AddStorage (where the spool's storage destinations put each file) and
// Labels (what storage and analytics plugins learn about a file).
//
// The recorder (core/recording) writes one Document per file as a sidecar;
// the spool (core/spool) merges a recording's sidecars (Merge) and adds the
// storage locations before the metadata destinations; the plugin host
// (core/pluginhost) reads the labels. None of them needs the recorder.
//
// # Parameters: who wins
//
// A file's mediaFiles[].parameters come from three places. For a parameter
// named in more than one, the rule is
//
//	MSML <param>s (a later one wins)  >  Request-URI parameters  >  the profile's rp.* (defaults)
//
// The profile supplies defaults; what the call says for this recording
// wins. Params layers the Request-URI and MSML maps (a later map wins);
// AddProfileParams (and Meta.AddProfile, which also fills in a missing
// tenant) adds the profile's rp parameters as rp.<key> only where the call
// set no parameter of that name, so the order of the two does not matter.
// The recording-control API of core/app applies the rule once, when a
// recording starts, for every control path (MSML today, VoiceXML and
// SIPREC next). See docs/decisions/0030-recording-metadata-home.md and
// 0031-recording-control-api.md.
package recmeta
