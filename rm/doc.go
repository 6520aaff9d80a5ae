// Package rm holds the Resource Manager's view of its media servers: the
// resource groups, the MCPs in them (nodes) with their health state and
// load, and the calls that pin a conference to one MCP.
//
// Start here: NewPool(cfg.Groups) once; the health checker sets each
// Node's State, the proxy counts legs and calls in a Calls table, and the
// balancer reads both to pick the MCP of a new leg. Subpackages: profile
// (which recording profile a leg gets), balance (which MCP), health
// (OPTIONS checks), proxy (the SIP proxy), status (/status, /metrics) and
// app (reel-rm's composition root).
//
// Everything here is safe for concurrent use.
package rm
