package sdk

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/reel-project/reel/plugins/sdk/internal/wire"
)

// The go-plugin handshake. A host only starts plugins whose handshake
// matches; ProtocolVersion is the contract's major version (plugins/proto/v1)
// and changes only with an incompatible contract.
const (
	MagicCookieKey   = "REEL_PLUGIN_MAGIC_COOKIE"
	MagicCookieValue = "d3f0a0f2-reel-plugin-recordings"
	ProtocolVersion  = 1
)

// Serve runs p as a plugin process and returns when the host is done with
// it. It exits with status 1, after a message on stderr, when p implements
// no kind, the process was not started by a host or its host is gone, and
// with status 0 on SIGTERM.
func Serve(p Plugin) {
	if len(kindsOf(p)) == 0 {
		fmt.Fprintf(stderr, "%s: %v\n", p.Info().Name, ErrNoKind)
		os.Exit(1)
	}
	watchHost(p.Info().Name)
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  ProtocolVersion,
			MagicCookieKey:   MagicCookieKey,
			MagicCookieValue: MagicCookieValue,
		},
		Plugins:    plugin.PluginSet{wire.PluginKey: &grpcPlugin{p: p}},
		GRPCServer: newServer,
		Logger:     serveLogger(p.Info().Name),
	})
}

// newServer is the plugin's gRPC server, on top of go-plugin's options
// (TLS): receive windows and a read buffer sized for objects streamed in
// chunks of up to MaxChunkSize.
func newServer(opts []grpc.ServerOption) *grpc.Server {
	return grpc.NewServer(append(opts,
		grpc.InitialWindowSize(wire.StreamWindow),
		grpc.InitialConnWindowSize(wire.ConnWindow),
		grpc.ReadBufferSize(wire.ReadBufferSize),
	)...)
}

// serveLogger is go-plugin's own logger inside the plugin process.
func serveLogger(name string) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{
		Name:       name,
		Output:     stderr,
		JSONFormat: true,
		Level:      hclog.LevelFromString(hclogLevel(logLevel())),
	})
}

var errHostSide = errors.New("sdk: the host side of a plugin is package host")

// grpcPlugin is the plugin side of go-plugin's dispense mechanism.
type grpcPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	p Plugin
}

func (g *grpcPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	return Register(s, g.p)
}

func (g *grpcPlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (any, error) {
	return nil, errHostSide
}
