package driver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/vxml/fetch"
)

// ErrAbnormal is returned by Main when the application did not end normally.
var ErrAbnormal = errors.New("vxml: the application did not end normally")

// Main is `reelctl vxml run <url|file> [flags]`: it runs the application
// and prints what it did; the error is ErrAbnormal after an uncaught error
// or the time limit.
func Main(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("vxml run", pflag.ContinueOnError)
	dtmf := fs.String("dtmf", "", `DTMF to enter: "1234#@2s,9@10s" (untimed groups are entered when input is collected)`)
	hangup := fs.Duration("hangup", 0, "hang up at this virtual time")
	transfers := fs.StringArray("transfer", nil, "outcome of the next <transfer>: busy|noanswer|network_busy|far_end_disconnect|maxtime|blind_ok|answered_then_caller_hangup|error.connection.*")
	session := fs.StringArray("session", nil, "session.connection value: key=value, e.g. remote.uri=sip:1000@example.com")
	roots := fs.StringArray("file-root", nil, "directory file: URIs may read (default: the directory of a file argument)")
	limit := fs.Duration("limit", 10*time.Minute, "virtual time limit")
	verbose := fs.Bool("verbose", false, "log the interpreter's warnings to stderr")
	if err := fs.Parse(normalize(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: reelctl vxml run <url|file> [flags]\n%s", fs.FlagUsages())
	}
	sc := Script{HangupAt: *hangup, Transfers: *transfers, Limit: *limit, Session: map[string]string{}}
	var err error
	if sc.DTMF, err = ParseDTMF(*dtmf); err != nil {
		return err
	}
	for _, kv := range *session {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("%w: --session %q: want key=value", ErrScript, kv)
		}
		sc.Session[k] = v
	}
	uri, fileRoots, err := target(fs.Arg(0), *roots)
	if err != nil {
		return err
	}
	log := slog.New(slog.DiscardHandler)
	if *verbose {
		log = slog.New(slog.NewTextHandler(stderr, nil))
	}
	res := Run(context.Background(), fetch.New(fetch.Options{FileRoots: fileRoots}), log, uri, sc)
	if err := Print(stdout, res); err != nil {
		return err
	}
	if !res.Normal || res.TimedOut {
		return ErrAbnormal
	}
	return nil
}

// normalize accepts the spelling --hangup@30s.
func normalize(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = strings.Replace(a, "--hangup@", "--hangup=", 1)
	}
	return out
}

// target turns a file argument into a file: URI and allows its directory.
func target(arg string, roots []string) (string, []string, error) {
	if u, err := url.Parse(arg); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "file") {
		return arg, roots, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", nil, err
	}
	if len(roots) == 0 {
		roots = []string{filepath.Dir(abs)}
	}
	return (&url.URL{Scheme: "file", Path: abs}).String(), roots, nil
}
