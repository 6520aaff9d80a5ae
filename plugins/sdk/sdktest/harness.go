package sdktest

import (
	"context"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// bufSize is the in-memory connection's buffer.
const bufSize = 1 << 20

// Start serves p over gRPC on an in-memory listener and returns a host
// client connected to it. Both stop when t ends. The plugin is not yet
// configured.
func Start(t testing.TB, p sdk.Plugin, opts ...host.Option) *host.Client {
	t.Helper()
	lis := bufconn.Listen(bufSize)
	srv := grpc.NewServer()
	if err := sdk.Register(srv, p); err != nil {
		t.Fatalf("sdk.Register: %v", err)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)

	dial := func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }
	conn, err := grpc.NewClient("passthrough:///sdktest",
		grpc.WithContextDialer(dial), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("grpc.NewClient: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })

	c, err := host.Connect(context.Background(), conn, opts...)
	if err != nil {
		t.Fatalf("host.Connect: %v", err)
	}
	return c
}
