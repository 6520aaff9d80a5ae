package pluginhost

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/reel-project/reel/core/spool"
	"github.com/reel-project/reel/plugins/sdk"
)

// buildLocaldir builds the localdir plugin once per test binary.
var buildLocaldir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "pluginhost-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "reel-plugin-storage-localdir")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/reel-project/reel/cmd/reel-plugin-storage-localdir").CombinedOutput()
	if err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := buildLocaldir(); err == nil {
		_ = os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

func localdirBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and starts the plugin process")
	}
	bin, err := buildLocaldir()
	if err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func localdirSpec(t *testing.T, bin, dir string) Spec {
	raw, _ := json.Marshal(map[string]any{"dir": dir})
	return Spec{Name: "local", Kinds: []sdk.Kind{sdk.KindStorage, sdk.KindMetadata}, Binary: bin, SHA256: fileSHA(t, bin), Config: raw}
}

func fileSHA(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestABadConfigStopsStartNamingPluginAndKey(t *testing.T) {
	bin := localdirBinary(t)
	spec := localdirSpec(t, bin, "relative/dir")
	_, err := Start(context.Background(), []Spec{spec}, Options{Log: testLog(t)})
	var ce *sdk.ConfigError
	if !errors.As(err, &ce) || ce.Key != "dir" || !strings.Contains(err.Error(), `"local"`) {
		t.Fatalf("Start = %v, want a ConfigError for dir naming plugin \"local\"", err)
	}
}

func TestAWrongChecksumStopsStart(t *testing.T) {
	bin := localdirBinary(t)
	spec := localdirSpec(t, bin, t.TempDir())
	spec.SHA256 = strings.Repeat("0", 64)
	if _, err := Start(context.Background(), []Spec{spec}, Options{Log: testLog(t)}); err == nil {
		t.Fatal("Start with a wrong checksum succeeded")
	}
}

func TestAMissingKindStopsStart(t *testing.T) {
	bin := localdirBinary(t)
	spec := localdirSpec(t, bin, t.TempDir())
	spec.Kinds = []sdk.Kind{sdk.KindAnalytics}
	if _, err := Start(context.Background(), []Spec{spec}, Options{Log: testLog(t)}); !errors.Is(err, ErrSpec) {
		t.Fatalf("Start = %v, want ErrSpec", err)
	}
}

func TestAPluginKilledMidUploadIsRestartedAndTheJobCompletes(t *testing.T) {
	bin := localdirBinary(t)
	out := t.TempDir()
	h, err := Start(context.Background(), []Spec{localdirSpec(t, bin, out)}, Options{Log: testLog(t), PingInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	data := make([]byte, 256<<20)
	_, _ = rand.Read(data)
	src := filepath.Join(t.TempDir(), "big.wav")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := spool.Open(t.TempDir(), h.Destinations(), spool.Options{BackoffBase: 50 * time.Millisecond, BackoffMax: 200 * time.Millisecond, Log: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel(); time.Sleep(50 * time.Millisecond); sp.Close() }()
	go sp.Run(ctx)
	doc := json.RawMessage(`{"id":"rec-1","mediaFiles":[{"mediaId":"big.wav","type":"audio/wav"}]}`)
	if err := sp.Submit(context.Background(), spool.Job{ID: "rec-1", Files: []spool.FileRef{{Name: "big.wav", Path: src, ContentType: "audio/wav"}}, Document: doc}); err != nil {
		t.Fatal(err)
	}
	killMidUpload(t, bin, out)
	waitFile(t, filepath.Join(out, "big.wav.json"), 60*time.Second)
	got, _ := os.ReadFile(filepath.Join(out, "big.wav"))
	if !bytes.Equal(got, data) {
		t.Fatal("the stored file differs from the recording")
	}
	if n := h.Plugin("local").Restarts(); n < 1 {
		t.Errorf("restarts = %d, want at least 1", n)
	}
}

// killMidUpload waits for the plugin's temp file, then SIGKILLs the process.
func killMidUpload(t *testing.T, bin, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if tmp, _ := filepath.Glob(filepath.Join(dir, ".big.wav.partial-*")); len(tmp) > 0 {
			pid := childPID(bin)
			if pid == 0 {
				t.Fatal("no plugin process")
			}
			if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			t.Logf("killed plugin pid %d mid-upload", pid)
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("the upload never started")
}

func waitFile(t *testing.T, path string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s did not appear in %s", path, d)
}

// childPID finds this process's child running bin (Linux /proc).
func childPID(bin string) int {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, stat := range procs {
		b, err := os.ReadFile(stat)
		if err != nil {
			return 0
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) < 2 || f[1] != strconv.Itoa(os.Getpid()) {
			continue
		}
		if exe, _ := os.Readlink(filepath.Join(filepath.Dir(stat), "exe")); exe == bin {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(stat)))
			return pid
		}
	}
	return 0
}
