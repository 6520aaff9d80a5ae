package httpapi

import (
	"net/http"

	"github.com/reel-project/reel/core/metrics"
)

// routes builds the mux: the built-in endpoints and extra.
func routes(m *metrics.Metrics, ready func() error, extra map[string]http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathHealth, health)
	mux.Handle("GET "+PathReady, readiness(ready))
	if m != nil {
		mux.Handle("GET "+PathMetrics, m.Handler())
	}
	for pattern, h := range extra {
		mux.Handle(pattern, h)
	}
	return mux
}

// health answers 200 "ok": the process is up and serving HTTP.
func health(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusOK, "ok")
}

// readiness answers 200 "ready" while ready returns nil, 200 "ready; …"
// for a Warning, else 503 with the error's text.
func readiness(ready func() error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if ready != nil {
			if err := ready(); err != nil && isWarning(err) {
				writeText(w, http.StatusOK, "ready; "+err.Error())
				return
			} else if err != nil {
				writeText(w, http.StatusServiceUnavailable, err.Error())
				return
			}
		}
		writeText(w, http.StatusOK, "ready")
	})
}

// writeText writes a one-line plain-text response.
func writeText(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body + "\n"))
}
