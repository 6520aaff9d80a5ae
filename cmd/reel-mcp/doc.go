// Command reel-mcp is Reel's media server: it answers SIP Server's recording
// legs, bridges their RTP and records them. With no config file it runs on
// the embedded default and records into ./var/reel-mcp/recordings.
package main
