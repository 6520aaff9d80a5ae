// Package health checks the MCPs with SIP OPTIONS and sets their state.
//
// Start here: New(pool, cfg, log), then Run(ctx, prober) in a goroutine
// until its context ends. Every interval each node gets an OPTIONS (through the
// Prober, which the proxy implements, so the checks leave from the proxy's
// own socket). A node goes Down after DownAfter consecutive failures (no
// answer within Timeout, a transport error, or a status other than 200 and
// 503) and back Up after UpAfter consecutive 200s. A 503 puts it in
// Draining at once: it keeps its dialogs and gets no new calls. The proxy
// adds what it sees with Report: an INVITE that timed out or hit a
// transport error counts as a failed check, so a dead node is found even
// between checks.
//
// Checker is safe for concurrent use.
package health
