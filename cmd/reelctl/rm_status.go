package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/rm/status"
)

func init() {
	register("rm status", "show the MCPs a reel-rm sees: state, load, policy", rmStatus)
}

// rmStatus fetches reel-rm's /status and prints it as a table.
func rmStatus(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("rm status", pflag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8060", "reel-rm admin HTTP address")
	asJSON := fs.Bool("json", false, "print the JSON of GET /status instead of a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, err := fetchStatus(strings.TrimSuffix(*url, "/") + status.PathStatus)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, r)
	}
	return printStatus(stdout, r)
}

func fetchStatus(url string) (status.Report, error) {
	var r status.Report
	err := getJSON(url, &r)
	return r, err
}

// printStatus writes one row per MCP.
func printStatus(w io.Writer, r status.Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "GROUP\tPOLICY\tMCP\tSTATE\tCALLS\tLEGS\tCAPACITY\tLOAD\tINVITES\tFAILOVERS\n")
	for _, g := range r.Groups {
		for _, m := range g.MCPs {
			st := m.State
			if m.PausedUntil != "" {
				st += " (paused until " + m.PausedUntil + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%.1f%%\t%d\t%d\n", g.Name, g.Policy, m.Address, st,
				m.Calls, m.Legs, m.Capacity, m.LoadPercent, m.Invites, m.Failovers)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	state := "serving"
	if r.Draining {
		state = "draining"
	}
	_, err := fmt.Fprintf(w, "\n%s, %d dialogs\n", state, r.Dialogs)
	return err
}
