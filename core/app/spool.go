package app

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// spoolDrain is how long shutdown waits for deliveries under way.
const spoolDrain = 10 * time.Second

// openSpool opens <data_dir>/spool for the plugins' destinations; its
// recovery scan repairs and submits recordings a crash cut short.
func (m *MCP) openSpool() error {
	c := m.cfg.Spool
	s, err := spool.Open(m.cfg.SpoolDir(), m.plugins.Destinations(), spool.Options{Log: m.log,
		Workers: c.Workers, AttemptTimeout: c.AttemptTimeout, Horizon: c.Horizon, KeepLocal: c.KeepLocal,
		BackoffBase: c.BackoffBase, BackoffMax: c.BackoffMax, Seal: m.sealOption(), Notify: m.spoolEvent})
	if err != nil {
		return err
	}
	m.spool = s
	return nil
}

// runSpool delivers until stop is called; stop waits up to spoolDrain for
// the jobs waiting or under way, then cuts the rest short (they stay on disk).
func (m *MCP) runSpool() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go m.watchCertificates(ctx)
	go func() {
		defer close(done)
		if err := m.spool.Run(ctx); err != nil {
			m.log.Error("spool", "err", err)
		}
	}()
	return func() {
		deadline := time.Now().Add(spoolDrain)
		for time.Now().Before(deadline) && m.spoolBusy() {
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		<-done
	}
}

// spoolBusy reports jobs due soon or under way.
func (m *MCP) spoolBusy() bool {
	st := m.spool.Stats()
	return st.InProgress > 0 || st.Pending > 0 && m.dueSoon()
}

// dueSoon reports whether some pending job is due within the drain time.
func (m *MCP) dueSoon() bool {
	jobs, err := m.spool.List(spool.Filter{State: spool.Pending})
	if err != nil {
		return false
	}
	for _, j := range jobs {
		if time.Until(j.NextAttempt) < spoolDrain {
			return true
		}
	}
	return false
}

// retryHandler serves POST /spool/retry/<id>: a dead letter goes back to
// delivery.
func (m *MCP) retryHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, PathSpoolRetry)
		if err := m.spool.Retry(id); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
