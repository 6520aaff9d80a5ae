// Command reelctl is Reel's operator tool. Commands are "<group> <verb>",
// e.g. "reelctl rm status", or a single word ("reelctl load"); each lives in
// a file of its own and registers itself in commands.
package main
