// Package recording turns the conference's recording tap into files: one
// Recording per start…stop cycle, its state machine (recording ⇄ paused →
// stopped), the files it writes (MP3 and WAV at once, written while the call
// runs and flushed at least every second), and, when it stops, one metadata
// sidecar per file with the completeness report. The document's types, its
// time layout and the file names (docs/wire.md §4, §5) are core/recmeta's.
//
// The conference clock calls Write once per 20 ms tick with the tap's frame;
// encoding runs on the recording's own writer goroutine behind a bounded
// queue, so a slow encoder or disk never delays the bridge. A full queue is
// counted in the completeness report and logged once, never silent.
package recording
