package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

// buildPlugin builds this plugin's binary once per test binary.
var buildPlugin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "storage-hello-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "reel-plugin-storage-hello")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

func TestMain(m *testing.M) {
	// Plugins served in-process (sdktest, benchmarks) log to this process's
	// stderr, in between benchmark results; launched ones get the level of
	// the host's logger instead.
	os.Setenv(sdk.LogLevelEnv, "WARN")
	code := m.Run()
	if bin, err := buildPlugin(); err == nil {
		_ = os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// pluginBinary is the built plugin; tests that need it skip under -short.
func pluginBinary(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds and starts the plugin process")
	}
	bin, err := buildPlugin()
	if err != nil {
		tb.Fatalf("go build: %v", err)
	}
	return bin
}

func checksum(tb testing.TB, path string) []byte {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		tb.Fatal(err)
	}
	return h.Sum(nil)
}

// launch starts the plugin process pinned to its checksum, configured to
// store under dir.
func launch(tb testing.TB, dir string, fsync bool, opts ...host.Option) (*host.Client, sdk.Storage) {
	tb.Helper()
	bin := pluginBinary(tb)
	opts = append([]host.Option{host.WithChecksum(checksum(tb, bin))}, opts...)
	c, err := host.Launch(context.Background(), bin, opts...)
	if err != nil {
		tb.Fatalf("Launch: %v", err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	cfg := fmt.Appendf(nil, `{"dir": %q, "fsync": %v}`, dir, fsync)
	if err := c.Configure(context.Background(), cfg); err != nil {
		tb.Fatalf("Configure: %v", err)
	}
	st, err := c.Storage()
	if err != nil {
		tb.Fatal(err)
	}
	return c, st
}

func TestThePluginProcessStoresOverMTLS(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dir := t.TempDir()
	c, st := launch(t, dir, true, host.WithName("hello"), host.WithLogger(log))
	if info := c.Info(); info.Name != "storage-hello" || info.Version != Version {
		t.Errorf("Info = %+v", info)
	}
	obj, data := sdktest.NewObject("rec-1", "call.wav", 5<<20+3)
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := st.Stat(context.Background(), obj.Key)
	if err != nil || got != (sdk.Stored{Size: obj.Size, SHA256: obj.SHA256, Location: loc}) {
		t.Fatalf("Stat = %+v, %v", got, err)
	}
	if stored, _ := os.ReadFile(filepath.Join(dir, "rec-1", "call.wav")); !bytes.Equal(stored, data) {
		t.Error("the file on disk differs from what was sent")
	}
	_ = c.Close() // waits until the plugin's stderr is logged
	for _, want := range []string{`"msg":"configuring client automatic mTLS"`, `"msg":"configured","plugin":"hello"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("host log lacks %s:\n%s", want, logs.String())
		}
	}
}

func TestABadConfigurationFailsWithTheKeyAcrossTheProcess(t *testing.T) {
	bin := pluginBinary(t)
	c, err := host.Launch(context.Background(), bin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	err = c.Configure(context.Background(), []byte(`{"dir": "relative/path"}`))
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "dir" || !strings.Contains(err.Error(), "storage-hello") {
		t.Errorf("Configure = %v, want a ConfigError for dir naming the plugin", err)
	}
}

// syncBuffer collects log lines from concurrent goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
