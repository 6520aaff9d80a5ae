// Package app is reel-rm's composition root: it builds the pool of MCPs,
// the balancer, the health checker, the SIP proxy and the status server
// from the configuration, runs them, and on shutdown drains: new INVITEs
// get 503 while the dialogs in progress are proxied until they end or
// proxy.drain_timeout passes.
package app
