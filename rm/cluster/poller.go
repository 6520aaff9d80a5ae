package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/nodestatus"
	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/status"
)

// Node is one MCP as the cluster console shows it.
type Node struct {
	status.NodeReport
	Group      string             `json:"group"`
	State      string             `json:"state"` // up, draining, full, paused, down
	Admin      string             `json:"admin,omitempty"`
	MCP        *nodestatus.Status `json:"mcp,omitempty"` // nil: no admin URL, or not read yet
	CPUPercent float64            `json:"cpuPercent"`    // of one core, over the last poll
	Error      string             `json:"error,omitempty"`
	Calls      calls.Report       `json:"-"`
}

// Snapshot is the cluster at one poll.
type Snapshot struct {
	Nodes []Node `json:"nodes"`
}

// Poller reads every MCP's admin API every interval. Snapshot is safe for
// concurrent use; Run runs once.
type Poller struct {
	pool     *rm.Pool
	token    string
	interval time.Duration
	client   *http.Client
	log      *slog.Logger

	mu    sync.Mutex
	last  map[string]Node // by SIP address
	cpuAt map[string]cpuSample
}

type cpuSample struct {
	seconds float64
	at      time.Time
}

// NewPoller returns a poller of pool's MCPs, sending token to their admin
// APIs.
func NewPoller(pool *rm.Pool, token string, interval time.Duration, log *slog.Logger) *Poller {
	if log == nil {
		log = slog.Default()
	}
	return &Poller{pool: pool, token: token, interval: interval, log: log,
		client: &http.Client{Timeout: max(interval, 500*time.Millisecond)},
		last:   map[string]Node{}, cpuAt: map[string]cpuSample{}}
}

// Run polls until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	tick := time.NewTicker(p.interval)
	defer tick.Stop()
	for {
		p.poll(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// poll reads every MCP with an admin URL at once and waits for all.
func (p *Poller) poll(ctx context.Context) {
	var wg sync.WaitGroup
	for _, n := range p.pool.Nodes() {
		if n.Admin == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.read(ctx, n)
		}()
	}
	wg.Wait()
}

// read fetches one MCP's status and calls and keeps them.
func (p *Poller) read(ctx context.Context, n *rm.Node) {
	var st nodestatus.Status
	var rep calls.Report
	err := p.get(ctx, n.Admin, nodestatus.Path, &st)
	if err == nil {
		err = p.get(ctx, n.Admin, calls.Path, &rep)
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	v := Node{Admin: n.Admin}
	if err != nil {
		v.Error = err.Error()
		p.last[n.Addr] = v
		return
	}
	if prev, ok := p.cpuAt[n.Addr]; ok && now.After(prev.at) {
		v.CPUPercent = (st.CPUSeconds - prev.seconds) / now.Sub(prev.at).Seconds() * 100
	}
	p.cpuAt[n.Addr] = cpuSample{st.CPUSeconds, now}
	v.MCP, v.Calls = &st, rep
	p.last[n.Addr] = v
}

func (p *Poller) get(ctx context.Context, base, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+path, nil)
	if err != nil {
		return err
	}
	if p.token != "" {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Snapshot returns every MCP: the pool's view merged with the last poll.
func (p *Poller) Snapshot() Snapshot {
	rep := status.Build(p.pool, nil)
	p.mu.Lock()
	defer p.mu.Unlock()
	var s Snapshot
	for _, g := range rep.Groups {
		for _, nr := range g.MCPs {
			v := p.last[nr.Address]
			v.NodeReport, v.Group = nr, g.Name
			v.State = state(nr)
			s.Nodes = append(s.Nodes, v)
		}
	}
	return s
}

// state adds full and paused to the pool's up, draining and down.
func state(n status.NodeReport) string {
	switch {
	case n.State != "up":
		return n.State
	case n.PausedUntil != "":
		return "paused"
	case n.Capacity > 0 && n.Calls >= int64(n.Capacity):
		return "full"
	}
	return n.State
}

// Calls returns the live calls of every MCP in one report, each call's id
// prefixed with its MCP's SIP address.
func (s Snapshot) Calls() calls.Report {
	r := calls.Report{Calls: []calls.Call{}}
	for _, n := range s.Nodes {
		for _, c := range n.Calls.Calls {
			c.ID = n.Address + " " + c.ID
			r.Calls = append(r.Calls, c)
		}
		r.Legs += n.Calls.Legs
	}
	return r
}
