package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/app"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/gcdefault"
	"github.com/reel-project/reel/core/logging"
	// reel-rm's REEL_* variables are known, not typos, when both daemons
	// share one environment.
	_ "github.com/reel-project/reel/rm/config"
)

// gcPercent is reel-mcp's GOGC unless the environment sets one. The media
// path allocates nothing per packet or tick, so the heap grows slowly and a
// collection is rare whatever the setting; with Go's default of 100 the heap
// may still reach twice the live data before one, which at 300 calls is
// 50 MB of RSS that holds nothing. At 20 the ceiling is 1.2× the live data
// for a few more collections a minute (docs/decisions/0023-mcp-memory.md).
const gcPercent = 20

func main() {
	gcdefault.Apply(gcPercent, os.LookupEnv)
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reel-mcp:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := pflag.NewFlagSet("reel-mcp", pflag.ContinueOnError)
	config.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load("", fs, os.Environ())
	if err != nil {
		return err
	}
	log, err := logging.New(cfg.Log.Level, cfg.Log.Format, os.Stderr)
	if err != nil {
		return err
	}
	m, err := app.NewMCP(cfg, log)
	if err != nil {
		return config.Explain(err, fs, os.Environ())
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go reloadOnHangup(ctx, m)
	return config.Explain(m.Run(ctx), fs, os.Environ())
}

// reloadOnHangup re-reads the encryption certificates on every SIGHUP.
func reloadOnHangup(ctx context.Context, m *app.MCP) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			_ = m.ReloadCertificates() // logged by the store
		}
	}
}
