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
	"github.com/reel-project/reel/internal/siptls"
)

func init() {
	register("load", "place N concurrent recorded calls on an MCP and report capacity", runLoad)
}

// runLoad is "reelctl load": a SIP Server emulator for capacity tests.
func runLoad(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("reelctl load", pflag.ContinueOnError)
	cfg := loadgen.Config{}
	fs.StringVar(&cfg.MCP, "mcp", "127.0.0.1:5070", "SIP address of the MCP (host:port)")
	fs.StringVar(&cfg.Transport, "transport", "udp", "udp, tcp or tls")
	var tf siptls.Files
	fs.StringVar(&tf.Cert, "tls-cert", "", "with --transport tls: the emulator's certificate (PEM), also its client certificate")
	fs.StringVar(&tf.Key, "tls-key", "", "with --transport tls: its private key")
	fs.StringVar(&tf.CA, "tls-ca", "", "with --transport tls: CAs that sign the MCP's or RM's certificate (empty: the system's)")
	fs.IntVar(&cfg.Calls, "calls", 10, "concurrent calls to hold")
	fs.Float64Var(&cfg.Rate, "rate", 20, "new calls per second (ramp and replacement)")
	fs.DurationVar(&cfg.Hold, "hold", 30*time.Second, "length of each call")
	fs.DurationVar(&cfg.Duration, "duration", 0, "keep --calls calls up this long (0: one wave of --calls calls)")
	fs.BoolVar(&cfg.Record, "record", true, "full-time recording: ;record in the Request-URI, no MSML (the MCP profile needs record_from: first-audio)")
	fs.BoolVar(&cfg.SIPREC, "siprec", false, "place each call as one SIPREC recording session (RFC 7866): both parties' streams in one INVITE, recorded by any profile")
	fs.IntVar(&cfg.PID, "pid", 0, "the MCP's process id: report its CPU per call-second and RSS per call")
	fs.StringVar(&cfg.RecordingsDir, "recordings", "", "the MCP's recordings folder: report completeness from the sidecars")
	srtp := fs.Bool("srtp", false, "every leg SRTP: the parties offer RTP/SAVP with SDES keys (--srtp-suite)")
	suite := fs.String("srtp-suite", "AES_CM_128_HMAC_SHA1_80", "SDES suite with --srtp: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32 or AEAD_AES_128_GCM")
	audio := fs.String("audio", "testdata/audio/pcmu.1.8k.raw", "headerless µ-law audio the parties send")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *srtp {
		cfg.SRTP = *suite
	}
	var err error
	if cfg.Audio, err = os.ReadFile(*audio); err != nil {
		return fmt.Errorf("--audio: %w", err)
	}
	if cfg.Transport == "tls" {
		mat, err := siptls.New(tf, nil)
		if err != nil {
			return fmt.Errorf("--tls-cert, --tls-key: %w", err)
		}
		cfg.TLSClient, cfg.TLSServer = mat.ClientConfig(), mat.ServerConfig()
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
