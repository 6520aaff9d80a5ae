package localdir_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
	"github.com/reel-project/reel/plugins/sdk/host"
	"github.com/reel-project/reel/plugins/sdk/sdktest"
)

func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and starts the plugin process")
	}
	bin := filepath.Join(t.TempDir(), "reel-plugin-storage-localdir")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/reel-project/reel/cmd/reel-plugin-storage-localdir").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %s", out)
	}
	return bin
}

func TestThePluginProcessStoresAndRejectsBadConfig(t *testing.T) {
	bin := buildBinary(t)
	c, err := host.Launch(context.Background(), bin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	err = c.Configure(context.Background(), []byte(`{"dir": "relative"}`))
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "dir" {
		t.Fatalf("Configure(bad) = %v, want ConfigError for dir", err)
	}
	dir := t.TempDir()
	if err := c.Configure(context.Background(), []byte(`{"dir": "`+dir+`"}`)); err != nil {
		t.Fatal(err)
	}
	st, _ := c.Storage()
	obj, data := sdktest.NewObject("rec-1", "call.wav", 3<<20+1)
	loc, err := st.Put(context.Background(), obj, bytes.NewReader(data))
	if err != nil || !strings.HasPrefix(loc.URI, "file://") {
		t.Fatalf("Put = %v, %v", loc, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "call.wav")); !bytes.Equal(got, data) {
		t.Error("stored file differs")
	}
}
