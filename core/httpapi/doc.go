// Package httpapi is the admin HTTP layer of both daemons.
//
// reel-mcp serves its whole admin API through Server: /healthz, /readyz
// and /metrics, plus whatever routes the caller adds. Start here:
// New(cfg.HTTP.Listen, m, app.Ready, routes, WithToken(token)), then Start
// (which reports a bind error at once) and, on the way out, Shutdown.
// /healthz answers 200 "ok" while the process runs; /readyz answers 200
// while ready returns nil (or a Warning, as "ready; <text>") and 503 with
// its error text otherwise (starting, draining); /metrics serves the metrics.Metrics registry.
//
// reel-rm serves its own handler (rm/status) and takes only RequireToken
// from here, so both daemons check http.token_file the same way
// (docs/decisions/0028-admin-token.md). Keep the listeners on a private
// address all the same.
package httpapi
