// Package portalloc hands out RTP/RTCP UDP socket pairs (core/udpsock: polled,
// outside the Go netpoller) from a configured port range.
//
// Start here: New with the bind address and the range from the config, then
// Allocate one Pair per call leg and Release it when the leg ends. RTP uses
// an even port and RTCP the odd port above it (RFC 3550 §11). Ports are taken
// round robin, so a port that was just released is the last to be reused and
// late packets of an old call rarely reach a new one; ports the operating
// system refuses (taken by another process) are skipped.
//
// An Allocator is safe for concurrent use.
package portalloc
