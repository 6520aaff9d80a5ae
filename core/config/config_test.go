package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/reel-project/reel/internal/configload"
)

// samplePath is the commented sample, relative to this package.
var samplePath = filepath.Join("..", "..", "configs", "mcp.yaml")

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
}

func TestSampleConfigEqualsDefault(t *testing.T) {
	got, err := Load(samplePath, nil, nil)
	if err != nil {
		t.Fatalf("Load(%s) = %v", samplePath, err)
	}
	if want := Default(); !reflect.DeepEqual(got, want) {
		t.Errorf("configs/mcp.yaml differs from Default():\n got %+v\nwant %+v", got, want)
	}
}

func TestSampleConfigListsEveryKey(t *testing.T) {
	lines := map[string]int{}
	if _, err := configload.ReadFile(samplePath, reflect.TypeFor[MCP](), lines); err != nil {
		t.Fatal(err)
	}
	for _, key := range Keys() {
		if lines[key] == 0 {
			t.Errorf("configs/mcp.yaml has no %s", key)
		}
	}
}

func TestEnvNamesAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, key := range Keys() {
		name := EnvName(key)
		if prev, dup := seen[name]; dup {
			t.Errorf("%s and %s both map to %s", prev, key, name)
		}
		seen[name] = key
	}
}

func TestKeysAreDottedSnakeCase(t *testing.T) {
	want := []string{"node_id", "data_dir", "sip.listen", "recording.flush_interval", "log.format"}
	keys := map[string]bool{}
	for _, k := range Keys() {
		keys[k] = true
	}
	for _, k := range want {
		if !keys[k] {
			t.Errorf("Keys() lacks %q; got %v", k, Keys())
		}
	}
	if got := EnvName("recording.flush_interval"); got != "REEL_RECORDING_FLUSH_INTERVAL" {
		t.Errorf("EnvName = %q", got)
	}
}

func TestNodeIDIsStableHexOfHostName(t *testing.T) {
	if a, b := NodeIDFor("mcp-1"), NodeIDFor("mcp-1"); a != b {
		t.Errorf("NodeIDFor not stable: %q %q", a, b)
	}
	if NodeIDFor("mcp-1") == NodeIDFor("mcp-2") {
		t.Error("different hosts, same node id")
	}
	host, _ := os.Hostname()
	if host != "" && DefaultNodeID() != NodeIDFor(host) {
		t.Errorf("DefaultNodeID() = %q, want NodeIDFor(%q) = %q", DefaultNodeID(), host, NodeIDFor(host))
	}
	if !nodeIDPattern.MatchString(DefaultNodeID()) {
		t.Errorf("DefaultNodeID() = %q, not 8 hex digits", DefaultNodeID())
	}
}

func TestDirectoriesDeriveFromDataDir(t *testing.T) {
	c := Default()
	c.DataDir = "/srv/reel"
	if got := c.RecordingDir(); got != "/srv/reel/recordings" {
		t.Errorf("RecordingDir() = %q", got)
	}
	if got := c.SpoolDir(); got != "/srv/reel/spool" {
		t.Errorf("SpoolDir() = %q", got)
	}
	c.Recording.Dir = "/mnt/rec"
	if got := c.RecordingDir(); got != "/mnt/rec" {
		t.Errorf("RecordingDir() with recording.dir = %q", got)
	}
}
