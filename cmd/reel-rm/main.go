package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/gcdefault"
	"github.com/reel-project/reel/core/logging"
	"github.com/reel-project/reel/rm/app"
	"github.com/reel-project/reel/rm/config"
)

func main() {
	gcdefault.Apply(gcPercent, os.LookupEnv)
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reel-rm:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := pflag.NewFlagSet("reel-rm", pflag.ContinueOnError)
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
	r, err := app.New(cfg, log)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	return r.Run(ctx)
}
