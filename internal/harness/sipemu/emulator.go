package sipemu

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// Emulator is one SIP Server instance: a UA on 127.0.0.1 that opens dialogs
// to the MCP and answers the requests the MCP sends back (INFO, BYE).
type Emulator struct {
	mcp       string
	transport string
	serverTLS *tls.Config // the listener's, with transport "tls"
	ua        *sipgo.UserAgent
	srv       *sipgo.Server
	cli       *sipgo.Client
	dua       *sipgo.DialogUA
	cancel    context.CancelFunc

	mu   sync.Mutex
	legs map[string]*Leg
}

// New starts an emulator that talks to the MCP at mcp (host:port) over
// transport ("udp" or "tcp").
func New(mcp, transport string) (*Emulator, error) {
	return newEmulator(mcp, transport, nil, nil)
}

// NewTLS starts an emulator that talks SIP over TLS: client is the
// configuration of the connections it opens (roots, a client certificate
// for mutual TLS), server that of its own listener, where in-dialog
// requests (BYE, INFO) reach it. Request-URIs name transport=tls.
func NewTLS(mcp string, client, server *tls.Config) (*Emulator, error) {
	return newEmulator(mcp, "tls", client, server)
}

func newEmulator(mcp, transport string, client, server *tls.Config) (*Emulator, error) {
	port, err := freePort(transport)
	if err != nil {
		return nil, err
	}
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("sipemu"), sipgo.WithUserAgenTLSConfig(client))
	if err != nil {
		return nil, err
	}
	e := &Emulator{mcp: mcp, transport: transport, serverTLS: server, ua: ua, legs: map[string]*Leg{}}
	if e.srv, err = sipgo.NewServer(ua, sipgo.WithServerLogger(quietLog())); err != nil {
		return nil, err
	}
	// rport (WithClientNAT): requests to an MCP Contact on the host's
	// address leave from another socket than the 127.0.0.1 listener; the
	// answer must come back to that socket, not to the Via port.
	e.cli, err = sipgo.NewClient(ua, sipgo.WithClientHostname("127.0.0.1"), sipgo.WithClientPort(port), sipgo.WithClientNAT(),
		sipgo.WithClientLogger(quietLog()))
	if err != nil {
		return nil, err
	}
	contact := sip.ContactHeader{Address: sip.Uri{User: "sipserver", Host: "127.0.0.1", Port: port,
		UriParams: sip.HeaderParams{{K: "transport", V: transport}}}}
	e.dua = &sipgo.DialogUA{Client: e.cli, ContactHDR: contact}
	e.srv.OnBye(e.onBye)
	e.srv.OnInfo(e.onInfo)
	e.srv.OnAck(func(*sip.Request, sip.ServerTransaction) {})
	return e, e.listen(port)
}

func (e *Emulator) listen(port int) error {
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	ready := make(chan struct{})
	//lint:ignore SA1029 sipgo defines its listen-ready key as a plain string
	ctx = context.WithValue(ctx, sipgo.ListenReadyCtxKey, sipgo.ListenReadyCtxValue(ready))
	errc := make(chan error, 1)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	go func() {
		if e.transport == "tls" {
			errc <- e.srv.ListenAndServeTLS(ctx, "tls", addr, e.serverTLS)
			return
		}
		errc <- e.srv.ListenAndServe(ctx, e.transport, addr)
	}()
	select {
	case <-ready:
		return nil
	case err := <-errc:
		cancel()
		return fmt.Errorf("sipemu: listen: %w", err)
	}
}

// Close ends the emulator's listener and UA (it sends no BYEs).
func (e *Emulator) Close() error {
	e.cancel()
	return e.ua.Close()
}

func (e *Emulator) leg(req *sip.Request) *Leg {
	e.mu.Lock()
	defer e.mu.Unlock()
	if id := req.CallID(); id != nil {
		return e.legs[id.Value()]
	}
	return nil
}

func (e *Emulator) onBye(req *sip.Request, tx sip.ServerTransaction) {
	l := e.leg(req)
	if l == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, 481, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, 200, "OK", nil))
	l.remoteBye()
}

func (e *Emulator) onInfo(req *sip.Request, tx sip.ServerTransaction) {
	l := e.leg(req)
	if l == nil {
		_ = tx.Respond(sip.NewResponseFromRequest(req, 481, "Call/Transaction Does Not Exist", nil))
		return
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, 200, "OK", nil))
	l.addInfo(req)
}

func freePort(transport string) (int, error) {
	if transport == "tcp" || transport == "tls" {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		defer l.Close()
		return l.Addr().(*net.TCPAddr).Port, nil
	}
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port, nil
}

func quietLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(discard{}, &slog.HandlerOptions{Level: slog.LevelError + 4}))
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Options sends an out-of-dialog OPTIONS (an RM health check) to uri.
func (e *Emulator) Options(ctx context.Context, uri string) (*sip.Response, error) {
	var u sip.Uri
	if err := sip.ParseUri(uri, &u); err != nil {
		return nil, err
	}
	req := sip.NewRequest(sip.OPTIONS, u)
	req.SetTransport(strings.ToUpper(e.transport))
	return e.cli.Do(ctx, req)
}
