package host_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
)

// TestPluginExitsOnSIGTERM: a plugin exits on SIGTERM, and its host sees it.
// (The issue reported plugins ignoring SIGTERM; no way to make one ignore
// it was found: Go's runtime handles SIGTERM even when inherited ignored.)
func TestPluginExitsOnSIGTERM(t *testing.T) {
	c := launch(t)
	pid := c.Pid()
	if pid <= 0 {
		t.Fatalf("Pid() = %d", pid)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); !c.Exited(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("plugin still running 30 s after SIGTERM")
		}
	}
}

// TestPluginExitsWhenItsHostIsGone: a plugin whose parent ends is
// re-parented; sdk.Serve notices and exits instead of living on. The
// parent here is a shell that starts the plugin in the background, waits
// for its handshake line (so the plugin knew its parent) and exits: no
// parent-death signal is involved.
func TestPluginExitsWhenItsHostIsGone(t *testing.T) {
	bin := pluginBinary(t)
	hello := filepath.Join(t.TempDir(), "handshake")
	sh := exec.Command("sh", "-c", `"$0" </dev/null >"$1" 2>/dev/null & echo $!; while [ ! -s "$1" ]; do sleep 0.01; done`, bin, hello)
	sh.Env = append(os.Environ(), sdk.MagicCookieKey+"="+sdk.MagicCookieValue,
		"PLUGIN_PROTOCOL_VERSIONS="+strconv.Itoa(sdk.ProtocolVersion))
	out, err := sh.Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("sh printed %q", out)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	waitGone(t, pid)
}

// waitGone waits until pid has exited (gone, or a zombie nobody reaped).
func waitGone(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if !running(pid) {
			return
		}
	}
	t.Fatalf("process %d still running after 30 s", pid)
}

func running(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}
