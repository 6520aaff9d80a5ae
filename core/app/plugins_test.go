package app

import (
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reel-project/reel/core/config"
	"github.com/reel-project/reel/plugins/sdk"
)

func badConfigMCP(t *testing.T, p config.Plugin) error {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.SIP.Listen, cfg.HTTP.Listen, cfg.RTP.BindIP = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1"
	cfg.Plugins = []config.Plugin{p}
	m, err := NewMCP(cfg, slog.New(slog.DiscardHandler))
	if err == nil {
		m.stopDelivery()
		t.Fatal("NewMCP succeeded with a bad plugin configuration")
	}
	return err
}

func TestABadBuiltinPluginConfigStopsStartNamingPluginAndKey(t *testing.T) {
	err := badConfigMCP(t, config.Plugin{Name: "localdir", Kinds: []string{"storage", "metadata"}, Config: map[string]any{"dir": "relative"}})
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "dir" || !strings.Contains(err.Error(), `"localdir"`) {
		t.Fatalf("NewMCP = %v, want a ConfigError for dir naming localdir", err)
	}
}

func TestABadPluginProcessConfigStopsStartNamingPluginAndKey(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin")
	}
	bin := filepath.Join(t.TempDir(), "reel-plugin-storage-localdir")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/reel-project/reel/cmd/reel-plugin-storage-localdir").CombinedOutput(); err != nil {
		t.Fatalf("go build: %s", out)
	}
	err := badConfigMCP(t, config.Plugin{Name: "localdir", Kinds: []string{"storage", "metadata"}, Binary: bin,
		Config: map[string]any{"dir": os.TempDir(), "colour": "blue"}})
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "colour" || !strings.Contains(err.Error(), `"localdir"`) {
		t.Fatalf("NewMCP = %v, want a ConfigError for colour naming localdir", err)
	}
}

// The embedded default (data_dir ./var/reel-mcp, localdir into
// ${recording_dir}) must start from a relative data dir: make run uses one.
func TestTheEmbeddedDefaultStartsFromARelativeDataDir(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg := config.Default()
	cfg.SIP.Listen, cfg.HTTP.Listen, cfg.RTP.BindIP = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1"
	m, err := NewMCP(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("NewMCP with data_dir %q: %v", cfg.DataDir, err)
	}
	m.stopDelivery()
}
