package host_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
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

// buildMemplugin builds testdata/memplugin once per test binary.
var buildMemplugin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "reel-memplugin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "reel-plugin-memplugin")
	out, err := exec.Command("go", "build", "-o", bin, "./testdata/memplugin").CombinedOutput()
	if err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

func pluginBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a plugin process")
	}
	bin, err := buildMemplugin()
	if err != nil {
		t.Fatalf("building testdata/memplugin: %v", err)
	}
	return bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := buildMemplugin(); err == nil && !testing.Short() {
		_ = os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// lockedBuffer collects JSON log lines from concurrent goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func launch(t *testing.T, opts ...host.Option) *host.Client {
	t.Helper()
	c, err := host.Launch(context.Background(), pluginBinary(t), opts...)
	if err != nil {
		t.Fatalf("Launch: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestLaunchedPluginStoresOverMTLS(t *testing.T) {
	var logs lockedBuffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := launch(t, host.WithName("mem-main"), host.WithLogger(log))
	if err := c.Configure(context.Background(), []byte(`{"scheme":"memx"}`)); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	st, err := c.Storage()
	if err != nil {
		t.Fatal(err)
	}
	obj, data := sdktest.NewObject("rec-1", "call.mp3", 3<<20)
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil || loc.URI != "memx://rec-1/call.mp3" {
		t.Fatalf("Put = %v, %v", loc, err)
	}
	got, err := st.Stat(context.Background(), obj.Key)
	if err != nil || got.SHA256 != obj.SHA256 || got.Size != obj.Size {
		t.Fatalf("Stat = %+v, %v; want size %d sha %s", got, err, obj.Size, obj.SHA256)
	}
	_ = c.Close() // waits until the plugin's stderr is logged
	out := logs.String()
	for _, want := range []string{`"msg":"configuring client automatic mTLS"`, `"msg":"configured","plugin":"mem-main"`, `"scheme":"memx"`} {
		if !strings.Contains(out, want) {
			t.Errorf("host log lacks %s:\n%s", want, out)
		}
	}
}

func TestLaunchChecksThePinnedChecksum(t *testing.T) {
	bin := pluginBinary(t)
	f, err := os.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	t.Run("the right checksum starts the plugin", func(t *testing.T) {
		launch(t, host.WithChecksum(h.Sum(nil)))
	})
	t.Run("a wrong checksum refuses to start it", func(t *testing.T) {
		wrong := sha256.Sum256([]byte("another binary"))
		c, err := host.Launch(context.Background(), bin, host.WithChecksum(wrong[:]))
		if err == nil {
			_ = c.Close()
			t.Fatal("Launch with a wrong checksum succeeded")
		}
	})
}

func TestLaunchRefusesABinaryThatIsNotAPlugin(t *testing.T) {
	pluginBinary(t) // for the -short skip
	c, err := host.Launch(context.Background(), "/bin/true")
	if err == nil {
		_ = c.Close()
		t.Fatal("Launch of /bin/true succeeded")
	}
}

func TestCloseEndsTheProcessAndIsSafeTwice(t *testing.T) {
	c := launch(t)
	if c.Exited() {
		t.Fatal("Exited before Close")
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	_ = c.Close()
	_ = c.Close()
	if !c.Exited() {
		t.Error("not Exited after Close")
	}
	if err := c.Ping(context.Background()); err == nil || sdk.IsPermanent(err) {
		t.Errorf("Ping after Close = %v, want a retryable error", err)
	}
}
