// Package app is reel-mcp's composition root: it builds every component from
// the configuration, starts them in order, and on shutdown drains (new calls
// get 503, running recordings finish cleanly) before it stops them.
package app
