package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
)

// command is one "<group> <verb>" of reelctl.
type command struct {
	summary string
	run     func(args []string, stdout io.Writer) error
}

// commands maps "group verb" to its command; files add theirs in init.
var commands = map[string]command{}

func register(name, summary string, run func([]string, io.Writer) error) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	if err := dispatch(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reelctl:", err)
		os.Exit(1)
	}
}

// dispatch runs the command named by the first argument or the first two.
func dispatch(args []string, stdout io.Writer) error {
	if len(args) >= 1 {
		if c, ok := commands[args[0]]; ok {
			return c.run(args[1:], stdout)
		}
	}
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.run(args[2:], stdout)
		}
	}
	return fmt.Errorf("unknown command %q\n%s", strings.Join(args, " "), usage())
}

func usage() string {
	var b strings.Builder
	b.WriteString("usage: reelctl <command> [flags]\ncommands:\n")
	for _, name := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(&b, "  %-12s %s\n", name, commands[name].summary)
	}
	return b.String()
}
