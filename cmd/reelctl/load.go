package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/logging"
	"github.com/reel-project/reel/internal/harness/loadgen"
)

func init() {
	register("load", "place N concurrent recorded calls on an MCP and report capacity", runLoad)
}

// runLoad is "reelctl load": a SIP Server emulator for capacity tests.
func runLoad(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("reelctl load", pflag.ContinueOnError)
	cfg := loadgen.Config{}
	fs.StringVar(&cfg.MCP, "mcp", "127.0.0.1:5070", "SIP address of the MCP (host:port)")
	fs.StringVar(&cfg.Transport, "transport", "udp", "udp or tcp")
	fs.IntVar(&cfg.Calls, "calls", 10, "concurrent calls to hold")
	fs.Float64Var(&cfg.Rate, "rate", 20, "new calls per second (ramp and replacement)")
	fs.DurationVar(&cfg.Hold, "hold", 30*time.Second, "length of each call")
	fs.DurationVar(&cfg.Duration, "duration", 0, "keep --calls calls up this long (0: one wave of --calls calls)")
	fs.BoolVar(&cfg.Record, "record", true, "full-time recording: ;record in the Request-URI, no MSML (the MCP profile needs record_from: first-audio)")
	fs.BoolVar(&cfg.SIPREC, "siprec", false, "place each call as one SIPREC recording session (RFC 7866): both parties' streams in one INVITE, recorded by any profile")
	fs.IntVar(&cfg.PID, "pid", 0, "the MCP's process id: report its CPU per call-second and RSS per call")
	fs.StringVar(&cfg.RecordingsDir, "recordings", "", "the MCP's recordings folder: report completeness from the sidecars")
	audio := fs.String("audio", "testdata/audio/pcmu.1.8k.raw", "headerless µ-law audio the parties send")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if cfg.Audio, err = os.ReadFile(*audio); err != nil {
		return fmt.Errorf("--audio: %w", err)
	}
	logging.QuietSIPStack(slog.Default().Handler())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := loadgen.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	_, err = io.WriteString(stdout, rep.Table())
	return err
}
