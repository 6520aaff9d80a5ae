// Package cluster is reel-rm's console: every MCP with its state (up,
// draining, full, paused, down), calls, capacity, CPU, disk free, spool
// depth and dead letters, and the live calls of the whole cluster, updated
// over server-sent events. A Poller reads each MCP's admin API (GET
// /status and /calls, core/nodestatus and core/calls) beside what the RM's
// own pool knows from SIP; Handler serves the pages (core/webui's layout).
//
// Start here: p := NewPoller(pool, token, interval, log); go p.Run(ctx);
// then New(p, log).Routes() into the admin listener.
package cluster
