package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/emiago/sipgo/sip"
	"github.com/spf13/cobra"

	"github.com/reel-project/reel/core/logging"
	"github.com/reel-project/reel/internal/harness/sipemu"
)

func init() { add(callCmd) }

// callOptions are the flags of reelctl call.
type callOptions struct {
	rm        string
	hold      time.Duration
	audio     string
	transport string
	wait      time.Duration
}

func callCmd() *cobra.Command {
	var o callOptions
	c := spoolCmd("call", "place one recorded two-party call through reel-rm and follow its recording to delivery", cobra.NoArgs,
		func(cmd *cobra.Command, dir string, _ []string) error {
			return placeCall(cmd.Context(), cmd.OutOrStdout(), dir, o)
		})
	c.Long = "call acts as a SIP Server: it opens two legs of one conference (third-party call control) through\n" +
		"reel-rm, starts the recording with MSML (dialogstart in an INFO), sends real audio on both for --hold,\n" +
		"hangs up, and prints the Request-URI, the recording's\n" +
		"files while the call runs (the spool's active folder), where they were delivered, and the sidecar's\n" +
		"completeness. It reads reel-mcp's spool, so it runs on the MCP's host with its --config or --data-dir."
	c.Flags().StringVar(&o.rm, "rm", "127.0.0.1:5060", "reel-rm's SIP address (host:port); an MCP's works too")
	c.Flags().StringVar(&o.transport, "transport", "udp", "udp or tcp")
	c.Flags().DurationVar(&o.hold, "hold", 5*time.Second, "how long the parties talk")
	c.Flags().StringVar(&o.audio, "audio", "testdata/audio/pcmu.1.8k.raw", "headerless µ-law audio the parties send")
	c.Flags().DurationVar(&o.wait, "wait", 30*time.Second, "how long to wait for the recording to appear and to be delivered")
	return c
}

// placeCall runs the whole call and reports each stage on w.
func placeCall(ctx context.Context, w io.Writer, spoolDir string, o callOptions) error {
	audio, err := os.ReadFile(o.audio)
	if err != nil {
		return fmt.Errorf("--audio: %w (run reelctl call from the repository, or give --audio)", err)
	}
	if len(audio) < 160 {
		return fmt.Errorf("--audio %s: %d bytes, want at least one 20 ms frame (160)", o.audio, len(audio))
	}
	logging.QuietSIPStack(slog.Default().Handler())
	emu, err := sipemu.New(o.rm, o.transport)
	if err != nil {
		return err
	}
	defer emu.Close()
	c := &firstCall{emu: emu, uuid: strings.ToUpper(randomHex(8)), audio: audio}
	c.conf = "first-" + strings.ToLower(c.uuid[:8])
	defer c.close()
	if err := c.dial(ctx, w, o.rm); err != nil {
		return fmt.Errorf("call through %s: %w (is reel-rm running there? make run starts it)", o.rm, err)
	}
	stop, began := c.talk(), time.Now()
	err = c.startRecording(ctx, w)
	var job string
	if err == nil {
		job, err = c.showActive(w, spoolDir, o.wait)
	}
	if err == nil {
		err = sleepCtx(ctx, time.Until(began.Add(o.hold)))
	}
	stop()
	if hangErr := c.hangUp(); err == nil {
		err = hangErr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "hung up after %s; waiting for delivery\n", o.hold)
	return showDelivered(w, spoolDir, job, o.wait)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// callUUIDHeader names the recording's files.
func (c *firstCall) callUUIDHeader() sip.Header { return sip.NewHeader("X-Genesys-CallUUID", c.uuid) }

// sleepCtx waits for d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
