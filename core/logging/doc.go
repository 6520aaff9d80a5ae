// Package logging builds the process's slog.Logger and names the fixed keys
// every component logs under.
//
// Start here: New(cfg.Log.Level, cfg.Log.Format, os.Stderr), then pass the
// logger down; components add context with the Key* constants, e.g.
// log.With(logging.KeyCallID, id). Log little and return errors instead.
package logging
