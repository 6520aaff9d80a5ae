package admit

import (
	"net"
)

// Listener wraps l, a TCP or TLS (transport) listener: in silent mode a
// connection from a source not allowed is closed as soon as it is
// accepted. Wrap the TCP listener before TLS, so that no handshake is
// spent on it.
func (g *Gate) Listener(l net.Listener, transport string) net.Listener {
	if !g.cfg.Silent {
		return l
	}
	return &listener{Listener: l, g: g, transport: transport}
}

type listener struct {
	net.Listener
	g         *Gate
	transport string
}

func (l *listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if !l.g.Drop(l.transport, c.RemoteAddr()) {
			return c, nil
		}
		_ = c.Close()
	}
}
