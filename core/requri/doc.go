// Package requri reads Reel's parameters from the Request-URI of an INVITE
// (docs/wire.md §1.1 and §1.2).
//
// Two call models arrive at the MCP, through the Resource Manager, which parses
// the same URIs (hence a package of its own):
//
//	sip:msml=<conf-id>@mcp:5070;dn=7001;record;gvp-tenant-id=acme;media-service=record;reel-profile=gold
//	sip:record=<unique-id>@recorder;calluuid=XYZ;dn=7001;recordDN=7001;otherDN=7002
//
// Parse returns a Target: the Kind (Conference or Recorder), the id as
// received, the parameters Reel uses, and every parameter in Params for the
// recording's metadata. Parsing is liberal: sip: or sips:, any case for the
// scheme, the msml=/record= prefix and parameter names; parameters in any
// order, %xx escapes in the user part and in parameters, a host with a port or
// an IPv6 literal, and a ?headers part ignored. Errors are the sentinels in
// errors.go: ErrMalformed (the SIP layer answers 400) and ErrNotReel (404).
//
// An id is not safe as a file name: recmeta.SafeName makes it one, and every
// id must pass through it before it touches a file system.
package requri
