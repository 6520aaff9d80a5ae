package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/reel-project/reel/internal/harness/ports"
)

// notADir is a path whose parent is a regular file: no user, root
// included, can create it.
func notADir(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(f, "dir")
}

func TestStartUpRefusalsNameTheFlagOrKeyAndTheFix(t *testing.T) {
	busy := ports.Hold(t)
	locked := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		prep func(t *testing.T, args []string)
		want []string
	}{
		{name: "a data dir that cannot be created", args: []string{"--data-dir", "NOTADIR"},
			want: []string{"data_dir (from --data-dir): ", "is not writable (mkdir ", "not a directory", "make it a directory", "can write, or choose another"}},
		{name: "a recording dir set by a variable that cannot be created", env: map[string]string{"REEL_RECORDING_DIR": "NOTADIR"},
			want: []string{"recording.dir (from REEL_RECORDING_DIR): ", "is not writable"}},
		{name: "a spool another process holds", args: []string{"--data-dir", locked}, prep: lockSpool(locked),
			want: []string{"data_dir (from --data-dir): " + locked + ": its spool is open in another process", "give this one a data dir of its own"}},
		{name: "an admin port in use", args: []string{"--http-listen", busy},
			want: []string{"http.listen (from --http-listen): " + busy + " is in use by another process", "choose another port"}},
		{name: "a SIP port in use", env: map[string]string{"REEL_SIP_LISTEN": busy},
			want: []string{"sip.listen (from REEL_SIP_LISTEN): " + busy + " is in use by another process"}},
		{name: "an unknown REEL_ variable", env: map[string]string{"REEL_RECORDING_FORMAT": "wav-pcmu"},
			want: []string{"config: REEL_RECORDING_FORMAT: unknown variable", "did you mean REEL_RECORDING_FORMATS?"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--data-dir", t.TempDir(), "--http-listen", "127.0.0.1:0"}, tc.args...)
			if tc.env["REEL_SIP_LISTEN"] == "" {
				args = append(args, "--sip-listen", "127.0.0.1:0")
			}
			t.Setenv("REEL_RTP_BIND_IP", "127.0.0.1")
			for k, v := range tc.env {
				t.Setenv(k, strings.ReplaceAll(v, "NOTADIR", notADir(t)))
			}
			for i, a := range args {
				if a == "NOTADIR" {
					args[i] = notADir(t)
				}
			}
			if tc.prep != nil {
				tc.prep(t, args)
			}
			err := run(args)
			if err == nil {
				t.Fatal("reel-mcp started")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			for _, p := range []string{"config: config", "spool: spool", "sip.listen: sip.listen", "http.listen: http.listen"} {
				if strings.Contains(err.Error(), p) {
					t.Errorf("error %q repeats a prefix", err)
				}
			}
		})
	}
}

// lockSpool holds the spool lock of data dir as another reel-mcp would.
func lockSpool(dataDir string) func(t *testing.T, _ []string) {
	return func(t *testing.T, _ []string) {
		if err := os.MkdirAll(filepath.Join(dataDir, "spool"), 0o750); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(dataDir, "spool", "lock"), os.O_CREATE|os.O_RDWR, 0o640)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			t.Fatal(err)
		}
	}
}

func TestARefusedStartLeavesNoListenerBehind(t *testing.T) {
	t.Setenv("REEL_RTP_BIND_IP", "127.0.0.1")
	sip, busy := ports.Free(t), ports.Hold(t)
	if err := run([]string{"--data-dir", t.TempDir(), "--sip-listen", sip, "--http-listen", busy}); err == nil {
		t.Fatal("reel-mcp started on a busy admin port")
	}
	for _, network := range []string{"tcp", "udp"} {
		c, err := ports.Listen(network, sip)
		if err != nil {
			t.Errorf("SIP %s port %s still held after the refused start: %v", network, sip, err)
			continue
		}
		c.Close()
	}
}
