// Package pluginhost runs the plugins reel-mcp's configuration lists: it
// finds and launches each binary (AutoMTLS, optional SHA-256 pin),
// configures it strictly, pings it, restarts it with capped back-off after
// a crash, and offers its kinds to the spool as spool.Destinations
// ("storage/<name>", "metadata/<name>", "analytics/<name>").
package pluginhost
