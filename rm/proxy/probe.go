package proxy

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/emiago/sipgo/sip"
)

// Probe sends an OPTIONS to the MCP at addr (host:port) from the proxy's
// socket, over the MCP's transport, else UDP when the proxy listens on
// UDP, and returns the final status. It implements health.Prober.
func (p *Proxy) Probe(ctx context.Context, addr string) (int, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	n, _ := strconv.Atoi(port)
	transport := "UDP"
	if p.udp == nil {
		transport = "TCP"
	}
	if n := p.deps.Pool.Node(addr); n != nil && n.Transport != "" {
		transport = n.Transport
	}
	req := sip.NewRequest(sip.OPTIONS, sip.Uri{Scheme: "sip", Host: host, Port: n})
	req.AppendHeader(p.via(transport))
	from := &sip.FromHeader{Address: sip.Uri{Scheme: "sip", User: "reel-rm", Host: p.me.host}, Params: sip.NewParams()}
	from.Params.Add("tag", sip.GenerateTagN(12))
	req.AppendHeader(from)
	req.AppendHeader(&sip.ToHeader{Address: req.Recipient})
	id := sip.CallIDHeader("probe-" + sip.GenerateTagN(16))
	req.AppendHeader(&id)
	req.AppendHeader(&sip.CSeqHeader{SeqNo: 1, MethodName: sip.OPTIONS})
	mf := sip.MaxForwardsHeader(defaultMaxForwards)
	req.AppendHeader(&mf)
	req.SetBody(nil)
	req.SetTransport(transport)
	req.SetDestination(addr)
	if transport == "UDP" {
		req.Laddr = p.me.udpAddr
	}
	res, err := p.cli.Do(ctx, req, keep)
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}
