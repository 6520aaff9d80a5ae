package pluginhost

import (
	"context"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
)

// inproc serves a builtin plugin over an in-memory gRPC connection: the
// same contract and client as a process, without one.
type inproc struct {
	srv  *grpc.Server
	conn *grpc.ClientConn
}

func startInproc(ctx context.Context, p sdk.Plugin, opts ...host.Option) (*host.Client, *inproc, error) {
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	if err := sdk.Register(srv, p); err != nil {
		return nil, nil, err
	}
	go func() { _ = srv.Serve(lis) }()
	dial := func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }
	conn, err := grpc.NewClient("passthrough:///builtin",
		grpc.WithContextDialer(dial), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		srv.Stop()
		return nil, nil, err
	}
	ip := &inproc{srv: srv, conn: conn}
	c, err := host.Connect(ctx, conn, opts...)
	if err != nil {
		ip.close()
		return nil, nil, err
	}
	return c, ip, nil
}

func (ip *inproc) close() {
	_ = ip.conn.Close()
	ip.srv.Stop()
}
