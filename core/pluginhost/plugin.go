package pluginhost

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// Plugin is one configured plugin and its current client. It relaunches
// the process when it has exited or stops answering pings. Safe for
// concurrent use.
type Plugin struct {
	spec Spec
	opts Options
	log  *slog.Logger
	pids *pidFile

	mu       sync.Mutex
	client   *host.Client
	ip       *inproc   // builtin only
	failures int       // restarts failed in a row
	notUntil time.Time // no relaunch before this (back-off)
	restarts int
	closed   bool
}

// start launches and configures the plugin; any error stops start-up.
func start(ctx context.Context, spec Spec, opts Options, pids *pidFile) (*Plugin, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	p := &Plugin{spec: spec, opts: opts, log: opts.Log.With("plugin", spec.Name), pids: pids}
	c, ip, err := p.launch(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkKinds(spec, c.Kinds()); err != nil {
		p.stop(c, ip)
		return nil, err
	}
	p.client, p.ip = c, ip
	return p, nil
}

// launch starts the process (or the builtin), then configures it.
func (p *Plugin) launch(ctx context.Context) (*host.Client, *inproc, error) {
	c, ip, err := p.connect(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("plugin %q: %w", p.spec.Name, err)
	}
	if err := c.Configure(ctx, p.spec.Config); err != nil {
		p.stop(c, ip)
		return nil, nil, fmt.Errorf("plugin %q: configure: %w", p.spec.Name, err)
	}
	return c, ip, nil
}

func (p *Plugin) connect(ctx context.Context) (*host.Client, *inproc, error) {
	opts := []host.Option{host.WithName(p.spec.Name), host.WithLogger(p.opts.Log),
		host.WithCallTimeout(p.opts.CallTimeout), host.WithStartTimeout(p.opts.StartTimeout),
		host.WithLocalFiles(!p.spec.StreamFiles)}
	if p.spec.Binary == "" {
		return startInproc(ctx, p.spec.Builtin, opts...)
	}
	path, err := resolve(p.spec.Binary, p.opts.Dir)
	if err != nil {
		return nil, nil, err
	}
	if sum, _ := p.spec.checksum(); sum != nil {
		opts = append(opts, host.WithChecksum(sum))
	}
	c, err := host.Launch(ctx, path, opts...)
	if err == nil {
		p.pids.record(p.spec.Name, c.Pid())
	}
	return c, nil, err
}

func (p *Plugin) stop(c *host.Client, ip *inproc) {
	_ = c.Close()
	p.pids.forget(p.spec.Name)
	if ip != nil {
		ip.close()
	}
}

func checkKinds(spec Spec, have []sdk.Kind) error {
	for _, k := range spec.Kinds {
		if !slices.Contains(have, k) {
			return fmt.Errorf("%w: plugin %q does not implement %s (it has %v)", ErrSpec, spec.Name, k, have)
		}
	}
	return nil
}

// Client returns a live client, relaunching the plugin first when its
// process has exited; ErrDown while the back-off after a failed relaunch
// runs.
func (p *Plugin) Client(ctx context.Context) (*host.Client, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, ErrClosed
	}
	if p.client != nil && !p.client.Exited() {
		return p.client, nil
	}
	return p.relaunchLocked(ctx)
}

// relaunchLocked replaces a dead client, honouring the back-off.
func (p *Plugin) relaunchLocked(ctx context.Context) (*host.Client, error) {
	if p.client != nil {
		p.stop(p.client, p.ip)
		p.client, p.ip = nil, nil
	}
	if time.Now().Before(p.notUntil) {
		return nil, fmt.Errorf("%w: plugin %q: next restart in %s", ErrDown, p.spec.Name, time.Until(p.notUntil).Round(time.Millisecond))
	}
	c, ip, err := p.launch(ctx)
	if err != nil {
		p.failures++
		p.notUntil = time.Now().Add(p.backoff())
		p.log.Error("plugin restart failed", "err", err, "retry_in", p.backoff())
		return nil, fmt.Errorf("%w: %w", ErrDown, err)
	}
	p.failures, p.notUntil = 0, time.Time{}
	p.restarts++
	p.client, p.ip = c, ip
	p.log.Warn("plugin restarted", "restarts", p.restarts)
	return c, nil
}

// backoff is 1 s doubling per failure, capped at Options.BackoffMax.
func (p *Plugin) backoff() time.Duration {
	d := time.Second << min(p.failures, 16)
	return min(d, p.opts.BackoffMax)
}

// Restarts counts successful relaunches since start.
func (p *Plugin) Restarts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.restarts
}

// check pings the plugin and relaunches it when it does not answer.
func (p *Plugin) check(ctx context.Context) {
	c, err := p.Client(ctx)
	if err != nil {
		return
	}
	pctx, cancel := context.WithTimeout(ctx, p.opts.PingInterval)
	defer cancel()
	if err := c.Ping(pctx); err != nil && ctx.Err() == nil {
		p.log.Warn("plugin does not answer; restarting", "err", err)
		p.mu.Lock()
		if p.client == c && !p.closed {
			_, _ = p.relaunchLocked(ctx)
		}
		p.mu.Unlock()
	}
}

// close stops the plugin.
func (p *Plugin) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	if p.client != nil {
		p.stop(p.client, p.ip)
		p.client, p.ip = nil, nil
	}
}

func (p *Plugin) status() Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := Status{Name: p.spec.Name, Restarts: p.restarts}
	for _, k := range p.spec.Kinds {
		s.Kinds = append(s.Kinds, string(k))
	}
	if p.client != nil {
		info := p.client.Info()
		s.Plugin, s.Version, s.Up = info.Name, info.Version, !p.client.Exited()
	}
	return s
}
