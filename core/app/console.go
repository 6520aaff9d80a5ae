package app

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"path/filepath"
	"syscall"
	"time"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/console"
	"github.com/reel-project/reel/core/nodestatus"
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
	r["GET "+nodestatus.Path] = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, m.status()) })
	m.console = console.New(console.Sources{Calls: m.engine.Calls, Spool: m.spool, Index: m.index.idx, API: api}, m.log)
	maps.Copy(r, m.console.Routes())
	return r
}

// status is GET /status: what reel-rm's cluster console shows of this MCP.
func (m *MCP) status() nodestatus.Status {
	rep := m.engine.Calls()
	st := m.spool.Stats()
	s := nodestatus.Status{Ready: "ready", Calls: len(rep.Calls), Legs: rep.Legs, MaxCalls: m.cfg.Capacity.MaxCalls,
		CPUSeconds: cpuSeconds(), DiskFreeBytes: m.disk.Free(),
		Spool: nodestatus.Spool{Pending: st.Pending, InProgress: st.InProgress, Dead: st.Dead, Corrupt: st.Corrupt}}
	if err := m.ready(); err != nil {
		s.Ready = err.Error()
	}
	return s
}

// cpuSeconds is the process's user and system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
