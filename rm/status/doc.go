// Package status reports what reel-rm sees: /status (JSON: each group's
// policy and each MCP's state and load), /metrics (Prometheus) and
// /healthz, and the Metrics the proxy counts into.
//
// Start here: NewMetrics(pool), pass it to the proxy as its Observer, and
// serve Handler(pool, m, info). reelctl rm status reads /status into a
// Report.
package status
