// Package siptls builds the TLS configurations of the SIP listeners and
// clients of reel-mcp and reel-rm from PEM files the configuration names
// (never inline keys), and reloads them without a restart.
//
// Start here: New loads a listener's Files; ServerConfig is the tls.Config
// for its listener and ClientConfig the one for connections it opens
// (the same certificate is presented as the client certificate, and
// Files.CA verifies the server). Watch reloads on a change of any of the
// files (fsnotify on their directories, so an atomic rename counts) and on
// SIGHUP. A new file that does not load leaves the previous configuration
// in force and is logged once, until the files change again.
//
// With Files.VerifyClients every client must present a certificate that
// Files.CA signed (mutual TLS); a handshake without one fails, so nothing
// of the client's reaches the SIP stack.
//
// Design notes: docs/decisions/0046-sip-over-tls.md.
package siptls
