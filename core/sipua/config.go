package sipua

import (
	"fmt"
	"net"
	"time"

	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/internal/admit"
	"github.com/reel-project/reel/internal/siptls"
)

// Config is the UA's listening and protocol settings. The zero value of every
// field but the listen addresses means "use the default".
type Config struct {
	// ListenUDP and ListenTCP are host:port to bind ("" disables that
	// transport, port 0 picks a free one). At least one must be set.
	ListenUDP string
	ListenTCP string
	// ListenTLS is host:port of the SIP-over-TLS listener; "" disables it.
	// TLS must then be set.
	ListenTLS string
	// TLS is the certificate material of the TLS listener, and of the
	// connections the UA opens over TLS (in-dialog requests to a TLS route).
	TLS *siptls.TLS
	// Gate decides which sources may talk (allow-list, INVITE rate); nil
	// admits everyone.
	Gate *admit.Gate
	// ContactHost is the host put in Contact and Via. It defaults to the
	// listen host and is required when that host is unspecified (0.0.0.0, ::).
	ContactHost string
	// ContactPort overrides the port in Contact (for NAT or a load balancer in
	// front); 0 means the bound port of the transport the request came on.
	ContactPort int
	// UserAgent goes in Server and User-Agent headers, e.g. "Reel/0.3.0".
	UserAgent string
	// MaxBody is the largest request body accepted, in bytes; larger → 413.
	MaxBody int
	// AckTimeout is how long a 200 OK to an INVITE waits for its ACK before
	// the dialog is torn down. Default 64*T1 (32 s), RFC 3261 §13.3.1.4.
	AckTimeout time.Duration
	// RetryAfter is the Retry-After of a 503 when draining or full.
	RetryAfter time.Duration
	// MinSE is the smallest Session-Expires accepted (RFC 4028); a shorter
	// one is answered 422. Default DefaultMinSE (90 s, the RFC's minimum).
	MinSE time.Duration
	// NoSessionTimers ignores Session-Expires: no session is timed.
	NoSessionTimers bool
}

// Defaults used for zero fields.
const (
	DefaultUserAgent  = "Reel"
	DefaultMaxBody    = 64 << 10
	DefaultRetryAfter = 30 * time.Second
)

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.AckTimeout <= 0 {
		c.AckTimeout = 64 * sip.T1
	}
	if c.MinSE <= 0 {
		c.MinSE = DefaultMinSE
	}
	if c.RetryAfter <= 0 {
		c.RetryAfter = DefaultRetryAfter
	}
	if c.ContactHost == "" {
		c.ContactHost = listenHost(c.ListenUDP, c.ListenTCP, c.ListenTLS)
	}
	return c
}

// Validate reports the first setting that cannot work, defaults applied.
func (c Config) Validate() error {
	c = c.withDefaults()
	if c.ListenUDP == "" && c.ListenTCP == "" && c.ListenTLS == "" {
		return fmt.Errorf("%w: none of ListenUDP, ListenTCP, ListenTLS is set", ErrConfig)
	}
	if c.ListenTLS != "" && c.TLS == nil {
		return fmt.Errorf("%w: ListenTLS without TLS material", ErrConfig)
	}
	for _, a := range []string{c.ListenUDP, c.ListenTCP, c.ListenTLS} {
		if _, _, err := net.SplitHostPort(a); a != "" && err != nil {
			return fmt.Errorf("%w: listen address %q: %w", ErrConfig, a, err)
		}
	}
	if c.ContactHost == "" {
		return fmt.Errorf("%w: ContactHost is required when listening on all interfaces", ErrConfig)
	}
	if c.ContactPort < 0 || c.ContactPort > 65535 {
		return fmt.Errorf("%w: ContactPort %d out of range", ErrConfig, c.ContactPort)
	}
	return nil
}

// listenHost returns the first specific host of the listen addresses, or "".
func listenHost(addrs ...string) string {
	for _, a := range addrs {
		host, _, err := net.SplitHostPort(a)
		if err != nil || host == "" {
			continue
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			continue
		}
		return host
	}
	return ""
}
