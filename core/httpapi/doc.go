// Package httpapi serves reel-mcp's admin HTTP endpoints: /healthz,
// /readyz and /metrics, plus whatever routes the caller adds.
//
// Start here: New(cfg.HTTP.Listen, m, app.Ready, nil), then Start (which
// reports a bind error at once) and, on the way out, Shutdown. /healthz
// answers 200 "ok" while the process runs; /readyz answers 200 while ready
// returns nil and 503 with its error text otherwise (starting, draining);
// /metrics serves the metrics.Metrics registry. Keep the listener on a
// private address: there is no authentication.
package httpapi
