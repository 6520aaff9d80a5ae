package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// errUsage: a register'd command got the wrong arguments; the error says
// what it wants.
var errUsage = errors.New("usage")

// commands are reelctl's commands, in the order their files registered them;
// root builds a fresh cobra tree from them for every run (tests run many).
var commands []func() *cobra.Command

// add registers a command built with cobra. Its Use starts with the group
// ("spool list") when it belongs to one; see root.
func add(build func() *cobra.Command) { commands = append(commands, build) }

// register adds a command whose run parses its own flags (a pflag.FlagSet):
// cobra passes every argument through, and -h/--help, which the FlagSet
// answers with pflag.ErrHelp after printing its flags, exits 0.
func register(name, summary string, run func([]string, io.Writer) error) {
	add(func() *cobra.Command {
		return &cobra.Command{
			Use: name + " [flags]", Short: summary, DisableFlagParsing: true,
			RunE: func(cmd *cobra.Command, args []string) error {
				if err := run(args, cmd.OutOrStdout()); !errors.Is(err, pflag.ErrHelp) {
					return err
				}
				return nil
			},
		}
	})
}

func main() {
	if err := dispatch(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reelctl:", err)
		os.Exit(1)
	}
}

// dispatch runs reelctl with args, writing output and help to stdout.
func dispatch(args []string, stdout io.Writer) error {
	r := root()
	r.SetArgs(args)
	r.SetOut(stdout)
	return r.Execute()
}

// root builds the command tree: "reelctl <group> <verb>" or
// "reelctl <command>", plus cobra's help and completion commands.
func root() *cobra.Command {
	r := &cobra.Command{
		Use:   "reelctl",
		Short: "reelctl is Reel's operator tool: calls, spool, reel-rm status, load tests",
		Long: "reelctl is Reel's operator tool. It talks to a running reel-mcp or reel-rm over their admin\n" +
			"HTTP API, or reads reel-mcp's spool directory.",
		SilenceErrors: true, SilenceUsage: true,
	}
	groups := map[string]*cobra.Command{}
	for _, build := range commands {
		c := build()
		parent := r
		if g, verb, ok := strings.Cut(c.Use, " "); ok && !strings.HasPrefix(verb, "[") && !strings.HasPrefix(verb, "<") {
			parent = group(r, groups, g)
			c.Use = verb
		}
		parent.AddCommand(c)
	}
	return r
}

// group returns the parent command of "<g> <verb>" commands, making it once.
func group(r *cobra.Command, groups map[string]*cobra.Command, g string) *cobra.Command {
	if c, ok := groups[g]; ok {
		return c
	}
	c := &cobra.Command{Use: g, Short: groupSummary[g], RunE: listSubcommands}
	groups[g] = c
	r.AddCommand(c)
	return c
}

// groupSummary describes the command groups.
var groupSummary = map[string]string{
	"spool": "inspect reel-mcp's delivery spool: list, show, retry, export",
	"rm":    "ask a reel-rm about its MCPs",
}

// listSubcommands is what a command that only groups others does: with no
// argument it prints its help (the list of subcommands); an unknown
// subcommand is an error that lists them.
func listSubcommands(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.CommandPath())
		}
	}
	return fmt.Errorf("unknown command %q for %q (want one of: %s)", args[0], cmd.CommandPath(), strings.Join(names, ", "))
}
