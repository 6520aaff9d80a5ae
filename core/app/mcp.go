package app

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/pprof"
	"net/netip"
	"strconv"
	"time"

	"github.com/reel-project/reel/codecs"
	"github.com/reel-project/reel/core/calls"
	"github.com/reel-project/reel/core/conference"
	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/core/console"
	"github.com/reel-project/reel/core/diskspace"
	"github.com/reel-project/reel/core/httpapi"
	"github.com/reel-project/reel/core/logging"
	"github.com/reel-project/reel/core/metrics"
	"github.com/reel-project/reel/core/pluginhost"
	"github.com/reel-project/reel/core/portalloc"
	"github.com/reel-project/reel/core/recording"
	"github.com/reel-project/reel/core/seal"
	"github.com/reel-project/reel/core/sipua"
	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/internal/siptls"
)

// MCP is a running reel-mcp.
type MCP struct {
	cfg     config.MCP
	log     *slog.Logger
	metrics *metrics.Metrics
	engine  *conference.Engine
	ua      *sipua.UA
	sipTLS  *siptls.TLS // nil: no TLS listener
	http    *httpapi.Server
	plugins *pluginhost.Host
	spool   *spool.Spool
	sealer  *seal.Sealer // nil: no profile encrypts and no manifests
	rec     *recordings  // the recording lifecycle and its control API
	ivrs    *ivrCalls    // VoiceXML applications on calls (ivr.go)
	index   *recordingsIndex
	disk    *diskspace.Guard
	console *console.Console
}

// NewMCP builds every component; nothing listens until Run.
func NewMCP(cfg config.MCP, log *slog.Logger) (*MCP, error) {
	if err := cfg.AbsolutePaths(); err != nil {
		return nil, err
	}
	operator, reader, err := config.ReadTokens(cfg.HTTP)
	if err != nil {
		return nil, err
	}
	m := &MCP{cfg: cfg, log: log, metrics: metrics.New()}
	logging.QuietSIPStack(log.Handler())
	formats, err := recording.ParseFormats(cfg.Recording.Formats)
	if err != nil {
		return nil, fmt.Errorf("recording.formats: %w", err)
	}
	if err := probeDirs(cfg); err != nil {
		return nil, err
	}
	if m.rec, err = newRecordings(log, formats, cfg.Profiles); err != nil {
		return nil, err
	}
	if err := m.startDelivery(); err != nil {
		return nil, err
	}
	if m.engine, err = m.newEngine(); err != nil {
		m.stopDelivery()
		return nil, err
	}
	if m.ua, err = m.newUA(); err != nil {
		m.stopDelivery()
		return nil, err
	}
	m.http = httpapi.New(cfg.HTTP.Listen, m.metrics, m.ready, m.adminRoutes(),
		httpapi.WithTokens(httpapi.Tokens{Operator: operator, Reader: reader}, console.OpenPaths()...))
	m.http.OnShutdown(m.console.Close)
	return m, nil
}

// startDelivery starts the plugins and opens the spool over them.
func (m *MCP) startDelivery() error {
	if err := config.ValidateDelivery(m.cfg.Plugins, m.cfg.Profiles); err != nil {
		return err
	}
	sealer, err := m.newSealer()
	if err != nil {
		return err
	}
	m.sealer = sealer
	host, err := m.startPlugins()
	if err != nil {
		return err
	}
	m.plugins = host
	if m.index, err = openRecordingsIndex(m.cfg, m.log); err != nil {
		_ = host.Close()
		return err
	}
	if err := m.openSpool(); err != nil {
		m.index.close()
		_ = host.Close()
		return err // its errors say "spool:"
	}
	registerSpoolMetrics(m.metrics, m.spool)
	m.rec.spoolDir, m.rec.submit = m.spool.Dir(), m.spool.Submit
	return nil
}

// stopDelivery closes the spool and stops the plugins.
func (m *MCP) stopDelivery() {
	if m.spool != nil {
		_ = m.spool.Close()
	}
	if m.index != nil {
		m.index.close()
	}
	if m.plugins != nil {
		_ = m.plugins.Close()
	}
}

// adminRoutes are the admin listener's routes beyond httpapi's own.
func (m *MCP) adminRoutes() map[string]http.Handler {
	r := profiling()
	r["POST "+PathSpoolRetry] = httpapi.RequireOperator(m.retryHandler())
	r["GET "+PathSpool] = m.spoolHandler()
	r["GET "+PathPlugins] = m.pluginsHandler()
	r["GET "+calls.Path] = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, m.engine.Calls()) })
	maps.Copy(r, m.consoleRoutes())
	return r
}

func (m *MCP) newEngine() (*conference.Engine, error) {
	cfg := m.cfg
	bind, err := netip.ParseAddr(cfg.RTP.BindIP)
	if err != nil {
		return nil, fmt.Errorf("rtp.bind_ip: %w", err)
	}
	alloc, err := portalloc.New(bind, cfg.RTP.PortMin, cfg.RTP.PortMax)
	if err != nil {
		return nil, fmt.Errorf("rtp ports: %w", err)
	}
	node, _ := strconv.ParseUint(cfg.NodeID, 16, 32)
	disk := diskspace.New(uint64(cfg.Capacity.MinFreeMB)<<20, time.Second, cfg.DataDir, cfg.RecordingDir())
	m.metrics.RegisterDisk(func() float64 { return float64(disk.Free()) })
	m.disk = disk
	return conference.New(conference.Config{
		RTPAddr: cfg.AdvertiseAddr(), Latch: cfg.RTP.Latch,
		TargetMs: cfg.Jitter.TargetMs, MaxMs: cfg.Jitter.MaxMs, ConcealMs: cfg.Jitter.ConcealMs,
		MaxCalls: cfg.Capacity.MaxCalls, Admit: disk.Check, Host: m.rec,
		StereoSwap: cfg.Recording.StereoSwap, Node: uint32(node), Observer: observer{m.metrics},
		ToneParties: cfg.Recording.ToneParties, FlushFrames: int(cfg.Recording.FlushInterval / codecs.FrameDuration),
	}, alloc, m.log)
}

func (m *MCP) newUA() (*sipua.UA, error) {
	mat, gate, err := config.SIPSecurity(m.cfg.SIP.Transports, m.cfg.SIP.TLS, m.cfg.SIP.Admission, m.log)
	if err != nil {
		return nil, err
	}
	m.metrics.Registry().MustRegister(gate)
	m.sipTLS = mat
	c := sipua.Config{UserAgent: m.cfg.SIP.UserAgent, MaxBody: m.cfg.SIP.MaxBodyBytes,
		MinSE: m.cfg.SIP.MinSE, NoSessionTimers: !m.cfg.SIP.SessionTimers, TLS: mat, Gate: gate}
	if mat != nil {
		c.ListenTLS = m.cfg.SIP.TLS.Listen
	}
	for _, t := range m.cfg.SIP.Transports {
		switch t {
		case "udp":
			c.ListenUDP = m.cfg.SIP.Listen
		case "tcp":
			c.ListenTCP = m.cfg.SIP.Listen
		}
	}
	if host, _, _ := net.SplitHostPort(m.cfg.SIP.Listen); host == "" || net.ParseIP(host).IsUnspecified() {
		c.ContactHost = m.cfg.AdvertiseAddr().String()
	}
	conns := newConnections()
	ended := func(reason string) { m.metrics.LegsEnded.WithLabelValues(reason).Inc() }
	m.ivrs = newIVRCalls(m.engine, m.rec, m.log)
	ua, err := sipua.New(c, &media{e: m.engine, log: m.log, conns: conns, ended: ended, ivr: m.ivrs,
		siprec: newSIPREC(m.engine, m.rec, m.cfg.Profiles, ended, m.log)}, m.log)
	if err != nil {
		return nil, config.ListenError("sip.listen", m.cfg.SIP.Listen, err)
	}
	svc := newMSML(m.engine, m.rec, conns, m.log)
	svc.ivr = m.ivrs
	svc.register(ua)
	return ua, nil
}

// ready is nil while new calls are accepted, else why not (draining, full,
// low disk space), or a warning (recordings waiting for a certificate).
func (m *MCP) ready() error {
	if err := m.engine.Refusal(); err != nil {
		return err
	}
	return m.encryptionWarning()
}

// Run serves until ctx is done, then drains: new INVITEs get 503, calls in
// progress may run until capacity.drain_timeout, recordings are finished.
func (m *MCP) Run(ctx context.Context) error {
	if err := m.http.Start(); err != nil {
		_ = m.ua.Close()
		m.stopDelivery()
		return config.ListenError("http.listen", m.cfg.HTTP.Listen, err)
	}
	clockCtx, stopClock := context.WithCancel(context.Background())
	defer stopClock()
	go m.engine.Run(clockCtx)
	stopSpool := m.runSpool()
	uaCtx, stopUA := context.WithCancel(context.Background())
	defer stopUA()
	uaErr := make(chan error, 1)
	go func() { uaErr <- m.ua.Serve(uaCtx) }()
	if m.sipTLS != nil {
		go m.sipTLS.Watch(uaCtx)
	}
	m.log.Info("reel-mcp ready", "sip", m.cfg.SIP.Listen, "http", m.http.Addr(),
		"recordings", m.cfg.RecordingDir(), "formats", m.cfg.Recording.Formats)
	select {
	case <-ctx.Done():
	case err := <-uaErr:
		stopSpool()
		m.stopDelivery()
		return fmt.Errorf("sip: %w", err)
	}
	m.drain()
	stopUA()
	stopClock()
	stopSpool()
	m.stopDelivery()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.http.Shutdown(sctx)
}

func (m *MCP) drain() {
	m.log.Info("draining: new calls get 503", "calls", m.engine.Legs(), "timeout", m.cfg.Capacity.DrainTimeout)
	m.ua.SetDraining(true)
	m.engine.Drain()
	ctx, cancel := context.WithTimeout(context.Background(), m.cfg.Capacity.DrainTimeout)
	defer cancel()
	if err := m.engine.Wait(ctx); err != nil {
		m.log.Warn("drain timeout: ending remaining calls", "calls", m.engine.Legs())
		bctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := m.ua.Shutdown(bctx); err != nil {
			m.log.Warn("BYE on shutdown", "err", err)
		}
	}
	m.engine.Close()
	m.log.Info("drained")
}

// SIPAddr returns the bound SIP addresses (nil for a disabled transport).
func (m *MCP) SIPAddr() (udp, tcp net.Addr) { return m.ua.Addr() }

// SIPTLSAddr returns the bound SIP-over-TLS address; nil when off.
func (m *MCP) SIPTLSAddr() net.Addr { return m.ua.TLSAddr() }

// HTTPAddr returns the bound admin HTTP address once Run started it.
func (m *MCP) HTTPAddr() string { return m.http.Addr() }

// profiling serves Go's pprof on the admin listener (127.0.0.1 by default),
// so an operator can profile a loaded MCP: go tool pprof http://…/debug/pprof/profile
func profiling() map[string]http.Handler {
	return map[string]http.Handler{
		"/debug/pprof/":        http.HandlerFunc(pprof.Index),
		"/debug/pprof/profile": http.HandlerFunc(pprof.Profile),
		"/debug/pprof/symbol":  http.HandlerFunc(pprof.Symbol),
		"/debug/pprof/trace":   http.HandlerFunc(pprof.Trace),
	}
}
