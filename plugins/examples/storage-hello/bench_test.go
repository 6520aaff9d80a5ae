package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

var benchSizes = []struct {
	name string
	size int
}{{"4KiB", 4 << 10}, {"1MiB", 1 << 20}, {"16MiB", 16 << 20}}

// BenchmarkPut compares storing one file through the plugin process (gRPC
// over a Unix socket with mTLS, 1 MiB chunks, SHA-256 check) with the same
// Put called in-process and with a plain file write. fsync is off so that
// the disk does not drown the difference; each file is removed untimed.
func BenchmarkPut(b *testing.B) {
	for _, sz := range benchSizes {
		obj, data := sdktest.NewObject("rec-bench", "file", sz.size)
		b.Run("plugin-process/"+sz.name, func(b *testing.B) {
			dir := b.TempDir()
			_, st := launch(b, dir, false)
			benchPut(b, dir, obj, data, st.Put)
		})
		b.Run("grpc-in-memory/"+sz.name, func(b *testing.B) {
			dir := b.TempDir()
			c := sdktest.Start(b, New())
			if err := c.Configure(context.Background(), fmt.Appendf(nil, `{"dir": %q, "fsync": false}`, dir)); err != nil {
				b.Fatal(err)
			}
			st, _ := c.Storage()
			benchPut(b, dir, obj, data, st.Put)
		})
		b.Run("in-process/"+sz.name, func(b *testing.B) {
			dir := b.TempDir()
			h := New()
			if err := h.Configure(fmt.Appendf(nil, `{"dir": %q, "fsync": false}`, dir)); err != nil {
				b.Fatal(err)
			}
			benchPut(b, dir, obj, data, h.Put)
		})
		b.Run("direct-write/"+sz.name, func(b *testing.B) {
			dir := b.TempDir()
			benchWrite(b, dir, data)
		})
	}
}

// putFunc is Storage.Put, over the wire or in-process.
type putFunc func(context.Context, sdk.Object, io.Reader) (sdk.Location, error)

func benchPut(b *testing.B, dir string, obj sdk.Object, data []byte, put putFunc) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for i := 0; b.Loop(); i++ {
		obj.Name = fmt.Sprintf("file-%d", i)
		if _, err := put(context.Background(), obj, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		_ = os.Remove(filepath.Join(dir, obj.RecordingID, obj.Name))
		b.StartTimer()
	}
}

func benchWrite(b *testing.B, dir string, data []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(dir, fmt.Sprintf("file-%d", i))
		if err := os.WriteFile(path, data, 0o640); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		_ = os.Remove(path)
		b.StartTimer()
	}
}
