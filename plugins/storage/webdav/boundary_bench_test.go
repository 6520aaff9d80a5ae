package webdav

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/davtest"
	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// boundarySizes are a one-minute MP3 (16 kbit/s), its WAV (8 kHz 16-bit)
// and a long recording.
var boundarySizes = []struct {
	name string
	size int
}{{"120KB", 120_000}, {"960KB", 960_000}, {"16MiB", 16 << 20}}

// putFunc stores one object, by whatever route.
type putFunc func(ctx context.Context, obj sdk.Object, r io.Reader) error

// BenchmarkBoundary measures issue 5's target, "the plugin boundary adds
// ≤ 2 ms per file and ≤ 10 % of transfer time versus a direct HTTP PUT from
// the host", against one Apache mod_dav:
//
//	direct-put            one net/http PUT of the bytes from this process
//	in-process            the plugin's Put called directly (PROPFIND, PUT, PROPPATCH, MOVE, DELETE)
//	plugin-process        the same Put in the plugin binary, through plugins/sdk/host (gRPC,
//	                      AutoMTLS), the bytes streamed in chunks
//	plugin-process-local  the same, from a file the host names and the plugin reads itself
//	                      (docs/decisions/0025-local-file-delivery.md); each iteration opens it
//
// The boundary is plugin-process-local − in-process (plugin-process −
// in-process for a plugin that takes no local files); compare it with
// direct-put. The first three routes send the bytes from memory, so the
// local route alone also pays for opening and reading a (cached) file.
// Each object is deleted untimed after its iteration.
func BenchmarkBoundary(b *testing.B) {
	srv := davtest.Start(b)
	davRequest(b, srv, "MKCOL", srv.URL+"/rec-bench/")
	routes := []struct {
		name     string
		fromFile bool
		setup    func(b *testing.B) putFunc
	}{
		{"direct-put", false, func(*testing.B) putFunc { return directPut(srv) }},
		{"in-process", false, func(b *testing.B) putFunc { return inProcessPut(b, srv) }},
		{"plugin-process", false, func(b *testing.B) putFunc { return processPut(b, srv, host.WithLocalFiles(false)) }},
		{"plugin-process-local", true, func(b *testing.B) putFunc { return processPut(b, srv) }},
	}
	for _, route := range routes {
		b.Run(route.name, func(b *testing.B) {
			put := route.setup(b)
			for _, sz := range boundarySizes {
				b.Run(sz.name, func(b *testing.B) { benchBoundaryPut(b, srv, put, sz.size, route.fromFile) })
			}
		})
	}
}

func benchBoundaryPut(b *testing.B, srv *davtest.Server, put putFunc, size int, fromFile bool) {
	obj, data := sdktest.NewObject("rec-bench", "file", size)
	source := func() (io.Reader, error) { return bytes.NewReader(data), nil }
	if fromFile {
		source = fileSource(b, data)
	}
	b.ReportAllocs()
	b.SetBytes(int64(size))
	for i := 0; b.Loop(); i++ {
		obj.Name = fmt.Sprintf("file-%d.mp3", i)
		r, err := source()
		if err != nil {
			b.Fatal(err)
		}
		err = put(context.Background(), obj, r)
		if c, ok := r.(io.Closer); ok {
			_ = c.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		deleteObject(b, srv, obj.Key)
		b.StartTimer()
	}
}

// fileSource writes data to a file, as the spool holds a recording, and
// opens it by its absolute path on each call.
func fileSource(b *testing.B, data []byte) func() (io.Reader, error) {
	path := filepath.Join(b.TempDir(), "spooled.mp3")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return func() (io.Reader, error) { return os.Open(path) }
}

// directPut is the host without a plugin: one PUT with a known length.
func directPut(srv *davtest.Server) putFunc {
	client := &http.Client{}
	return func(ctx context.Context, obj sdk.Object, r io.Reader) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, objectURL(srv, obj.Key), r)
		if err != nil {
			return err
		}
		req.ContentLength = obj.Size
		req.Header.Set("Content-Type", obj.ContentType)
		req.SetBasicAuth(davtest.User, davtest.Password)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("PUT: %s", resp.Status)
		}
		return nil
	}
}

func inProcessPut(b *testing.B, srv *davtest.Server) putFunc {
	w := New()
	if err := w.Configure(configFor(srv, `"path": "{recording_id}"`)); err != nil {
		b.Fatal(err)
	}
	return storagePut(w)
}

// processPut builds the plugin's command and launches it as the MCP does:
// pinned checksum, AutoMTLS, Unix socket, and opts.
func processPut(b *testing.B, srv *davtest.Server, opts ...host.Option) putFunc {
	bin := filepath.Join(b.TempDir(), "reel-plugin-storage-webdav")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/reel-project/reel/cmd/reel-plugin-storage-webdav").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		b.Fatal(err)
	}
	sum := sha256.Sum256(data)
	c, err := host.Launch(context.Background(), bin, append(opts, host.WithChecksum(sum[:]))...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close() })
	if err := c.Configure(context.Background(), configFor(srv, `"path": "{recording_id}"`)); err != nil {
		b.Fatal(err)
	}
	st, err := c.Storage()
	if err != nil {
		b.Fatal(err)
	}
	return storagePut(st)
}

func storagePut(st sdk.Storage) putFunc {
	return func(ctx context.Context, obj sdk.Object, r io.Reader) error {
		_, err := st.Put(ctx, obj, r)
		return err
	}
}

func objectURL(srv *davtest.Server, key sdk.Key) string {
	return srv.URL + "/" + key.RecordingID + "/" + key.Name
}

func deleteObject(b *testing.B, srv *davtest.Server, key sdk.Key) {
	davRequest(b, srv, http.MethodDelete, objectURL(srv, key))
}

// davRequest sends a request without a body and wants a 2xx.
func davRequest(b *testing.B, srv *davtest.Server, method, uri string) {
	req, err := http.NewRequest(method, uri, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.SetBasicAuth(davtest.User, davtest.Password)
	resp, err := srv.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b.Fatalf("%s %s: %s", method, uri, resp.Status)
	}
}
