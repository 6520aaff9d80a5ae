//go:build linux

package pluginhost

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/reel-project/reel/plugins/sdk"
)

// TestStartEndsPluginsAPreviousHostLeft: a plugin process recorded by a
// host that died is ended by the next Start on the same state dir; a
// recorded pid that now belongs to another program is left alone.
func TestStartEndsPluginsAPreviousHostLeft(t *testing.T) {
	bin := localdirBinary(t)
	state := t.TempDir()
	left := exec.Command(bin) // serves as if a host had started it
	left.Env = append(os.Environ(), sdk.MagicCookieKey+"="+sdk.MagicCookieValue,
		"PLUGIN_PROTOCOL_VERSIONS="+strconv.Itoa(sdk.ProtocolVersion))
	stdout, err := left.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	other := exec.Command("sleep", "300")
	for _, c := range []*exec.Cmd{left, other} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Process.Kill(); _ = c.Wait() })
	}
	if _, err := stdout.Read(make([]byte, 1)); err != nil { // its handshake line: serving
		t.Fatal(err)
	}
	prev := newPidFile(state, testLog(t))
	prev.record("local", left.Process.Pid)
	prev.record("reused", other.Process.Pid)
	forgeExe(t, state, "reused") // as if the pid had been reused by sleep

	h, err := Start(context.Background(), []Spec{localdirSpec(t, bin, t.TempDir())},
		Options{Log: testLog(t), StateDir: state})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	exited := make(chan error, 1)
	go func() { exited <- left.Wait() }()
	if err := <-exited; err != nil {
		t.Errorf("left-over plugin: %v, want a clean exit on SIGTERM", err)
	}
	if _, err := identify(other.Process.Pid); err != nil {
		t.Errorf("a process that is not the recorded plugin was ended: %v", err)
	}
	now := readPids(t, state)
	if p, ok := now["local"]; !ok || p.Pid == left.Process.Pid {
		t.Errorf("pid file after Start: %+v, want the new local plugin only", now)
	}
	_ = h.Close()
	if now := readPids(t, state); len(now) != 0 {
		t.Errorf("pid file after Close: %+v, want empty", now)
	}
}

func readPids(t *testing.T, dir string) map[string]proc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, PidFileName))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]proc
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func forgeExe(t *testing.T, dir, name string) {
	t.Helper()
	m := readPids(t, dir)
	p := m[name]
	p.Exe = "/usr/lib/reel/some-plugin"
	m[name] = p
	b, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, PidFileName), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStartTimeSkipsACommandWithSpacesAndParentheses(t *testing.T) {
	stat := []byte("42 (a b) c)) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10")
	got, err := startTime(stat)
	if err != nil || got != 987654 {
		t.Errorf("startTime = %d, %v; want 987654", got, err)
	}
	if _, err := startTime([]byte("42 (x) S 1")); err == nil {
		t.Error("a short stat line gives no error")
	}
}
