// Package sipua is the SIP user agent of reel-mcp: it terminates the dialogs a
// Genesys SIP Server (through reel-rm) opens to the media server and hands
// their SDP to the media layer.
//
// Start here: implement Media (and the Leg it returns for each call), call
// New, register INFO handlers with HandleInfo, then run Serve. The UA speaks
// SIP over UDP, TCP and TLS (Config.ListenTLS, decision 0046; sources
// screened by Config.Gate, decision 0047) through github.com/emiago/sipgo, which parses messages
// and runs the transaction layer; this package owns the dialog layer on top:
//
//   - INVITE with an offer: 100 Trying, Leg.Answer, 200 OK with the answer,
//     retransmitted over UDP until the ACK arrives (RFC 3261 §13.3.1.4).
//   - INVITE or re-INVITE without SDP (RFC 3725 third-party call control):
//     Leg.Offer goes in the 200 OK, the answer arrives in the ACK and goes to
//     Leg.Accept. An ACK without an answer ends the dialog with a BYE.
//   - re-INVITE with SDP (transfers, hold): Leg.Answer. One INVITE at a time
//     per dialog: 491 while an earlier one has no final response; one that
//     overtakes the previous ACK waits for it.
//   - BYE, CANCEL, OPTIONS (RM health checks), INFO routed by Content-Type,
//     UPDATE (RFC 3311: a session refresh, or a new offer answered at once).
//   - Session timers (RFC 4028): the UAC refreshes with re-INVITE, and a
//     session not refreshed in time ends with a BYE; or we refresh with
//     UPDATE when asked to and the UAC allows it (decision 0027).
//
// Errors returned by Media and Leg become SIP responses through one table in
// errors.go: wrap a sentinel (ErrNotOurs, ErrNoCodec, …) or return a
// StatusError. Every Leg is closed exactly once, whatever ends its dialog.
// Media, Leg and InfoHandler must not block: a handler that never returns
// holds a sipgo goroutine and Serve's shutdown.
//
// Design notes: docs/decisions/0010-sip-user-agent.md.
//
// The UA knows nothing about media: no SDP is parsed here.
package sipua
