package proxy

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// self is how the proxy recognises URIs that point at itself and what it
// puts in Via and Record-Route.
type self struct {
	host    string   // advertised host
	hosts   []string // every host naming us, lower case
	udpPort int      // 0 when UDP is off
	tcpPort int
	tlsPort int
	udpAddr sip.Addr // the UDP listener, so requests leave from it

	// Record-Route of the INVITEs forwarded over UDP and TCP: one header
	// shared by all of them, never changed.
	rrUDP, rrTCP, rrTLS *sip.RecordRouteHeader
}

func (p *Proxy) listen() error {
	// With port 0 UDP picks the port and TCP must get the same one, which
	// another process may hold: then try another pair.
	tries := 1
	if portOf(p.cfg.Listen) == 0 {
		tries = 20
	}
	var err error
	for range tries {
		if err = p.listenOnce(); err == nil || !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
		p.closeListeners()
		p.udp, p.tcp = nil, nil
	}
	if err != nil {
		return err
	}
	p.me = p.identity()
	return nil
}

// listenOnce binds the configured transports, TCP on UDP's port.
func (p *Proxy) listenOnce() error {
	var err error
	if slices.Contains(p.cfg.Transports, "udp") {
		if p.udp, err = net.ListenPacket("udp", p.cfg.Listen); err != nil {
			return fmt.Errorf("proxy: listen udp %s: %w", p.cfg.Listen, err)
		}
	}
	if slices.Contains(p.cfg.Transports, "tcp") {
		addr := p.cfg.Listen
		if p.udp != nil { // the same port for both, also when it was 0
			addr = net.JoinHostPort(hostOf(p.cfg.Listen), strconv.Itoa(portOf(p.udp.LocalAddr().String())))
		}
		if p.tcp, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("proxy: listen tcp %s: %w", addr, err)
		}
	}
	if slices.Contains(p.cfg.Transports, "tls") {
		if p.tls, err = net.Listen("tcp", p.cfg.TLSListen); err != nil {
			return fmt.Errorf("proxy: listen tls %s: %w", p.cfg.TLSListen, err)
		}
	}
	return nil
}

// identity works out our advertised host and the names that mean us.
func (p *Proxy) identity() self {
	var s self
	if p.udp != nil {
		s.udpPort = portOf(p.udp.LocalAddr().String())
		ap, _ := netip.ParseAddrPort(p.udp.LocalAddr().String())
		s.udpAddr = sip.Addr{IP: net.IP(ap.Addr().AsSlice()), Port: s.udpPort}
	}
	if p.tcp != nil {
		s.tcpPort = portOf(p.tcp.Addr().String())
	}
	if p.tls != nil {
		s.tlsPort = portOf(p.tls.Addr().String())
	}
	listen := hostOf(p.cfg.Listen)
	s.host = p.cfg.Advertise
	if a, err := netip.ParseAddr(listen); listen == "" || (err == nil && a.IsUnspecified()) {
		s.hosts = localAddrs()
		if s.host == "" {
			s.host = firstIPv4()
		}
	} else if s.host == "" {
		s.host = listen
	}
	s.hosts = append(s.hosts, strings.ToLower(s.host), strings.ToLower(listen))
	s.rrUDP = &sip.RecordRouteHeader{Address: sip.Uri{Scheme: "sip", Host: s.host, Port: s.udpPort,
		UriParams: sip.HeaderParams{{K: "lr"}}}}
	s.rrTCP = &sip.RecordRouteHeader{Address: sip.Uri{Scheme: "sip", Host: s.host, Port: s.tcpPort,
		UriParams: sip.HeaderParams{{K: "transport", V: "tcp"}, {K: "lr"}}}}
	s.rrTLS = &sip.RecordRouteHeader{Address: sip.Uri{Scheme: "sip", Host: s.host, Port: s.tlsPort,
		UriParams: sip.HeaderParams{{K: "transport", V: "tls"}, {K: "lr"}}}}
	return s
}

// recordRoute keeps the proxy in the path of a dialog whose INVITE it
// forwards over transport (loose routing). Read-only: it is shared.
func (s *self) recordRoute(transport string) *sip.RecordRouteHeader {
	switch transport {
	case "TCP":
		return s.rrTCP
	case "TLS":
		return s.rrTLS
	}
	return s.rrUDP
}

// stack builds sipgo's layers, server and client.
func (p *Proxy) stack() error {
	sl := p.log.With("component", "sipgo")
	p.parser = sip.NewParser()
	sua, err := sipgo.NewUA(
		sipgo.WithUserAgentParser(p.parser),
		sipgo.WithUserAgenTLSConfig(p.clientTLS()),
		sipgo.WithUserAgent(p.cfg.UserAgent),
		sipgo.WithUserAgentHostname(p.me.host),
		sipgo.WithUserAgentTransactionLayerOptions(sip.WithTransactionLayerLogger(sl),
			sip.WithTransactionLayerUnhandledResponseHandler(p.onStray)),
		sipgo.WithUserAgentTransportLayerOptions(sip.WithTransportLayerLogger(sl),
			sip.WithTransportLayerReadFilter(p.readFilter)),
	)
	if err != nil {
		return fmt.Errorf("proxy: sipgo: %w", err)
	}
	p.sua = sua
	if p.srv, err = sipgo.NewServer(sua, sipgo.WithServerLogger(sl)); err != nil {
		return fmt.Errorf("proxy: sipgo server: %w", err)
	}
	if p.cli, err = sipgo.NewClient(sua, sipgo.WithClientLogger(sl), sipgo.WithClientHostname(p.me.host)); err != nil {
		return fmt.Errorf("proxy: sipgo client: %w", err)
	}
	return nil
}

func (p *Proxy) closeListeners() {
	if p.udp != nil {
		_ = p.udp.Close()
	}
	if p.tcp != nil {
		_ = p.tcp.Close()
	}
	if p.tls != nil {
		_ = p.tls.Close()
	}
}

// isUs reports whether uri points at this proxy.
func (p *Proxy) isUs(uri *sip.Uri) bool {
	port := uri.Port
	if port == 0 {
		port = 5060
	}
	if port != p.me.udpPort && port != p.me.tcpPort && port != p.me.tlsPort {
		return false
	}
	return slices.Contains(p.me.hosts, strings.ToLower(strings.Trim(uri.Host, "[]")))
}

// port returns our listening port for transport ("UDP", "TCP", "TLS").
func (p *Proxy) port(transport string) int {
	if transport == "TLS" {
		return p.me.tlsPort
	}
	if sip.IsReliable(transport) {
		return p.me.tcpPort
	}
	return p.me.udpPort
}

func hostOf(hostport string) string {
	h, _, _ := net.SplitHostPort(hostport)
	return h
}

func portOf(hostport string) int {
	_, p, _ := net.SplitHostPort(hostport)
	n, _ := strconv.Atoi(p)
	return n
}

// firstIPv4 is the first IPv4 address of an up, non-loopback interface.
func firstIPv4() string {
	for _, a := range localAddrs() {
		if ip, err := netip.ParseAddr(a); err == nil && ip.Is4() && !ip.IsLoopback() {
			return a
		}
	}
	return "127.0.0.1"
}

// localAddrs lists the addresses of every interface, "localhost" included.
func localAddrs() []string {
	out := []string{"localhost"}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if pfx, err := netip.ParsePrefix(a.String()); err == nil {
			out = append(out, pfx.Addr().String())
		}
	}
	return out
}
