package pluginhost

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/reel-project/reel/plugins/sdk"
)

// Spec is one plugin of the configuration.
type Spec struct {
	Name   string     // names its destinations, logs (plugin=<name>) and errors
	Kinds  []sdk.Kind // the kinds used; each must be one the plugin reports
	Binary string     // a path, or a file name looked up in Options.Dir, then $PATH
	SHA256 string     // optional pin of the binary, lowercase hex
	// StreamFiles streams files' bytes even to a plugin that reads local
	// files (one that cannot see the host's paths).
	StreamFiles bool
	Config      json.RawMessage
	// Builtin, when set and Binary is empty, is served in-process over an
	// in-memory gRPC connection: the embedded default needs no binary.
	Builtin sdk.Plugin
}

// Options tune the host. Zero fields take the defaults shown.
type Options struct {
	Log          *slog.Logger  // slog.Default()
	Dir          string        // plugin dir: the directory of the running executable
	CallTimeout  time.Duration // every call (10 min)
	StartTimeout time.Duration // start and handshake (30 s)
	PingInterval time.Duration // health check (10 s)
	BackoffMax   time.Duration // restart back-off cap, from 1 s doubling (1 min)
	// StateDir keeps PidFileName, the plugin processes of the running host:
	// Start ends those a previous host on the same dir left running. Empty:
	// no record, nothing ended.
	StateDir string
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.CallTimeout, 10*time.Minute)
	def(&o.StartTimeout, 30*time.Second)
	def(&o.PingInterval, 10*time.Second)
	def(&o.BackoffMax, time.Minute)
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Dir == "" {
		if exe, err := os.Executable(); err == nil {
			o.Dir = filepath.Dir(exe)
		}
	}
	return o
}

// check validates the entry.
func (s Spec) check() error {
	if s.Name == "" || strings.ContainsAny(s.Name, "/ ") {
		return fmt.Errorf("%w: name %q", ErrSpec, s.Name)
	}
	if s.Binary == "" && s.Builtin == nil {
		return fmt.Errorf("%w: plugin %q: no binary", ErrSpec, s.Name)
	}
	if len(s.Kinds) == 0 {
		return fmt.Errorf("%w: plugin %q: no kinds", ErrSpec, s.Name)
	}
	_, err := s.checksum()
	return err
}

// checksum decodes SHA256 (nil when not pinned).
func (s Spec) checksum() ([]byte, error) {
	if s.SHA256 == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(s.SHA256)
	if err != nil || len(b) != 32 {
		return nil, fmt.Errorf("%w: plugin %q: sha256 %q is not 64 hex digits", ErrSpec, s.Name, s.SHA256)
	}
	return b, nil
}

// resolve finds the binary: a path as given, else dir/<binary>, else $PATH.
func resolve(binary, dir string) (string, error) {
	if strings.ContainsRune(binary, filepath.Separator) {
		return binary, nil
	}
	if dir != "" {
		p := filepath.Join(dir, binary)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath(binary)
	if err != nil {
		return "", fmt.Errorf("%w: %q in %s or $PATH", ErrNotFound, binary, dir)
	}
	return p, nil
}
