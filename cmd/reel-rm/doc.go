// Command reel-rm is Reel's Resource Manager: a SIP proxy that sends each
// recording leg from SIP Server to a reel-mcp, pins every leg of a
// conference to one MCP, health-checks the MCPs and fails over. With no
// config file it proxies to the reel-mcp of the same host; --mcps lists
// others without a file. It runs with GOGC=200 unless GOGC is set in its
// environment (docs/decisions/0026-rm-latency.md).
package main
