package sdk

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/grpc/codes"

	pb "github.com/reel-project/reel/plugins/sdk/internal/pb/v1"
)

// messages feeds receiveObject a header naming path, then the others.
func messages(obj Object, path string, rest ...*pb.PutRequest) func() (*pb.PutRequest, error) {
	h := &pb.ObjectHeader{RecordingId: obj.RecordingID, Name: obj.Name, Size: obj.Size, Sha256: obj.SHA256, LocalPath: path}
	all := append([]*pb.PutRequest{{Part: &pb.PutRequest_Header{Header: h}}}, rest...)
	return func() (*pb.PutRequest, error) {
		if len(all) == 0 {
			return nil, io.EOF
		}
		m := all[0]
		all = all[1:]
		return m, nil
	}
}

// writeFile writes data into a fresh temp dir and returns its absolute path.
func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "object")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestALocalPathIsRefusedUnlessItIsTheObjectsFile(t *testing.T) {
	data := []byte("hello, recording")
	obj := objectFor(data)
	path := writeFile(t, data)
	chunk := &pb.PutRequest{Part: &pb.PutRequest_Chunk{Chunk: data}}
	cases := []struct {
		name string
		obj  Object
		path string
		rest []*pb.PutRequest
		want codes.Code
	}{
		{"a relative path", obj, "object", nil, codes.InvalidArgument},
		{"a directory", obj, filepath.Dir(path), nil, codes.InvalidArgument},
		{"a device", objectFor(nil), os.DevNull, nil, codes.InvalidArgument},
		{"a missing file", obj, path + ".missing", nil, codes.InvalidArgument},
		{"a file shorter than the header says", objectFor(append(data, '!')), path, nil, codes.DataLoss},
		{"a file longer than the header says", objectFor(data[1:]), path, nil, codes.DataLoss},
		{"a header followed by a chunk", obj, path, []*pb.PutRequest{chunk}, codes.InvalidArgument},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, body, err := receiveObject(context.Background(), messages(tc.obj, tc.path, tc.rest...))
			if err == nil {
				body.stop()
				t.Fatal("receiveObject accepted it")
			}
			if Code(err) != tc.want {
				t.Errorf("err = %v (%s), want %s", err, Code(err), tc.want)
			}
		})
	}
}

func TestALocalFileYieldsExactlyItsBytes(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), (3*localCopyStep)/16+5)
	obj := objectFor(data)
	path := writeFile(t, data)
	for _, via := range []string{"Read", "WriteTo a buffer", "WriteTo a file"} {
		t.Run(via, func(t *testing.T) {
			_, body, err := receiveObject(context.Background(), messages(obj, path))
			if err != nil {
				t.Fatal(err)
			}
			defer body.stop()
			got, err := drainVia(t, body, via)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("got %d of %d bytes, err %v", len(got), len(data), err)
			}
		})
	}
}

func drainVia(t *testing.T, r io.Reader, via string) ([]byte, error) {
	switch via {
	case "Read":
		return io.ReadAll(struct{ io.Reader }{r}) // hide WriteTo
	case "WriteTo a buffer":
		var buf bytes.Buffer
		_, err := io.Copy(&buf, r)
		return buf.Bytes(), err
	}
	out := filepath.Join(t.TempDir(), "copy")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(f, r); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

func TestALocalFileTruncatedAfterTheCheckFailsWithErrMismatch(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 4096)
	path := writeFile(t, data)
	for _, via := range []string{"Read", "WriteTo a buffer"} {
		t.Run(via, func(t *testing.T) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, body, err := receiveObject(context.Background(), messages(objectFor(data), path))
			if err != nil {
				t.Fatal(err)
			}
			defer body.stop()
			if err := os.Truncate(path, 1000); err != nil {
				t.Fatal(err)
			}
			if _, err := drainVia(t, body, via); !errors.Is(err, ErrMismatch) {
				t.Errorf("err = %v, want ErrMismatch", err)
			}
		})
	}
}

func TestALocalFileStopsWithTheStreamsContext(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 4096)
	ctx, cancel := context.WithCancel(context.Background())
	_, body, err := receiveObject(ctx, messages(objectFor(data), writeFile(t, data)))
	if err != nil {
		t.Fatal(err)
	}
	defer body.stop()
	if _, err := body.Read(make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := io.ReadAll(body); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
