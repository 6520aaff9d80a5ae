package app_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/reel-project/reel/internal/testlog"
	"github.com/reel-project/reel/rm/app"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/status"
)

// testRM is an in-process reel-rm.
type testRM struct {
	*app.RM
	sip  string // UDP host:port
	stop func() error
}

// fast are the timings the tests run with: checks every 200 ms.
func fast(c *config.RM) {
	c.Health = config.RMHealth{Interval: 200 * time.Millisecond, Timeout: 150 * time.Millisecond, DownAfter: 2, UpAfter: 2}
	c.Proxy.FailoverTimeout = 300 * time.Millisecond
	c.Proxy.InviteTimeout = 5 * time.Second
	c.Proxy.DrainTimeout = time.Second
}

// startRM runs a reel-rm in front of mcps (capacities caps) until the test ends.
func startRM(t *testing.T, policy string, mcps []*mcpProc, caps []int, edit func(*config.RM)) *testRM {
	t.Helper()
	cfg := config.DefaultRM()
	cfg.SIP.Listen, cfg.HTTP.Listen = "127.0.0.1:0", "127.0.0.1:0"
	g := config.RMGroup{Name: "main", Policy: policy}
	for i, m := range mcps {
		g.MCPs = append(g.MCPs, config.RMNode{Address: m.addr(), Capacity: caps[i]})
	}
	cfg.Groups = []config.RMGroup{g}
	cfg.Tenants = map[string]config.RMTenant{"acme": {RecordProfile: "acme-rec", DefaultProfile: "acme"}}
	fast(&cfg)
	if edit != nil {
		edit(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testlog.Writer(t), &slog.HandlerOptions{Level: slog.LevelWarn}))
	r, err := app.New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	udp, _ := r.SIPAddr()
	tr := &testRM{RM: r, sip: udp.String()}
	var stopped bool
	var runErr error
	tr.stop = func() error {
		if !stopped {
			stopped = true
			cancel()
			runErr = <-done
		}
		return runErr
	}
	t.Cleanup(func() {
		if err := tr.stop(); err != nil {
			t.Errorf("reel-rm Run: %v", err)
		}
	})
	return tr
}

// report fetches the RM's /status over HTTP.
func (r *testRM) report(t *testing.T) status.Report {
	t.Helper()
	res, err := http.Get("http://" + r.HTTPAddr() + status.PathStatus)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var rep status.Report
	if err := json.NewDecoder(res.Body).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// state returns the state the RM sees for the MCP at addr.
func (r *testRM) state(addr string) string { return r.Pool().Node(addr).State().String() }

// waitState waits until every RM sees addr in state want.
func waitState(t *testing.T, within time.Duration, addr, want string, rms ...*testRM) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		ok := true
		for _, r := range rms {
			ok = ok && r.state(addr) == want
		}
		if ok {
			return time.Since(start)
		}
		if time.Since(start) > within {
			t.Fatalf("%s not %s within %s", addr, want, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
