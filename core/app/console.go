package app

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"path/filepath"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/console"
	"github.com/reel-project/reel/core/recapi"
	"github.com/reel-project/reel/core/recindex"
)

// IndexFile is the recordings index in the data dir.
const IndexFile = "recordings.db"

// recordingsIndex is the open index and the goroutine that follows the
// spool into it.
type recordingsIndex struct {
	idx    *recindex.Index
	follow *recindex.Follower
	stop   context.CancelFunc
	done   chan struct{}
}

// openRecordingsIndex opens <data_dir>/recordings.db, rebuilding it from
// the spool and the recordings folder when it is missing, and starts
// following the spool (before the spool opens, so its recovery's events
// are noted too).
func openRecordingsIndex(cfg config.MCP, log *slog.Logger) (*recordingsIndex, error) {
	idx, n, err := recindex.OpenOrRebuild(filepath.Join(cfg.DataDir, IndexFile), cfg.SpoolDir(), cfg.RecordingDir())
	if err != nil {
		return nil, err
	}
	if n > 0 {
		log.Info("recordings index rebuilt", "recordings", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	x := &recordingsIndex{idx: idx, follow: idx.Follow(cfg.SpoolDir(), log), stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(x.done)
		x.follow.Run(ctx)
	}()
	return x, nil
}

// close indexes what the spool last did, then closes the file.
func (x *recordingsIndex) close() {
	x.stop()
	<-x.done
	_ = x.idx.Close()
}

// consoleRoutes are the recordings API and the console pages.
func (m *MCP) consoleRoutes() map[string]http.Handler {
	api := recapi.New(m.index.idx, m.log, m.cfg.RecordingDir(), m.cfg.SpoolDir())
	r := api.Routes()
	maps.Copy(r, console.New(console.Sources{Calls: m.engine.Calls, Spool: m.spool, Index: m.index.idx, API: api}, m.log).Routes())
	return r
}
