package httpapi

import (
	"crypto/subtle"
	"net/http"
	"slices"
)

// RequireToken wraps h so that every request but those for the open paths
// carries "Authorization: Bearer <token>"; others get 401. An empty token
// returns h unchanged.
func RequireToken(token string, h http.Handler, open ...string) http.Handler {
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slices.Contains(open, r.URL.Path) || subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) == 1 {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="reel"`)
		writeText(w, http.StatusUnauthorized, "unauthorized: this admin API wants Authorization: Bearer <http.token_file>")
	})
}

// WithToken makes every route but /healthz and /readyz require token (see
// RequireToken); "" leaves them open.
func WithToken(token string) Option {
	return func(s *Server) { s.srv.Handler = RequireToken(token, s.srv.Handler, PathHealth, PathReady) }
}
