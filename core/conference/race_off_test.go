//go:build !race

package conference

const raceEnabled = false
