package proxy

import (
	"cmp"
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// Proxy is the SIP proxy. Its methods are safe for concurrent use.
type Proxy struct {
	cfg  Config
	deps Deps
	obs  Observer
	log  *slog.Logger

	sua *sipgo.UserAgent
	srv *sipgo.Server
	cli *sipgo.Client
	udp net.PacketConn // nil when UDP is off
	tcp net.Listener   // nil when TCP is off
	tls net.Listener   // nil when TLS is off
	me  self
	// parser is the stack's, shared with readFilter.
	parser *sip.Parser

	server sip.Header // Server header of our own answers, shared; nil: none

	dialogs  *dialogs
	draining atomic.Bool
	serving  atomic.Bool

	ctx    context.Context // cancelled when Serve returns
	cancel context.CancelFunc

	hmu      sync.Mutex // guards stopped and inflight.Add
	stopped  bool
	inflight sync.WaitGroup
}

// New binds the listeners and builds the proxy; Serve runs it.
func New(cfg Config, deps Deps) (*Proxy, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if err := deps.validate(); err != nil {
		return nil, err
	}
	p := &Proxy{cfg: cfg, deps: deps, obs: cmp.Or[Observer](deps.Observer, nopObserver{}), log: deps.Log}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if cfg.UserAgent != "" {
		p.server = sip.NewHeader("Server", cfg.UserAgent)
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.dialogs = newDialogs(deps.Calls)
	if err := p.listen(); err != nil {
		p.closeListeners()
		return nil, err
	}
	if err := p.stack(); err != nil {
		p.closeListeners()
		return nil, err
	}
	p.routes()
	return p, nil
}

// Serve runs the listeners until ctx ends or one of them fails, then
// closes them and waits for the running handlers.
func (p *Proxy) Serve(ctx context.Context) error {
	if !p.serving.CompareAndSwap(false, true) {
		return fmt.Errorf("%w: Serve called twice", ErrConfig)
	}
	errc := make(chan error, 3)
	n := 0
	if p.udp != nil {
		n++
		go func() { errc <- p.srv.ServeUDP(p.udp) }()
	}
	if p.tcp != nil {
		n++
		go func() { errc <- p.srv.ServeTCP(p.admitted(p.tcp, "TCP")) }()
	}
	if p.tls != nil {
		n++
		go func() { errc <- p.srv.ServeTLS(tls.NewListener(p.admitted(p.tls, "TLS"), p.cfg.TLS.ServerConfig())) }()
	}
	go p.dialogs.sweep(p.ctx, p.cfg.DialogTimeout)
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
		n--
		err = fmt.Errorf("proxy: listener stopped: %w", cmp.Or(err, net.ErrClosed))
	}
	p.stop()
	for ; n > 0; n-- {
		<-errc
	}
	return err
}

func (p *Proxy) stop() {
	p.hmu.Lock()
	p.stopped = true
	p.hmu.Unlock()
	p.cancel()
	p.closeListeners()
	p.inflight.Wait()
	if err := p.sua.Close(); err != nil {
		p.log.Debug("sipgo close", "error", err)
	}
}

// Drain makes new INVITEs and OPTIONS to the proxy answer 503; dialogs in
// progress are still proxied.
func (p *Proxy) Drain() { p.draining.Store(true) }

// Draining reports whether Drain was called.
func (p *Proxy) Draining() bool { return p.draining.Load() }

// Dialogs returns the number of live dialogs the proxy knows.
func (p *Proxy) Dialogs() int { return p.dialogs.len() }

// WaitDialogs returns when no dialog is left or ctx ends (with its error).
func (p *Proxy) WaitDialogs(ctx context.Context) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for p.dialogs.len() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}

// TLSAddr returns the bound TLS address; nil when TLS is off.
func (p *Proxy) TLSAddr() net.Addr {
	if p.tls == nil {
		return nil
	}
	return p.tls.Addr()
}

// Addr returns the bound addresses; nil for a transport that is off.
func (p *Proxy) Addr() (udp, tcp net.Addr) {
	if p.udp != nil {
		udp = p.udp.LocalAddr()
	}
	if p.tcp != nil {
		tcp = p.tcp.Addr()
	}
	return udp, tcp
}
