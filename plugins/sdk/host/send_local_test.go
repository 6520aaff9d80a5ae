package host_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/grpc"

	"github.com/reel-project/reel/plugins/sdk/host"
	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// wirePlugin is a storage plugin at the wire level: its Put answers with
// what arrived, "path:<local_path>" or "chunks:<bytes>".
type wirePlugin struct {
	pb.UnimplementedPluginServer
	pb.UnimplementedStorageServer
	acceptsLocal bool
}

func (w wirePlugin) GetInfo(context.Context, *pb.GetInfoRequest) (*pb.GetInfoResponse, error) {
	return &pb.GetInfoResponse{Name: "wire", Version: "1", ProtocolVersion: 1,
		Kinds: []pb.Kind{pb.Kind_KIND_STORAGE}, AcceptsLocalPath: w.acceptsLocal}, nil
}

func (w wirePlugin) Put(stream grpc.ClientStreamingServer[pb.PutRequest, pb.PutResponse]) error {
	first, err := stream.Recv()
	if err != nil {
		return err
	}
	var n int
	for {
		m, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		n += len(m.GetChunk())
	}
	loc := fmt.Sprintf("chunks:%d", n)
	if p := first.GetHeader().GetLocalPath(); p != "" {
		loc = "path:" + p
	}
	return stream.SendAndClose(&pb.PutResponse{Location: loc})
}

func wireClient(t *testing.T, acceptsLocal bool, opts ...host.Option) *host.Client {
	conn := serve(t, func(s *grpc.Server) {
		w := wirePlugin{acceptsLocal: acceptsLocal}
		pb.RegisterPluginServer(s, w)
		pb.RegisterStorageServer(s, w)
	})
	c, err := host.Connect(context.Background(), conn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOnlyAFileTheFastPathCanNameIsSentAsALocalPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // for the relative path
	abs := filepath.Join(dir, "call.wav")
	obj, data := sdktest.NewObject("rec", "call.wav", 100<<10)
	if err := os.WriteFile(abs, data, 0o600); err != nil {
		t.Fatal(err)
	}
	open := func(path string, skip int64) func(*testing.T) io.Reader {
		return func(t *testing.T) io.Reader {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = f.Close() })
			if _, err := f.Seek(skip, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	streamed := fmt.Sprintf("chunks:%d", len(data))
	cases := []struct {
		name         string
		acceptsLocal bool
		opts         []host.Option
		reader       func(*testing.T) io.Reader
		want         string
	}{
		{"a file opened by an absolute path is named", true, nil, open(abs, 0), "path:" + abs},
		{"a reader that is not a file streams", true, nil,
			func(*testing.T) io.Reader { return bytes.NewReader(data) }, streamed},
		{"a file opened by a relative path streams", true, nil, open("call.wav", 0), streamed},
		{"a file read from already streams the rest", true, nil, open(abs, 1000), "chunks:" + fmt.Sprint(len(data)-1000)},
		{"a plugin that does not take local files gets chunks", false, nil, open(abs, 0), streamed},
		{"WithLocalFiles(false) streams", true, []host.Option{host.WithLocalFiles(false)}, open(abs, 0), streamed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := wireClient(t, tc.acceptsLocal, tc.opts...)
			st, err := c.Storage()
			if err != nil {
				t.Fatal(err)
			}
			loc, err := st.Put(context.Background(), obj, tc.reader(t))
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			if loc.URI != tc.want {
				t.Errorf("the plugin got %q, want %q", loc.URI, tc.want)
			}
		})
	}
}
