package proxy

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
	"github.com/reel-project/reel/rm"
	"github.com/reel-project/reel/rm/profile"
)

// Config is what the proxy needs from reel-rm's configuration.
type Config struct {
	Listen          string   // host:port for UDP and TCP
	Transports      []string // "udp", "tcp", "tls"
	TLSListen       string   // host:port of the TLS listener (Transports lists "tls")
	Advertise       string   // host in Via and Record-Route; "" derives it
	UserAgent       string   // Server header of our own answers; "" none
	FailoverTimeout time.Duration
	InviteTimeout   time.Duration
	MaxAttempts     int
	DialogTimeout   time.Duration
	// TLS is the listener's certificate material, also presented to MCPs
	// reached over TLS; required with "tls".
	TLS *siptls.TLS
	// Gate decides which sources may talk; nil admits everyone.
	Gate *admit.Gate
}

// Picker picks the MCP of each attempt (rm/balance implements it).
type Picker interface {
	Pick(g *rm.Group, key string, tried []*rm.Node) *rm.Node
}

// Reporter hears about INVITE attempts that got no answer (rm/health).
type Reporter interface {
	Report(n *rm.Node, err error)
}

// Observer counts what the proxy does (rm/status implements it). Its
// methods are called concurrently and must not block.
type Observer interface {
	// Attempt: an initial INVITE attempt on n ended with outcome
	// ("answered", "failover", "cancelled").
	Attempt(n *rm.Node, outcome string)
	// Answered: the final status sent upstream for a request of method.
	Answered(method string, code int)
	// Forwarded: the time from an initial INVITE's arrival to its
	// departure to the first MCP.
	Forwarded(d time.Duration)
	// Profile: the profile rule that decided an initial INVITE's profile.
	Profile(rule string)
}

// Deps are the parts of reel-rm the proxy uses.
type Deps struct {
	Pool     *rm.Pool
	Calls    *rm.Calls
	Picker   Picker
	Profiles profile.Rules
	Health   Reporter // nil: none
	Observer Observer // nil: none
	Log      *slog.Logger
}

func (c Config) validate() error {
	switch {
	case len(c.Transports) == 0:
		return fmt.Errorf("%w: no transport", ErrConfig)
	case slices.ContainsFunc(c.Transports, func(t string) bool { return t != "udp" && t != "tcp" && t != "tls" }):
		return fmt.Errorf("%w: transports %v", ErrConfig, c.Transports)
	case slices.Contains(c.Transports, "tls") && (c.TLS == nil || c.TLSListen == ""):
		return fmt.Errorf("%w: tls without TLSListen and TLS material", ErrConfig)
	case c.FailoverTimeout <= 0 || c.InviteTimeout < c.FailoverTimeout || c.MaxAttempts < 1 || c.DialogTimeout <= 0:
		return fmt.Errorf("%w: timeouts or attempts out of range", ErrConfig)
	}
	return nil
}

func (d Deps) validate() error {
	if d.Pool == nil || d.Calls == nil || d.Picker == nil {
		return fmt.Errorf("%w: Pool, Calls and Picker are required", ErrConfig)
	}
	return nil
}

// nopObserver is used when Deps.Observer is nil.
type nopObserver struct{}

func (nopObserver) Attempt(*rm.Node, string) {}
func (nopObserver) Answered(string, int)     {}
func (nopObserver) Forwarded(time.Duration)  {}
func (nopObserver) Profile(string)           {}
