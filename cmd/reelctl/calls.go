package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/config"
)

func init() {
	register("calls", "list the calls on a reel-mcp: legs, codecs, recording state", listCalls)
}

// listCalls fetches reel-mcp's /calls and prints one row per leg.
func listCalls(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("calls", pflag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8070", "reel-mcp admin HTTP address")
	asJSON := fs.Bool("json", false, "print the JSON of GET /calls instead of a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var r calls.Report
	if err := getJSON(strings.TrimSuffix(*url, "/")+calls.Path, &r); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, r)
	}
	return printCalls(stdout, r)
}

// getJSON decodes the 200 answer of url into v.
func getJSON(url string, v any) error {
	res, err := adminDo(http.MethodGet, url, 5*time.Second)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	return nil
}

// printCalls writes one row per leg, the call's recording on its first.
func printCalls(w io.Writer, r calls.Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "CALL\tKIND\tRECORDING\tLEG\tDN\tCODEC\tMEDIA\tREMOTE\tRX\tTX\n")
	for _, c := range r.Calls {
		rec := "-"
		if c.Recording != nil {
			rec = c.Recording.State + " " + c.Recording.ID
		}
		for i, l := range c.Legs {
			id, kind, state := c.ID, c.Kind, rec
			if i > 0 {
				id, kind, state = "", "", ""
			}
			dn := l.DN
			if l.Recorded {
				dn += " (rec)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", id, kind, state, l.CallID, dn, l.Codec,
				l.Direction, l.Remote, l.PacketsReceived, l.PacketsSent)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d calls, %d legs\n", len(r.Calls), r.Legs)
	return err
}

// adminDo sends a request without body to an admin API, with the bearer
// token of the file $REEL_HTTP_TOKEN_FILE names, if it names one (the
// variable that sets http.token_file for reel-mcp and reel-rm).
func adminDo(method, url string, timeout time.Duration) (*http.Response, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	token, err := config.ReadToken(os.Getenv(config.EnvName("http.token_file")))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config.EnvName("http.token_file"), err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return (&http.Client{Timeout: timeout}).Do(req)
}

// printJSON writes v as indented JSON, for scripts.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
