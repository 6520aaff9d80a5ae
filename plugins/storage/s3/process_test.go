package s3

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
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

const cmdPackage = "github.com/reel-project/reel/cmd/reel-plugin-storage-s3"

// buildPlugin builds cmd/reel-plugin-storage-s3 once per test binary.
var buildPlugin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "storage-s3-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "reel-plugin-storage-s3")
	if out, err := exec.Command("go", "build", "-o", bin, cmdPackage).CombinedOutput(); err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

func removeBuiltPlugin() {
	if bin, err := buildPlugin(); err == nil {
		_ = os.RemoveAll(filepath.Dir(bin))
	}
}

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

func fileSHA256(tb testing.TB, path string) []byte {
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

func launch(t *testing.T) *host.Client {
	t.Helper()
	bin := pluginBinary(t)
	c, err := host.Launch(context.Background(), bin, host.WithChecksum(fileSHA256(t, bin)), host.WithName("s3"))
	if err != nil {
		t.Fatalf("Launch: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestThePluginProcessStoresInMinIO(t *testing.T) {
	srv := sharedMinIO(t)
	c := launch(t)
	if info := c.Info(); info.Name != "storage-s3" || info.Version != Version {
		t.Errorf("Info = %+v", info)
	}
	if err := c.Configure(context.Background(), rawConfig(t, configFor(srv, testBucket, "process"))); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	st, err := c.Storage()
	if err != nil {
		t.Fatal(err)
	}
	obj, data := sdktest.NewObject("rec-proc", "call.wav", 6<<20+5) // multipart
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := st.Stat(context.Background(), obj.Key)
	if err != nil || got != (sdk.Stored{Size: obj.Size, SHA256: obj.SHA256, Location: loc}) {
		t.Fatalf("Stat = %+v, %v", got, err)
	}
}

func TestABadConfigurationNamesTheKeyAcrossTheProcess(t *testing.T) {
	c := launch(t)
	err := c.Configure(context.Background(), []byte(`{"destination": "S3:Bad_Bucket", "access_key": "a", "secret_key": "s"}`))
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "destination" || !strings.Contains(err.Error(), "s3") {
		t.Errorf("Configure = %v, want a ConfigError for destination", err)
	}
}
