package host

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/internal/wire"
)

// Launch starts the plugin binary at path, completes go-plugin's handshake
// (AutoMTLS on, gRPC only) and asks the plugin who it is. ctx's deadline, if
// earlier than the start timeout, bounds the start. The process runs until
// Close; the caller then Configures it.
func Launch(ctx context.Context, path string, opts ...Option) (*Client, error) {
	o := newOptions(path, opts)
	proc := plugin.NewClient(clientConfig(ctx, path, &o))
	c, err := dispense(ctx, proc, o)
	if err != nil {
		proc.Kill()
		return nil, fmt.Errorf("launch plugin %q (%s): %w", o.name, path, err)
	}
	return c, nil
}

func dispense(ctx context.Context, proc *plugin.Client, o options) (*Client, error) {
	rpc, err := proc.Client()
	if err != nil {
		return nil, err
	}
	raw, err := rpc.Dispense(wire.PluginKey)
	if err != nil {
		return nil, err
	}
	c := &Client{opts: o, conn: raw.(*grpc.ClientConn), proc: proc}
	if err := c.handshake(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

func clientConfig(ctx context.Context, path string, o *options) *plugin.ClientConfig {
	cmd := exec.Command(path)
	cmd.SysProcAttr = procAttr()
	// The host's level wins over one inherited from its own environment.
	cmd.Env = append(os.Environ(), sdk.LogLevelEnv+"="+levelOf(o.log).String())
	cfg := &plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  sdk.ProtocolVersion,
			MagicCookieKey:   sdk.MagicCookieKey,
			MagicCookieValue: sdk.MagicCookieValue,
		},
		Plugins:          plugin.PluginSet{wire.PluginKey: hostPlugin{}},
		Cmd:              cmd,
		SkipHostEnv:      true, // cmd.Env has it already
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		GRPCDialOptions:  dialOptions(),
		StartTimeout:     startTimeout(ctx, o.startTimeout),
		Logger:           newHCLogger(o.logger()),
		SyncStdout:       newLineLogger(o.logger(), slog.LevelInfo, "stdout"),
		SyncStderr:       newLineLogger(o.logger(), slog.LevelWarn, "stderr"),
	}
	if o.checksum != nil {
		cfg.SecureConfig = &plugin.SecureConfig{Checksum: o.checksum, Hash: sha256.New()}
	}
	return cfg
}

// dialOptions tune the host's end of the connection for sending objects:
// a chunk goes to the socket in one write pass. The plugin's end is tuned
// by sdk.Serve.
func dialOptions() []grpc.DialOption {
	return []grpc.DialOption{grpc.WithWriteBufferSize(wire.WriteBufferSize)}
}

func startTimeout(ctx context.Context, d time.Duration) time.Duration {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return max(time.Until(deadline), time.Millisecond)
	}
	return d
}

// levelOf is the lowest level l logs, passed to the plugin so that it does
// not write lines the host would drop.
func levelOf(l *slog.Logger) slog.Level {
	for _, lvl := range []slog.Level{slog.LevelDebug - 4, slog.LevelDebug, slog.LevelInfo, slog.LevelWarn} {
		if l.Enabled(context.Background(), lvl) {
			return lvl
		}
	}
	return slog.LevelError
}

// hostPlugin is the host side of go-plugin's dispense mechanism: it hands
// out the connection, on which Client builds the typed clients.
type hostPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (hostPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return fmt.Errorf("%w: the plugin side is sdk.Serve", ErrProtocol)
}

func (hostPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return conn, nil
}
