// Command reelctl is Reel's operator tool, on spf13/cobra
// (docs/decisions/0038-reelctl-on-cobra.md). Commands are "<group> <verb>",
// e.g. "reelctl rm status", or a single word ("reelctl calls"); each lives in
// a file of its own and adds itself in an init: add for a cobra command,
// register for a function that parses its own pflag.FlagSet. "reelctl",
// "reelctl <group>", -h, --help and "help" print usage and exit 0; an error
// is one "reelctl: …" line on stderr and exit 1. "reelctl completion
// bash|zsh" prints a completion script.
package main
