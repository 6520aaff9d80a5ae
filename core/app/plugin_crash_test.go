//go:build linux

package app

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/core/pluginhost"
)

// TestNoPluginOutlivesAKilledMCP: kill -9 of reel-mcp used to leave its
// plugin processes running (re-parented to PID 1), one more per crash.
// Now the plugin dies with it, and after the next start exactly one
// process runs the plugin binary: the new reel-mcp's.
func TestNoPluginOutlivesAKilledMCP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs reel-mcp and a plugin")
	}
	dir := t.TempDir()
	bin, plugin := buildMCP(t, dir), filepath.Join(dir, "reel-plugin-storage-localdir")
	if out, err := exec.Command("go", "build", "-o", plugin, "github.com/reel-project/reel/cmd/reel-plugin-storage-localdir").CombinedOutput(); err != nil {
		t.Fatalf("go build: %s", out)
	}
	yaml := fmt.Sprintf("plugins:\n  - name: localdir\n    kinds: [storage, metadata]\n    binary: %s\n    config:\n      dir: ${recording_dir}\n", plugin)
	data := t.TempDir()
	sip := fmt.Sprintf("127.0.0.1:%d", freeUDPPort(t))

	first := startMCPProcess(t, bin, data, sip, yaml)
	old := pluginPid(t, data)
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	waitExited(t, old)

	second := startMCPProcess(t, bin, data, sip, yaml)
	if now := pluginPid(t, data); now == old {
		t.Errorf("the new reel-mcp records the old plugin process %d", old)
	}
	if pids := running(t, plugin); len(pids) != 1 {
		t.Errorf("processes running the plugin after the restart: %v, want one", pids)
	}
	_ = second.Process.Signal(syscall.SIGTERM)
	_ = second.Wait()
	if pids := running(t, plugin); len(pids) != 0 {
		t.Errorf("plugin processes after reel-mcp stopped: %v", pids)
	}
}

// pluginPid is the pid reel-mcp recorded for the localdir plugin.
func pluginPid(t *testing.T, data string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(data, pluginhost.PidFileName))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]struct{ Pid int }
	if err := json.Unmarshal(b, &m); err != nil || m["localdir"].Pid <= 0 {
		t.Fatalf("pid file %s: %v", b, err)
	}
	return m["localdir"].Pid
}

// waitExited waits until pid is gone or a zombie.
func waitExited(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe"); err != nil {
			return
		}
	}
	t.Fatalf("plugin process %d still running 30 s after its host was killed", pid)
}

// running lists the live processes whose executable is bin.
func running(t *testing.T, bin string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if exe, err := os.Readlink("/proc/" + e.Name() + "/exe"); err == nil && exe == bin {
			out = append(out, pid)
		}
	}
	return out
}
