// Package diskspace tells whether the filesystems reel-mcp writes to have
// room for new recordings: Guard.Check is an error when one of them has
// less free space than the configured minimum, so new calls are refused
// (503, reel-rm sends them elsewhere) before a full disk makes recordings
// fail. Calls in progress go on. Linux and other Unix (statfs).
package diskspace
