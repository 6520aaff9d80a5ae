package host_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
	"github.com/reel-project/reel/plugins/sdk/internal/memplugin"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// futurePlugin answers GetInfo with another contract version.
type futurePlugin struct{ pb.UnimplementedPluginServer }

func (futurePlugin) GetInfo(context.Context, *pb.GetInfoRequest) (*pb.GetInfoResponse, error) {
	return &pb.GetInfoResponse{Name: "future", Version: "9", ProtocolVersion: 2,
		Kinds: []pb.Kind{pb.Kind_KIND_STORAGE, pb.Kind(99)}}, nil
}

func serve(t *testing.T, register func(*grpc.Server)) *grpc.ClientConn {
	lis := bufconn.Listen(1 << 16)
	srv := grpc.NewServer()
	register(srv)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///test",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func TestConnectRefusesAnotherProtocolVersion(t *testing.T) {
	conn := serve(t, func(s *grpc.Server) { pb.RegisterPluginServer(s, futurePlugin{}) })
	_, err := host.Connect(context.Background(), conn)
	if !errors.Is(err, host.ErrProtocol) {
		t.Fatalf("Connect = %v, want ErrProtocol", err)
	}
}

// storageOnly hides memplugin's other kinds.
type storageOnly struct {
	sdk.Plugin
	sdk.Storage
}

func TestAKindThePluginLacksIsErrKind(t *testing.T) {
	p := memplugin.New()
	c := sdktest.Start(t, storageOnly{p, p})
	if _, err := c.Metadata(); !errors.Is(err, host.ErrKind) {
		t.Errorf("Metadata() = %v, want ErrKind", err)
	}
	if _, err := c.Storage(); err != nil {
		t.Errorf("Storage() = %v", err)
	}
	if c.Info().Name != "memplugin" {
		t.Errorf("Info().Name = %q; Connect names the client after the plugin", c.Info().Name)
	}
}

func TestAnInvalidObjectIsRefusedBeforeSending(t *testing.T) {
	st, _ := sdktest.Start(t, memplugin.New()).Storage()
	obj, data := sdktest.NewObject("rec", "../escape.wav", 10)
	_, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if !errors.Is(err, sdk.ErrInvalid) || !sdk.IsPermanent(err) {
		t.Fatalf("Put = %v, want a permanent ErrInvalid", err)
	}
}

func TestAFailingHostReaderStoresNothingAndKeepsItsClass(t *testing.T) {
	c := sdktest.Start(t, memplugin.New())
	if err := c.Configure(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	st, _ := c.Storage()
	obj, _ := sdktest.NewObject("rec", "spool-broke.wav", 1<<20)
	errDisk := sdk.Permanent(errors.New("spool file truncated"))
	_, err := st.Put(context.Background(), obj, errReader{errDisk})
	if !errors.Is(err, errDisk) || !sdk.IsPermanent(err) {
		t.Fatalf("Put = %v, want the reader's permanent error", err)
	}
	if _, err := st.Stat(context.Background(), obj.Key); !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("Stat after a failed Put = %v, want ErrNotFound", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// slowPlugin publishes only when its context ends.
type slowPlugin struct{ *memplugin.Plugin }

func (s slowPlugin) Publish(ctx context.Context, _ sdk.Document) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestTheCallTimeoutBoundsEveryCall(t *testing.T) {
	c := sdktest.Start(t, slowPlugin{memplugin.New()}, host.WithCallTimeout(50*time.Millisecond))
	md, _ := c.Metadata()
	doc := sdk.Document{RecordingID: "r", JSON: json.RawMessage(`{}`), IdempotencyKey: "k"}
	err := md.Publish(context.Background(), doc)
	if !errors.Is(err, context.DeadlineExceeded) || sdk.IsPermanent(err) {
		t.Fatalf("Publish = %v, want a retryable DeadlineExceeded", err)
	}
}
