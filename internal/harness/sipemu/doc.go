// Package sipemu emulates a Genesys SIP Server driving reel-mcp, for tests
// and the load generator: the GIR third-party call control flow (one dialog
// per party, INVITE with the party's offer, re-INVITE without SDP whose 200 OK
// carries the MCP's offer and whose ACK carries the party's answer), MSML in
// INFO, transfers as re-INVITEs, and BYE. New speaks UDP or TCP; NewTLS
// speaks SIP over TLS (with a client certificate for mutual TLS), its
// Request-URIs naming transport=tls.
//
// A Party is the far end of one leg: a UDP socket on 127.0.0.1 that sends
// G.711 audio from a byte stream in 20 ms packets and keeps what the MCP
// sends back; with UseSRTP it speaks SRTP, keyed by SDES (a=crypto) in the
// SDP both ways.
package sipemu
