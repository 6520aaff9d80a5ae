package health

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/reel-project/reel/rm"
)

// Prober sends one OPTIONS to addr and returns the final status, or an
// error when there was none (timeout, transport error).
type Prober interface {
	Probe(ctx context.Context, addr string) (int, error)
}

// Config sets the checks' rhythm and thresholds.
type Config struct {
	Interval  time.Duration // 0: Run returns at once, nodes stay as they are
	Timeout   time.Duration
	DownAfter int
	UpAfter   int
}

// Checker runs the checks and keeps the counters of every node.
type Checker struct {
	pool *rm.Pool
	cfg  Config
	log  *slog.Logger

	mu    sync.Mutex
	count map[*rm.Node]*streak
}

// streak counts consecutive outcomes of one node's checks.
type streak struct{ ok, failed int }

// New returns a checker; log may be nil.
func New(pool *rm.Pool, cfg Config, log *slog.Logger) *Checker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Checker{pool: pool, cfg: cfg, log: log, count: map[*rm.Node]*streak{}}
	for _, n := range pool.Nodes() {
		c.count[n] = &streak{}
	}
	return c
}

// Run checks every node through prober each interval until ctx ends.
func (c *Checker) Run(ctx context.Context, prober Prober) {
	if c.cfg.Interval <= 0 {
		return
	}
	tick := time.NewTicker(c.cfg.Interval)
	defer tick.Stop()
	for {
		c.CheckAll(ctx, prober)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// CheckAll probes every node once, concurrently, and waits for the answers.
func (c *Checker) CheckAll(ctx context.Context, prober Prober) {
	var wg sync.WaitGroup
	for _, n := range c.pool.Nodes() {
		wg.Go(func() { c.check(ctx, prober, n) })
	}
	wg.Wait()
}

func (c *Checker) check(ctx context.Context, prober Prober, n *rm.Node) {
	pctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	code, err := prober.Probe(pctx, n.Addr)
	if ctx.Err() != nil {
		return // shutting down: not the node's fault
	}
	c.Observe(n, code, err)
}

// Observe applies one check's outcome to n: a status, or err when there
// was no answer.
func (c *Checker) Observe(n *rm.Node, code int, err error) {
	c.mu.Lock()
	s := c.count[n]
	if s == nil {
		s = &streak{}
		c.count[n] = s
	}
	next := c.next(n.State(), s, code, err)
	c.mu.Unlock()
	if n.SetState(next) {
		c.log.Info("mcp state changed", "mcp", n.Addr, "state", next.String(), "status", code, "error", err)
	}
}

// next updates the streak and returns the node's new state.
func (c *Checker) next(cur rm.State, s *streak, code int, err error) rm.State {
	switch {
	case err == nil && code == 200:
		s.ok, s.failed = s.ok+1, 0
		if cur == rm.Down && s.ok < c.cfg.UpAfter {
			return rm.Down
		}
		return rm.Up
	case err == nil && code == 503:
		s.ok, s.failed = 0, 0
		return rm.Draining
	default:
		s.ok, s.failed = 0, s.failed+1
		if s.failed >= c.cfg.DownAfter {
			return rm.Down
		}
		return cur
	}
}

// Report counts a failed INVITE attempt on n (timeout or transport error)
// as a failed check.
func (c *Checker) Report(n *rm.Node, err error) { c.Observe(n, 0, err) }
