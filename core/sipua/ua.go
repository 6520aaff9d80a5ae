package sipua

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"

	"github.com/reel-project/reel/core/logging"
)

// UA is the SIP user agent of reel-mcp. All its methods are safe for
// concurrent use.
type UA struct {
	cfg   Config
	media Media
	log   *slog.Logger

	sua *sipgo.UserAgent
	srv *sipgo.Server
	cli *sipgo.Client
	udp net.PacketConn // nil when UDP is disabled
	tcp net.Listener   // nil when TCP is disabled
	tls net.Listener   // nil when TLS is disabled

	ctx      context.Context // cancelled when Serve returns
	cancel   context.CancelFunc
	serving  atomic.Bool
	draining atomic.Bool
	dialogs  registry

	parser  *sip.Parser     // the stack's, shared with readFilter
	wireLog logging.Limiter // malformed datagrams logged per source address

	infoMu sync.RWMutex
	info   map[string]InfoHandler // by mediaType

	hmu      sync.Mutex // guards stopped and inflight.Add
	stopped  bool
	inflight sync.WaitGroup // running request handlers
}

// New binds the listeners of cfg and builds the UA; Serve runs it and
// releases the sockets when it returns. log may be nil.
func New(cfg Config, media Media, log *slog.Logger) (*UA, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if media == nil {
		return nil, fmt.Errorf("%w: nil Media", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	u := &UA{cfg: cfg, media: media, log: log, info: make(map[string]InfoHandler)}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.dialogs.m = make(map[string]*Dialog)
	if err := u.listen(); err != nil {
		u.closeListeners()
		return nil, err
	}
	if err := u.stack(); err != nil {
		u.closeListeners()
		return nil, err
	}
	u.routes()
	return u, nil
}

func (u *UA) listen() error {
	var err error
	if u.cfg.ListenUDP != "" {
		if u.udp, err = net.ListenPacket("udp", u.cfg.ListenUDP); err != nil {
			return fmt.Errorf("sipua: listen udp %s: %w", u.cfg.ListenUDP, err)
		}
	}
	if u.cfg.ListenTCP != "" {
		if u.tcp, err = net.Listen("tcp", u.cfg.ListenTCP); err != nil {
			return fmt.Errorf("sipua: listen tcp %s: %w", u.cfg.ListenTCP, err)
		}
	}
	if u.cfg.ListenTLS != "" {
		if u.tls, err = net.Listen("tcp", u.cfg.ListenTLS); err != nil {
			return fmt.Errorf("sipua: listen tls %s: %w", u.cfg.ListenTLS, err)
		}
	}
	return nil
}

// MaxMessage is the largest SIP message the stack reads (over TCP; a UDP
// datagram is smaller anyway). It is well above any Config.MaxBody, so an
// over-size body is read and answered 413 rather than dropped with its
// connection, as sipgo's default 64 KiB limit would.
const MaxMessage = 2 << 20

// stack builds sipgo's transport and transaction layers, server and client.
func (u *UA) stack() error {
	sl := slog.New(logging.SIPStack(u.log.Handler())).With("component", "sipgo")
	u.parser = sip.NewParser(func(p *sip.Parser) { p.MaxMessageLength = MaxMessage })
	sua, err := sipgo.NewUA(
		sipgo.WithUserAgenTLSConfig(clientTLS(u.cfg.TLS)),
		sipgo.WithUserAgent(u.cfg.UserAgent),
		sipgo.WithUserAgentHostname(u.cfg.ContactHost),
		sipgo.WithUserAgentTransactionLayerOptions(sip.WithTransactionLayerLogger(sl)),
		sipgo.WithUserAgentTransportLayerOptions(sip.WithTransportLayerLogger(sl),
			sip.WithTransportLayerReadFilter(u.readFilter)),
		sipgo.WithUserAgentParser(u.parser),
	)
	if err != nil {
		return fmt.Errorf("sipua: sipgo: %w", err)
	}
	u.sua = sua
	if u.srv, err = sipgo.NewServer(sua, sipgo.WithServerLogger(sl)); err != nil {
		return fmt.Errorf("sipua: sipgo server: %w", err)
	}
	u.cli, err = sipgo.NewClient(sua, sipgo.WithClientLogger(sl), sipgo.WithClientHostname(u.cfg.ContactHost))
	if err != nil {
		return fmt.Errorf("sipua: sipgo client: %w", err)
	}
	return nil
}

func (u *UA) routes() {
	u.srv.OnInvite(u.guard(u.onInvite))
	u.srv.OnAck(u.guard(u.onAck))
	u.srv.OnBye(u.guard(u.onBye))
	u.srv.OnCancel(u.guard(u.onCancel))
	u.srv.OnOptions(u.guard(u.onOptions))
	u.srv.OnInfo(u.guard(u.onInfo))
	u.srv.OnUpdate(u.guard(u.onUpdate))
	u.srv.OnNoRoute(u.guard(u.onUnsupported))
}

// TLSAddr returns the bound TLS address; nil when TLS is disabled.
func (u *UA) TLSAddr() net.Addr {
	if u.tls == nil {
		return nil
	}
	return u.tls.Addr()
}

// Addr returns the bound addresses; nil for a disabled transport.
func (u *UA) Addr() (udp, tcp net.Addr) {
	if u.udp != nil {
		udp = u.udp.LocalAddr()
	}
	if u.tcp != nil {
		tcp = u.tcp.Addr()
	}
	return udp, tcp
}

// SetDraining makes new INVITEs and out-of-dialog OPTIONS answer 503 (with
// Retry-After) while on; requests inside existing dialogs are still served.
func (u *UA) SetDraining(on bool) { u.draining.Store(on) }

// Dialogs returns the number of live dialogs: from the 200 OK of their
// INVITE to their end.
func (u *UA) Dialogs() int { return u.dialogs.len() }

// contact returns our Contact header for a transport ("UDP", "TCP", "TLS").
func (u *UA) contact(transport string) *sip.ContactHeader {
	port := u.cfg.ContactPort
	if port == 0 {
		port = u.boundPort(transport)
	}
	c := &sip.ContactHeader{Address: sip.Uri{Scheme: "sip", Host: u.cfg.ContactHost, Port: port}}
	if sip.IsReliable(transport) {
		c.Address.UriParams = sip.HeaderParams{{K: "transport", V: sip.NetworkToLower(transport)}}
	}
	return c
}

func (u *UA) boundPort(transport string) int {
	var a net.Addr
	if transport == "TLS" && u.tls != nil {
		a = u.tls.Addr()
	} else if sip.IsReliable(transport) && u.tcp != nil {
		a = u.tcp.Addr()
	} else if u.udp != nil {
		a = u.udp.LocalAddr()
	}
	if a == nil {
		return 0
	}
	_, p, _ := net.SplitHostPort(a.String())
	port, _ := strconv.Atoi(p)
	return port
}
