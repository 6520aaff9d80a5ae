package pluginhost

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/reel-project/reel/core/spool"
)

// Host runs the configured plugins. Destinations and Plugin are safe for
// concurrent use; Close stops the health checks and every plugin.
type Host struct {
	opts   Options
	order  []*Plugin
	byName map[string]*Plugin
	cancel context.CancelFunc
	wg     sync.WaitGroup
	pids   *pidFile
}

// Start launches and configures every plugin, in order. Any failure (binary
// missing, checksum, a rejected configuration naming its key) stops the
// plugins already started and is returned naming the plugin.
func Start(ctx context.Context, specs []Spec, opts Options) (*Host, error) {
	h := &Host{opts: opts.withDefaults(), byName: map[string]*Plugin{}}
	h.pids = newPidFile(h.opts.StateDir, h.opts.Log)
	h.pids.reap()
	for _, s := range specs {
		if _, dup := h.byName[s.Name]; dup {
			h.closePlugins()
			return nil, fmt.Errorf("%w: plugin %q twice", ErrSpec, s.Name)
		}
		p, err := start(ctx, s, h.opts, h.pids)
		if err != nil {
			h.closePlugins()
			return nil, fmt.Errorf("pluginhost: %w", err)
		}
		h.order = append(h.order, p)
		h.byName[s.Name] = p
	}
	hctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.wg.Go(func() { h.health(hctx) })
	return h, nil
}

// health pings every plugin each PingInterval until ctx ends.
func (h *Host) health(ctx context.Context) {
	t := time.NewTicker(h.opts.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			for _, p := range h.order {
				p.check(ctx)
			}
		}
	}
}

// Plugin returns the plugin of that name, or nil.
func (h *Host) Plugin(name string) *Plugin { return h.byName[name] }

// Destinations returns one spool destination per plugin and kind, named
// "<kind>/<plugin>", in configuration order.
func (h *Host) Destinations() []spool.Destination {
	var out []spool.Destination
	for _, p := range h.order {
		for _, k := range p.spec.Kinds {
			out = append(out, newDestination(p, k))
		}
	}
	return out
}

// Close stops the health checks and every plugin. Safe to call twice.
func (h *Host) Close() error {
	if h.cancel != nil {
		h.cancel()
	}
	h.wg.Wait()
	h.closePlugins()
	return nil
}

func (h *Host) closePlugins() {
	for _, p := range h.order {
		p.close()
	}
}

// Status describes one plugin for the admin API.
type Status struct {
	Name     string   `json:"name"`
	Kinds    []string `json:"kinds"`
	Plugin   string   `json:"plugin"`  // the name the plugin reports
	Version  string   `json:"version"` // the version the plugin reports
	Up       bool     `json:"up"`
	Restarts int      `json:"restarts"`
}

// Status reports every plugin, in configuration order.
func (h *Host) Status() []Status {
	out := make([]Status, 0, len(h.order))
	for _, p := range h.order {
		out = append(out, p.status())
	}
	return out
}
