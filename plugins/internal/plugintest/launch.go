package plugintest

import (
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reel-project/reel/plugins/sdk/host"
)

// Launch builds the command in pkg (an import path such as
// "github.com/reel-project/reel/cmd/reel-plugin-storage-webdav"), starts it
// pinned to its checksum and configures it with cfg. It skips under -short.
func Launch(t *testing.T, pkg string, cfg []byte, opts ...host.Option) *host.Client {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and starts the plugin process")
	}
	bin := filepath.Join(t.TempDir(), filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	c, err := host.Launch(context.Background(), bin, append([]host.Option{host.WithChecksum(sum[:])}, opts...)...)
	if err != nil {
		t.Fatalf("Launch: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Configure(context.Background(), cfg); err != nil {
		t.Fatalf("Configure: %v", err)
	}
	return c
}
