package app

import (
	"encoding/json"
	"net/http"

	"github.com/reel-project/reel/core/spool"
)

// Admin API paths of the delivery side.
const (
	PathPlugins    = "/plugins"
	PathSpool      = "/spool"
	PathSpoolRetry = "/spool/retry/"
)

// pluginsHandler serves GET /plugins: each plugin, up or not, restarts.
func (m *MCP) pluginsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, m.plugins.Status())
	})
}

// spoolHandler serves GET /spool?state=dead&prefix=…: the jobs, as
// reelctl spool list shows them.
func (m *MCP) spoolHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		jobs, err := m.spool.List(spool.Filter{State: spool.State(q.Get("state")), Prefix: q.Get("prefix")})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, jobs)
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
