// Package nodestatus is the shape of reel-mcp's GET /status answer: what
// reel-rm's cluster console shows of each MCP beside what SIP tells it
// (calls, capacity, CPU, disk, spool). Like core/calls it holds only the
// types, so reel-rm need not link the media engine.
package nodestatus
