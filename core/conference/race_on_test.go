//go:build race

package conference

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// allocation guards that rely on a pool skip under it.
const raceEnabled = true
