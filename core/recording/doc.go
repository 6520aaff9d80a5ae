// Package recording turns the conference's recording tap into files: one
// Recording per start…stop cycle, its state machine (recording ⇄ paused →
// stopped), the files it writes (MP3 and WAV at once, written while the call
// runs and flushed at least every second), their names (docs/wire.md §4) and the
// metadata sidecar with the completeness report (docs/wire.md §5).
//
// The conference clock calls Write once per 20 ms tick with the tap's frame;
// encoding runs on the recording's own writer goroutine behind a bounded
// queue, so a slow encoder or disk never delays the bridge. A full queue is
// counted in the completeness report and logged once, never silent.
package recording
