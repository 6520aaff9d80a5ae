package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/reel-project/reel/core/spool"
)

func init() {
	add(spoolListCmd)
	add(spoolShowCmd)
	add(spoolRetryCmd)
	add(spoolExportCmd)
}

// spoolCmd is a spool command that reads the spool directory: it takes the
// flags that find the spool, and run gets the directory.
func spoolCmd(use, short string, args cobra.PositionalArgs, run func(cmd *cobra.Command, dir string, args []string) error) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, Args: args, RunE: func(cmd *cobra.Command, args []string) error {
		dir, err := spoolDir(cmd)
		if err != nil {
			return err
		}
		return run(cmd, dir, args)
	}}
	spoolLocationFlags(c.Flags())
	return c
}

func spoolListCmd() *cobra.Command {
	var state, prefix string
	c := spoolCmd("spool list", "list spooled recordings: pending, in progress, dead, delivered, active, …", cobra.NoArgs,
		func(cmd *cobra.Command, dir string, _ []string) error {
			jobs, err := spool.Inspector{Dir: dir}.List(spool.Filter{State: spool.State(state), Prefix: prefix})
			if err != nil {
				return err
			}
			return printJobs(cmd.OutOrStdout(), jobs)
		})
	c.Flags().StringVar(&state, "state", "", "only jobs in this state (pending, in-progress, dead, done, corrupt, orphan, active)")
	c.Flags().StringVar(&prefix, "prefix", "", "only recording ids starting with this")
	return c
}

func printJobs(w io.Writer, jobs []spool.JobSummary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tSTATE\tFILES\tBYTES\tATTEMPTS\tFIRST SEEN\tWAITING\tERROR\n")
	for _, j := range jobs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", j.ID, j.State, j.Files, j.Bytes, j.Attempts,
			stamp(j.FirstSeen), strings.Join(j.Waiting, ","), oneLine(firstOf(j.Reason, j.LastError)))
	}
	return tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.DateTime)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// oneLine fits an error into the table: errors are wrapped outermost first,
// so the end — the server's own answer — is what is kept.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 120 {
		i := len(s) - 117
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		s = "..." + s[i:]
	}
	return s
}

func spoolShowCmd() *cobra.Command {
	var asJSON bool
	c := spoolCmd("spool show <recording-id>", "show where one recording is: delivered (where, when), waiting, dead", cobra.ExactArgs(1),
		func(cmd *cobra.Command, dir string, args []string) error {
			j, err := spool.Inspector{Dir: dir}.Show(args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), j)
			}
			return printJob(cmd.OutOrStdout(), j)
		})
	c.Flags().BoolVar(&asJSON, "json", false, "print the job's record as JSON")
	return c
}

// spoolRetryCmd asks the running reel-mcp to retry a dead letter: the spool
// is locked by the MCP, so the retry goes through its admin API.
func spoolRetryCmd() *cobra.Command {
	var url string
	c := &cobra.Command{Use: "spool retry <recording-id>", Short: "send a dead-lettered job back to delivery (through reel-mcp)",
		Args: cobra.ExactArgs(1), RunE: func(cmd *cobra.Command, args []string) error {
			return spoolRetry(cmd.OutOrStdout(), url, args[0])
		}}
	c.Flags().StringVar(&url, "url", "http://127.0.0.1:8070", "reel-mcp admin HTTP address")
	return c
}

func spoolRetry(stdout io.Writer, url, id string) error {
	res, err := adminDo(http.MethodPost, strings.TrimSuffix(url, "/")+"/spool/retry/"+id, 30*time.Second)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		return fmt.Errorf("retry %s: %s: %s", id, res.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(stdout, "%s: back in delivery\n", id)
	return nil
}

// spoolExportCmd writes a job as a tar archive, with a progress bar on stderr.
func spoolExportCmd() *cobra.Command {
	var out string
	var quiet, plaintext bool
	c := spoolCmd("spool export <recording-id>", "write one job (record and files) as a tar archive", cobra.ExactArgs(1),
		func(cmd *cobra.Command, dir string, args []string) error {
			in := spool.Inspector{Dir: dir, Plaintext: plaintext}
			path := firstOf(out, args[0]+".tar")
			return removeFailed(path, spoolExport(cmd, in, args[0], path, quiet))
		})
	c.Flags().StringVarP(&out, "output", "o", "", "archive file (default <id>.tar; - for stdout)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	c.Flags().BoolVar(&plaintext, "plaintext", false, "export a job of an encrypting profile before its files are envelopes (they leave the node in clear)")
	return c
}

func spoolExport(cmd *cobra.Command, in spool.Inspector, id, out string, quiet bool) error {
	w, done, err := exportTarget(out, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	var bar *progressBar
	if !quiet {
		bar = newProgressBar(cmd.ErrOrStderr())
		in.Progress = bar.update
	}
	err = in.Export(id, w)
	bar.finish()
	return errors.Join(err, done())
}

// exportTarget opens the archive's destination.
func exportTarget(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// removeFailed removes an archive whose export failed (not stdout).
func removeFailed(path string, err error) error {
	if err != nil && path != "-" {
		_ = os.Remove(path)
	}
	return err
}
