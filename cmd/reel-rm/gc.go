package main

// gcPercent is reel-rm's GOGC unless the environment sets one. The proxy's
// live heap is mostly sipgo's finished transactions, which RFC 3261 keeps
// for 32 s: at 1,000 calls/s a few hundred MB that a collection must mark
// while it finds little to free. Each collection is a burst of slow INVITEs
// (its mark workers take every idle core), so reel-rm collects half as
// often as Go's default of 100 would, for a heap of up to 3× the live data
// instead of 2× (docs/decisions/0026-rm-latency.md).
const gcPercent = 200
