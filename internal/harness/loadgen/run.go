package loadgen

import (
	"context"
	"sync"
	"time"

	"github.com/reel-project/reel/internal/harness/sipemu"
)

// runner is one load run in progress.
type runner struct {
	cfg   Config
	emu   *sipemu.Emulator
	pacer *pacer

	mu     sync.Mutex
	active int
	peak   int
	done   []*call
}

// Run places calls against the MCP until the run is over and reports.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	emu, err := newEmulator(cfg)
	if err != nil {
		return nil, err
	}
	defer emu.Close()
	r := &runner{cfg: cfg, emu: emu, pacer: newPacer(cfg.Audio)}
	pctx, stopPacer := context.WithCancel(ctx)
	defer stopPacer()
	go r.pacer.run(pctx)
	probe := startProbe(cfg.PID, cfg.Calls, r.up)
	began := time.Now()
	r.launch(ctx)
	wall := time.Since(began)
	stopPacer()
	// The MCP's cost of a call includes finishing, sealing and delivering
	// its recording, after the BYE: measure until the recordings settled.
	var rec *Recordings
	if cfg.RecordingsDir != "" {
		rec = settledRecordings(cfg.RecordingsDir, cfg.Prefix)
	}
	return r.report(wall, probe.stop(), rec), nil
}

// launch starts calls at cfg.Rate, keeping at most cfg.Calls up, until the
// run's duration is over (or, without one, cfg.Calls calls were placed), then
// waits for them to end.
func (r *runner) launch(ctx context.Context) {
	var wg sync.WaitGroup
	gap := time.Duration(float64(time.Second) / r.cfg.Rate)
	deadline := time.Now().Add(r.cfg.Duration)
	tick := time.NewTicker(gap)
	defer tick.Stop()
	for id := 0; r.more(id, deadline); {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-tick.C:
		}
		if !r.reserve() {
			continue
		}
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			r.finish(r.place(ctx, id))
		}(id)
		id++
	}
	wg.Wait()
}

func (r *runner) more(placed int, deadline time.Time) bool {
	if r.cfg.Duration == 0 {
		return placed < r.cfg.Calls
	}
	return time.Now().Before(deadline)
}

// reserve takes a slot for a new call if fewer than cfg.Calls are up.
func (r *runner) reserve() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.active >= r.cfg.Calls {
		return false
	}
	r.active++
	r.peak = max(r.peak, r.active)
	return true
}

func (r *runner) finish(c *call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.active--
	r.done = append(r.done, c)
}

// up returns the number of calls in progress.
func (r *runner) up() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.active
}

// newEmulator starts the SIP Server emulator for cfg's transport.
func newEmulator(cfg Config) (*sipemu.Emulator, error) {
	if cfg.Transport == "tls" {
		return sipemu.NewTLS(cfg.MCP, cfg.TLSClient, cfg.TLSServer)
	}
	return sipemu.New(cfg.MCP, cfg.Transport)
}
