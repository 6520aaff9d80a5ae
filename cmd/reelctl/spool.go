package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/spool"
)

func init() {
	register("spool list", "list spooled recordings: pending, in progress, dead, active, …", spoolList)
	register("spool show", "show one spool job's record as JSON", spoolShow)
	register("spool retry", "send a dead-lettered job back to delivery (through reel-mcp)", spoolRetry)
	register("spool export", "write one job (record and files) as a tar archive", spoolExport)
}

// defaultSpoolDir is the spool of the embedded default configuration.
const defaultSpoolDir = "./var/reel-mcp/spool"

// errUsage: a command got the wrong arguments.
var errUsage = errors.New("usage")

func spoolFlags(name string) (*pflag.FlagSet, *string) {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	dir := fs.String("spool-dir", defaultSpoolDir, "the spool directory (<data_dir>/spool)")
	return fs, dir
}

// spoolList prints one row per job.
func spoolList(args []string, stdout io.Writer) error {
	fs, dir := spoolFlags("spool list")
	state := fs.String("state", "", "only jobs in this state (pending, in-progress, dead, done, corrupt, orphan, active)")
	prefix := fs.String("prefix", "", "only recording ids starting with this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	jobs, err := spool.Inspector{Dir: *dir}.List(spool.Filter{State: spool.State(*state), Prefix: *prefix})
	if err != nil {
		return err
	}
	return printJobs(stdout, jobs)
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

// spoolShow prints a job's record.
func spoolShow(args []string, stdout io.Writer) error {
	fs, dir := spoolFlags("spool show")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: reelctl spool show [--spool-dir DIR] <id>", errUsage)
	}
	j, err := spool.Inspector{Dir: *dir}.Show(fs.Arg(0))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// spoolRetry asks the running reel-mcp to retry a dead letter: the spool is
// locked by the MCP, so the retry goes through its admin API.
func spoolRetry(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("spool retry", pflag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8070", "reel-mcp admin HTTP address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: reelctl spool retry [--url URL] <id>", errUsage)
	}
	id := fs.Arg(0)
	res, err := adminDo(http.MethodPost, strings.TrimSuffix(*url, "/")+"/spool/retry/"+id, 30*time.Second)
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

// spoolExport writes a job as a tar archive, with a progress bar on stderr.
func spoolExport(args []string, stdout io.Writer) error {
	fs, dir := spoolFlags("spool export")
	out := fs.StringP("output", "o", "", "archive file (default <id>.tar; - for stdout)")
	quiet := fs.BoolP("quiet", "q", false, "no progress bar")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: reelctl spool export [--spool-dir DIR] [-o FILE] <id>", errUsage)
	}
	id := fs.Arg(0)
	w, done, err := exportTarget(firstOf(*out, id+".tar"), stdout)
	if err != nil {
		return err
	}
	in := spool.Inspector{Dir: *dir}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(os.Stderr)
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
