package admit

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/reel-project/reel/core/logging"
)

// ErrConfig wraps every configuration error.
var ErrConfig = errors.New("admit")

// Config is one listener's admission policy. The zero value admits
// everyone without limit.
type Config struct {
	// Allow lists the source prefixes admitted on every transport; empty:
	// every source.
	Allow []netip.Prefix
	// AllowTransport replaces Allow for a transport ("UDP", "TCP", "TLS").
	AllowTransport map[string][]netip.Prefix
	// Silent refuses a source not allowed with silence instead of 403.
	Silent bool
	// InviteRate is the number of initial INVITEs per second one source
	// address may send, on average; 0: no limit. InviteBurst is how many
	// it may send at once (at least 1).
	InviteRate  float64
	InviteBurst int
	// RetryAfter is the Retry-After of the 503 beyond the rate.
	RetryAfter time.Duration
	// Log gets a line per refusal, at most a few a minute per source
	// (logging.Limiter); nil: none.
	Log *slog.Logger
}

// ParsePrefixes parses CIDR prefixes ("10.0.0.0/8") or single addresses
// ("192.0.2.7", taken as /32 or /128); key names the setting in errors.
func ParsePrefixes(key string, list []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(list))
	for i, s := range list {
		s = strings.TrimSpace(s)
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%w: %s[%d]: %q is neither a CIDR prefix nor an address", ErrConfig, key, i, s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// Verdict is what Admit decides about a request.
type Verdict int

// Verdicts.
const (
	Pass      Verdict = iota
	Forbidden         // answer 403
	Ignore            // answer nothing (silent mode)
	Busy              // answer 503 with Retry-After
)

// Gate applies a Config. Safe for concurrent use.
type Gate struct {
	cfg     Config
	refused *prometheus.CounterVec

	total   atomic.Uint64
	logLim  logging.Limiter
	mu      sync.Mutex
	sources map[netip.Addr]*rate.Limiter
	pruned  time.Time
}

// MetricRefused counts requests and connections refused, by transport and
// reason ("source": not allowed; "rate": over the INVITE rate).
const MetricRefused = "reel_sip_refused_total"

// New checks cfg and returns its Gate.
func New(cfg Config) (*Gate, error) {
	if cfg.InviteRate < 0 {
		return nil, fmt.Errorf("%w: negative INVITE rate", ErrConfig)
	}
	cfg.InviteBurst = max(cfg.InviteBurst, 1)
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = 5 * time.Second
	}
	return &Gate{cfg: cfg, sources: make(map[netip.Addr]*rate.Limiter),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: MetricRefused,
			Help: "SIP requests and connections refused, by transport and reason (source: not in the allow-list; rate: over the INVITE rate)."},
			[]string{"transport", "reason"})}, nil
}

// Refusals is the number of refusals so far, every transport and reason.
func (g *Gate) Refusals() uint64 { return g.total.Load() }

// RetryAfter is the Retry-After of a Busy verdict.
func (g *Gate) RetryAfter() time.Duration { return g.cfg.RetryAfter }

// Allowed reports whether a source address may talk over transport.
func (g *Gate) Allowed(transport string, a netip.Addr) bool {
	list, ok := g.cfg.AllowTransport[transport]
	if !ok {
		list = g.cfg.Allow
	}
	if len(list) == 0 {
		return true
	}
	a = a.Unmap()
	return slices.ContainsFunc(list, func(p netip.Prefix) bool { return p.Contains(a) })
}

// Drop reports whether a message from remote over transport is dropped
// before parsing: silent mode and a source not allowed.
func (g *Gate) Drop(transport string, remote net.Addr) bool {
	if !g.cfg.Silent || g.Allowed(transport, addrOf(remote.String())) {
		return false
	}
	g.refuse(transport, remote.String(), "source")
	return true
}

// Admit decides about a request from source (host:port) over transport;
// initialInvite is an INVITE without a To tag.
func (g *Gate) Admit(transport, source string, initialInvite bool) Verdict {
	a := addrOf(source)
	if !g.Allowed(transport, a) {
		g.refuse(transport, source, "source")
		if g.cfg.Silent {
			return Ignore
		}
		return Forbidden
	}
	if initialInvite && g.cfg.InviteRate > 0 && !g.limiter(a).Allow() {
		g.refuse(transport, source, "rate")
		return Busy
	}
	return Pass
}

// refuse counts a refusal and logs it, within the log limit.
func (g *Gate) refuse(transport, source, reason string) {
	g.refused.WithLabelValues(transport, reason).Inc()
	g.total.Add(1)
	if g.cfg.Log == nil {
		return
	}
	if ok, suppressed := g.logLim.Allow(addrOf(source).String()); ok {
		g.cfg.Log.Info("sip source refused", "source", source, "transport", transport, "reason", reason,
			"silent", g.cfg.Silent, "suppressed", suppressed)
	}
}

// maxSources is the number of sources tracked before idle ones are
// forgotten.
const maxSources = 4096

// limiter returns the source's token bucket.
func (g *Gate) limiter(a netip.Addr) *rate.Limiter {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.sources[a]
	if !ok {
		if len(g.sources) >= maxSources {
			g.prune()
		}
		l = rate.NewLimiter(rate.Limit(g.cfg.InviteRate), g.cfg.InviteBurst)
		g.sources[a] = l
	}
	return l
}

// prune forgets sources whose bucket is full again (they have been quiet
// for a burst's worth of time), at most once a second; a full bucket is
// what a new source gets, so nothing changes for them.
func (g *Gate) prune() {
	now := time.Now()
	if now.Sub(g.pruned) < time.Second {
		return
	}
	g.pruned = now
	for a, l := range g.sources {
		if l.TokensAt(now) >= float64(g.cfg.InviteBurst) {
			delete(g.sources, a)
		}
	}
}

// addrOf is the address of host:port (or of a bare address); the zero
// Addr when it is neither, which no prefix contains.
func addrOf(s string) netip.Addr {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap()
	}
	a, _ := netip.ParseAddr(strings.Trim(s, "[]"))
	return a.Unmap()
}

// Describe implements prometheus.Collector.
func (g *Gate) Describe(ch chan<- *prometheus.Desc) { g.refused.Describe(ch) }

// Collect implements prometheus.Collector.
func (g *Gate) Collect(ch chan<- prometheus.Metric) { g.refused.Collect(ch) }
