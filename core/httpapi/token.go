package httpapi

import "net/http"

// RequireToken wraps h so that every request but those for the open paths
// carries "Authorization: Bearer <token>"; others get 401. An empty token
// returns h unchanged. It is RequireRoles with one Operator token.
func RequireToken(token string, h http.Handler, open ...string) http.Handler {
	return RequireRoles(Tokens{Operator: token}, h, open...)
}

// WithToken makes every route but /healthz and /readyz require token (see
// RequireToken); "" leaves them open.
func WithToken(token string) Option { return WithTokens(Tokens{Operator: token}) }

// WithTokens makes every route but /healthz, /readyz and the open paths
// require one of the tokens (see RequireRoles).
func WithTokens(t Tokens, open ...string) Option {
	open = append([]string{PathHealth, PathReady}, open...)
	return func(s *Server) { s.srv.Handler = RequireRoles(t, s.srv.Handler, open...) }
}
