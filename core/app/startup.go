package app

import (
	"errors"
	"os"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/spool"
)

// probeDirs checks, before any plugin or listener starts, what would
// otherwise fail later — often only at the first recording: that the data
// dir and the recording dir can be written, and that no other process has
// the spool open. Each failure names the key that set the path (the main
// adds its flag, variable or file line) and the fix.
func probeDirs(cfg config.MCP) error {
	if err := probeWritable(cfg.DataDir); err != nil {
		return config.DirError("data_dir", cfg.DataDir, err)
	}
	recKey := "recording.dir"
	if cfg.Recording.Dir == "" { // <data_dir>/recordings
		recKey = "data_dir"
	}
	if err := probeWritable(cfg.RecordingDir()); err != nil {
		return config.DirError(recKey, cfg.RecordingDir(), err)
	}
	if err := spool.CheckLock(cfg.SpoolDir()); err != nil {
		if errors.Is(err, spool.ErrLocked) {
			return config.Unusable("data_dir", "%s: its spool is open in another process, most likely another reel-mcp: stop that one, or give this one a data dir of its own", cfg.DataDir)
		}
		return config.DirError("data_dir", cfg.SpoolDir(), err)
	}
	return nil
}

// probeWritable creates dir if needed, then a file in it, and removes the
// file.
func probeWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".reel-probe-*")
	if err != nil {
		return err
	}
	return errors.Join(f.Close(), os.Remove(f.Name()))
}
