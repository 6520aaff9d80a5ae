// Package gcdefault sets a daemon's garbage-collector percentage (GOGC)
// when the operator has not: each daemon knows its own heap's shape better
// than Go's default of 100 does (reel-mcp: 20, decision 0023; reel-rm: its
// own, see cmd/reel-rm). An operator's GOGC in the environment always wins.
package gcdefault
