// Package admit decides who may talk to a SIP listener of reel-mcp or
// reel-rm: a source allow-list (CIDR prefixes, per transport if need be)
// and a per-source rate limit on new INVITEs.
//
// Start here: New builds a Gate from a Config. The SIP layer asks it at
// three points, cheapest first:
//   - Listener wraps a TCP or TLS listener: in silent mode a connection
//     from a source not allowed is closed at accept, before any TLS
//     handshake.
//   - Drop is asked for every message before it is parsed (sipgo's read
//     filter): in silent mode a message from a source not allowed is
//     dropped there.
//   - Admit is asked for every request before its handler runs: a source
//     not allowed gets 403 (Forbidden), an initial INVITE over the
//     source's rate gets 503 with Retry-After (Busy).
//
// The Gate is a prometheus.Collector: reel_sip_refused_total counts
// refusals by transport and reason ("source", "rate").
//
// Design notes: docs/decisions/0047-who-may-talk.md.
package admit
