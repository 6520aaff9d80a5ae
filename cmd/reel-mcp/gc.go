package main

import "runtime/debug"

// gcPercent is reel-mcp's GOGC unless the environment sets one. The media
// path allocates nothing per packet or tick, so the heap grows slowly and a
// collection is rare whatever the setting; with Go's default of 100 the heap
// may still reach twice the live data before one, which at 300 calls is
// 50 MB of RSS that holds nothing. At 20 the ceiling is 1.2× the live data
// for a few more collections a minute (docs/decisions/0023-mcp-memory.md).
const gcPercent = 20

// tuneGC applies gcPercent when GOGC is not in the environment; an
// operator's GOGC (or GOMEMLIMIT alongside it) wins.
func tuneGC(environ func(string) (string, bool)) {
	if _, set := environ("GOGC"); set {
		return
	}
	debug.SetGCPercent(gcPercent)
}
