package app

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/emiago/sipgo/sip"

	coreconfig "github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/logging"
	"github.com/reel-project/reel/core/webui"
	"github.com/reel-project/reel/internal/siptls"
	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/balance"
	"github.com/reel-project/reel/rm/cluster"
	"github.com/reel-project/reel/rm/config"
	"github.com/reel-project/reel/rm/health"
	"github.com/reel-project/reel/rm/profile"
	"github.com/reel-project/reel/rm/proxy"
	"github.com/reel-project/reel/rm/status"
)

// udpMTU is the largest UDP datagram the proxy sends (+200 bytes sipgo keeps).
const udpMTU = 8192

// mtuOnce sets sipgo's process-wide UDP limit before the first RM runs.
var mtuOnce sync.Once

// RM is a running reel-rm.
type RM struct {
	cfg     config.RM
	log     *slog.Logger
	pool    *rm.Pool
	proxy   *proxy.Proxy
	checker *health.Checker
	http    *http.Server
	httpLn  net.Listener
	sipTLS  *siptls.TLS // nil: no TLS listener
	cluster *cluster.Poller
	// closeConsole ends the console's live streams before the HTTP server
	// shuts down.
	closeConsole func()
}

// consolePoll is how often the cluster console reads each MCP's admin API:
// often enough that a pause shows within a second.
const consolePoll = 400 * time.Millisecond

// handler is the admin API (rm/status) and the cluster console.
func (r *RM) handler(m *status.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", status.Handler(r.pool, m, r.info))
	c := cluster.New(r.cluster, consolePoll/2, r.log)
	for p, h := range c.Routes() {
		mux.Handle(p, h)
	}
	r.closeConsole = c.Close
	return mux
}

// New builds every component and binds the SIP and HTTP listeners;
// nothing is served until Run.
func New(cfg config.RM, log *slog.Logger) (*RM, error) {
	logging.QuietSIPStack(log.Handler())
	// sipgo refuses to send UDP datagrams over 1300 bytes; an INVITE with
	// SDP plus our Via and Record-Route can be larger (process-wide).
	mtuOnce.Do(func() { sip.UDPMTUSize = max(sip.UDPMTUSize, udpMTU) })
	operator, reader, err := coreconfig.ReadTokens(cfg.HTTP)
	if err != nil {
		return nil, err
	}
	r := &RM{cfg: cfg, log: log, pool: rm.NewPool(cfg.Groups)}
	calls := rm.NewCalls()
	m := status.NewMetrics(r.pool)
	mat, gate, err := coreconfig.SIPSecurity(cfg.SIP.Transports, cfg.SIP.TLS, cfg.SIP.Admission, log)
	if err != nil {
		return nil, err
	}
	m.Registry().MustRegister(gate)
	r.sipTLS = mat
	pc := proxyConfig(cfg)
	pc.TLS, pc.Gate = mat, gate
	r.checker = health.New(r.pool, health.Config{Interval: cfg.Health.Interval, Timeout: cfg.Health.Timeout,
		DownAfter: cfg.Health.DownAfter, UpAfter: cfg.Health.UpAfter}, log)
	if r.httpLn, err = net.Listen("tcp", cfg.HTTP.Listen); err != nil {
		return nil, coreconfig.ListenError("http.listen", cfg.HTTP.Listen, err)
	}
	r.proxy, err = proxy.New(pc, proxy.Deps{Pool: r.pool, Calls: calls,
		Picker: balance.New(r.pool, calls), Profiles: profile.FromConfig(cfg), Observer: m,
		Health: r.checker, Log: log})
	if err != nil {
		_ = r.httpLn.Close()
		return nil, coreconfig.ListenError("sip.listen", cfg.SIP.Listen, err)
	}
	r.cluster = cluster.NewPoller(r.pool, cmp.Or(reader, operator), consolePoll, log)
	r.http = &http.Server{Handler: httpapi.RequireRoles(httpapi.Tokens{Operator: operator, Reader: reader},
		r.handler(m), append(webui.OpenPaths(), status.PathHealth)...),
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	r.http.RegisterOnShutdown(r.closeConsole)
	return r, nil
}

func proxyConfig(c config.RM) proxy.Config {
	return proxy.Config{Listen: c.SIP.Listen, Transports: c.SIP.Transports, TLSListen: c.SIP.TLS.Listen, Advertise: c.SIP.Advertise,
		UserAgent: c.SIP.UserAgent, FailoverTimeout: c.Proxy.FailoverTimeout, InviteTimeout: c.Proxy.InviteTimeout,
		MaxAttempts: c.Proxy.MaxAttempts, DialogTimeout: c.Proxy.DialogTimeout}
}

func (r *RM) info() (bool, int) { return r.proxy.Draining(), r.proxy.Dialogs() }

// Run serves until ctx ends, then drains and stops.
func (r *RM) Run(ctx context.Context) error {
	go func() { _ = r.http.Serve(r.httpLn) }()
	hctx, stopHealth := context.WithCancel(context.Background())
	defer stopHealth()
	go r.checker.Run(hctx, r.proxy)
	go r.cluster.Run(hctx)
	sctx, stopSIP := context.WithCancel(context.Background())
	defer stopSIP()
	sipErr := make(chan error, 1)
	go func() { sipErr <- r.proxy.Serve(sctx) }()
	if r.sipTLS != nil {
		go r.sipTLS.Watch(sctx)
	}
	udp, tcp := r.proxy.Addr()
	r.log.Info("reel-rm ready", "sip_udp", udp, "sip_tcp", tcp, "sip_tls", r.proxy.TLSAddr(), "http", r.httpLn.Addr().String(), "mcps", len(r.pool.Nodes()))
	var err error
	select {
	case <-ctx.Done():
		r.drain()
		stopSIP()
		err = <-sipErr
	case err = <-sipErr:
	}
	stopHealth()
	hctx2, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(err, r.http.Shutdown(hctx2))
}

// drain stops new calls and waits for the dialogs in progress.
func (r *RM) drain() {
	r.proxy.Drain()
	r.log.Info("draining: new INVITEs get 503", "dialogs", r.proxy.Dialogs(), "timeout", r.cfg.Proxy.DrainTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.Proxy.DrainTimeout)
	defer cancel()
	if err := r.proxy.WaitDialogs(ctx); err != nil {
		r.log.Warn("drain timeout: dropping dialogs", "dialogs", r.proxy.Dialogs())
	}
}

// SIPAddr returns the bound SIP addresses (nil for a transport that is off).
func (r *RM) SIPAddr() (udp, tcp net.Addr) { return r.proxy.Addr() }

// SIPTLSAddr returns the bound SIP-over-TLS address; nil when off.
func (r *RM) SIPTLSAddr() net.Addr { return r.proxy.TLSAddr() }

// HTTPAddr returns the bound admin HTTP address.
func (r *RM) HTTPAddr() string { return r.httpLn.Addr().String() }

// Pool returns the MCPs, for tests and tools in this process.
func (r *RM) Pool() *rm.Pool { return r.pool }
