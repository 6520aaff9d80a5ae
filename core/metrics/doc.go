// Package metrics holds reel-mcp's Prometheus metrics: their names and one
// registry that /metrics serves.
//
// Start here: m := metrics.New() once in the composition root, pass m (or the
// single collectors it holds) to the components, and mount m.Handler() at
// /metrics. The registry is the package's own, never the global one, so
// tests can build as many as they like.
//
// All collectors are safe for concurrent use. On the hot path, resolve a
// labelled child once (m.CallsTotal.WithLabelValues("completed")) and keep
// it: the lookup hashes the labels; Inc and Add on the child do not allocate.
package metrics
