// Package proxy is reel-rm's stateful SIP proxy: it sends each new
// recording leg to an MCP and stays in the SIP path of the dialog.
//
// Start here: New(cfg, deps, log) binds the listeners (UDP and/or TCP),
// Serve runs until its context ends, Drain makes new INVITEs answer 503.
//
// An initial INVITE gets 100 Trying at once. Its Request-URI is read with
// core/requri (malformed: 400); its profile is chosen by rm/profile and
// travels on as the parameter reel-profile=<name>, gvp-tenant-id is
// removed; rm/balance picks the MCP. The proxy adds Via and Record-Route,
// decrements Max-Forwards (483 at zero) and forwards the INVITE over the
// transport it came in on. On a 5xx, a 408, a transport error, silence
// for FailoverTimeout or no final answer within InviteTimeout it tries the
// next MCP, as long as no final answer has gone upstream; 1xx other than
// 100 are relayed meanwhile. A 503 with Retry-After also keeps new calls
// away from that MCP for that long (at most 10 minutes). A CANCEL from
// upstream is answered by sipgo (200, then 487) and passed on downstream.
//
// In-dialog requests (re-INVITE, ACK, INFO, BYE, from SIP Server or from
// the MCP) follow the Route set the Record-Route built: the proxy removes
// its own Route and forwards to the next Route or the Request-URI. A
// request addressed to the proxy itself without a Route (UAs that ignore
// Record-Route, like sipp's default scenarios) is routed by the dialog
// table. ACKs are forwarded statelessly, everything else through client
// transactions. The dialog table counts each MCP's legs and calls and
// forgets a dialog after DialogTimeout without a request (a lost BYE).
//
// The proxy also answers OPTIONS sent to itself (200, 503 when draining)
// and implements health.Prober: Probe sends OPTIONS to an MCP from the
// proxy's own socket. See docs/decisions/0013-rm-proxy-and-failover.md.
package proxy
